import { POPOVER_TAG, isOwnNode } from '../dom/own-nodes';
import type { createTranslateClient } from '../messaging/translate-client';
import type { HoverKey } from '../settings/schema';
import type { SiteAdapter, UnitContent } from '../sites/types';
import { createPopoverHost, type PopoverHost } from '../ui/popover-host';
import { placePopover } from '../ui/popover-placement';
import type { OverlayState } from '../ui/overlay-state';
import type { TabStatsCounter } from './tab-stats';
import { chineseParts, overlayStateOf, translateRequest } from './unit-request';

export interface HoverOptions {
  adapter: SiteAdapter;
  client: ReturnType<typeof createTranslateClient>;
  targetLanguage: string;
  stats?: TabStatsCounter;
  /** How long the pointer rests on a unit before its translation shows. */
  delayMs: number;
  /** A key that must be held as well; `none`: the dwell alone. */
  key: HoverKey;
}

/** Whether the modifier `key` is down in `event`. */
function keyHeld(key: HoverKey, event: MouseEvent | KeyboardEvent): boolean {
  switch (key) {
    case 'none':
      return true;
    case 'Alt':
      return event.altKey;
    case 'Ctrl':
      return event.ctrlKey;
    case 'Shift':
      return event.shiftKey;
  }
}

interface Shown {
  unit: Element;
  host: PopoverHost;
  request: UnitContent;
  state: OverlayState;
  generation: number;
}

/**
 * Hover mode: the page stays as it is; a note or comment the pointer rests on (for `delayMs`,
 * holding `key` if one is set) shows its translation in a popover beside it, translated on
 * demand through the same cache. Leaving the unit (and the popover) hides it. The popover
 * follows its unit when the page or the note's column scrolls.
 */
export function startHoverTranslation({ adapter, client, targetLanguage, stats, delayMs, key }: HoverOptions): () => void {
  let pending: { unit: Element; timer: ReturnType<typeof setTimeout> } | null = null;
  let shown: Shown | null = null;
  let lastPointer: MouseEvent | null = null;
  /** Whether the hover key is down, from the latest pointer or key event. */
  let held = key === 'none';
  let generation = 0;
  const counted = new WeakSet<Element>();

  function unitAt(target: EventTarget | null): Element | null {
    if (!(target instanceof Element) || isOwnNode(target) || target.closest(POPOVER_TAG)) return null;
    const unit = target.closest(adapter.unitSelector);
    return unit && adapter.kindOf(unit) ? unit : null;
  }

  function render(view: Shown): void {
    view.host.render({
      state: view.state,
      placement: 'block',
      language: targetLanguage,
      onRetry: () => void translate(view, true),
    });
    position(view);
  }

  function position(view: Shown): void {
    const unitBox = view.unit.getBoundingClientRect();
    const size = view.host.element.getBoundingClientRect();
    const { left, top } = placePopover(unitBox, { width: size.width, height: size.height }, {
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
    });
    view.host.element.style.left = `${left}px`;
    view.host.element.style.top = `${top}px`;
  }

  async function translate(view: Shown, retry = false): Promise<void> {
    const mine = ++view.generation;
    view.state = { status: 'loading' };
    render(view);
    const outcomes = await translateRequest(client, view.request, retry);
    if (shown !== view || view.generation !== mine) return;
    stats?.unitTranslated(view.unit, outcomes);
    view.state = overlayStateOf(view.request, outcomes);
    render(view);
  }

  function show(unit: Element): void {
    if (shown?.unit === unit) return;
    hide();
    const kind = adapter.kindOf(unit);
    const request = kind ? chineseParts(adapter.readUnit(unit, kind)) : null;
    if (!request) return;
    if (!counted.has(unit)) {
      counted.add(unit);
      stats?.unitFound(unit);
    }
    const host = createPopoverHost();
    document.body.append(host.element);
    shown = { unit, host, request, state: { status: 'loading' }, generation: ++generation };
    void translate(shown);
  }

  function hide(): void {
    shown?.host.destroy();
    shown = null;
  }

  function cancelPending(): void {
    if (pending) clearTimeout(pending.timer);
    pending = null;
  }

  function arm(unit: Element): void {
    if (pending?.unit === unit || shown?.unit === unit) return;
    cancelPending();
    pending = {
      unit,
      timer: setTimeout(() => {
        pending = null;
        if (lastPointer && held && unitAt(lastPointer.target) === unit) show(unit);
      }, delayMs),
    };
  }

  function onPointerOver(event: MouseEvent): void {
    lastPointer = event;
    held = keyHeld(key, event);
    const target = event.target;
    // Moving from the unit into its popover keeps it open (to read it, or press Retry).
    if (shown && target instanceof Node && shown.host.element.contains(target)) return cancelPending();
    const unit = unitAt(target);
    if (!unit) {
      cancelPending();
      if (shown) hide();
      return;
    }
    if (shown && shown.unit !== unit) hide();
    arm(unit);
  }

  function onPointerMove(event: MouseEvent): void {
    lastPointer = event;
    held = keyHeld(key, event);
  }

  function onKeyUp(event: KeyboardEvent): void {
    held = keyHeld(key, event);
  }

  function onKeyDown(event: KeyboardEvent): void {
    held = keyHeld(key, event);
    if (key === 'none' || !lastPointer || !held) return;
    // The key pressed while already resting on a unit: show it after the dwell.
    const unit = unitAt(lastPointer.target);
    if (unit) arm(unit);
  }

  function onScroll(): void {
    if (!shown) return;
    if (!shown.unit.isConnected) return hide();
    position(shown);
  }

  function onDocumentLeave(event: MouseEvent): void {
    if (event.relatedTarget === null) {
      cancelPending();
      hide();
    }
  }

  // One lifetime for every listener: stopping aborts them all at once.
  const lifetime = new AbortController();
  const { signal } = lifetime;
  document.addEventListener('mouseover', onPointerOver, { capture: true, signal });
  document.addEventListener('mousemove', onPointerMove, { capture: true, passive: true, signal });
  document.addEventListener('mouseout', onDocumentLeave, { capture: true, signal });
  document.addEventListener('keydown', onKeyDown, { capture: true, signal });
  document.addEventListener('keyup', onKeyUp, { capture: true, signal });
  // Capture: the note modal's column scrolls on its own, and scroll events do not bubble.
  document.addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
  window.addEventListener('resize', onScroll, { passive: true, signal });
  signal.addEventListener('abort', () => {
    cancelPending();
    hide();
  });

  return () => lifetime.abort();
}
