import type { SiteAdapter, UnitContent, UnitKind } from '../sites/types';
import { nextFrame } from './schedule';

export interface TrackedUnit {
  /** Short id, also written on the element as `data-redbridge-id`. */
  readonly id: string;
  readonly element: Element;
  readonly kind: UnitKind;
  content: UnitContent;
}

export interface UnitTrackerHandlers {
  added(unit: TrackedUnit): void;
  /** The page changed the unit's words in place. */
  changed(unit: TrackedUnit): void;
  removed(unit: TrackedUnit): void;
  /** The page removed one of our own nodes (`isOwnNode`), e.g. while re-rendering. */
  ownNodeRemoved(node: Element): void;
}

export const UNIT_ID_ATTRIBUTE = 'data-redbridge-id';

let nextId = 1;

/**
 * Finds a site's units in the page and follows them as the page changes: infinite scroll,
 * SPA navigation, lazy replies, re-renders. One MutationObserver whose callback only collects
 * records; the work happens once per frame over the whole batch.
 */
export function createUnitTracker(
  adapter: SiteAdapter,
  isOwnNode: (node: Node) => boolean,
  handlers: UnitTrackerHandlers,
) {
  const tracked = new WeakMap<Element, TrackedUnit>();
  let pending: MutationRecord[] = [];
  let scheduled = false;

  function contentKey(content: UnitContent): string {
    return `${content.text}\u0000${content.tags.join('\u0000')}`;
  }

  function track(element: Element): void {
    if (tracked.has(element)) return;
    const kind = adapter.kindOf(element);
    if (!kind) return;
    const unit: TrackedUnit = { id: `u${nextId++}`, element, kind, content: adapter.readUnit(element, kind) };
    element.setAttribute(UNIT_ID_ATTRIBUTE, unit.id);
    tracked.set(element, unit);
    handlers.added(unit);
  }

  function unitsIn(root: Element): Element[] {
    const found = Array.from(root.querySelectorAll(adapter.unitSelector));
    if (root.matches(adapter.unitSelector)) found.unshift(root);
    return found;
  }

  function recheck(element: Element): void {
    const unitElement = element.closest(adapter.unitSelector);
    const unit = unitElement && tracked.get(unitElement);
    if (!unit) return;
    const content = adapter.readUnit(unit.element, unit.kind);
    if (contentKey(content) === contentKey(unit.content)) return;
    unit.content = content;
    handlers.changed(unit);
  }

  function process(): void {
    scheduled = false;
    const records = pending;
    pending = [];
    const added = new Set<Element>();
    const removed = new Set<Element>();
    const touched = new Set<Element>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      if (target && !isOwnNode(target)) touched.add(target);
      record.addedNodes.forEach((node) => {
        if (node instanceof Element && !isOwnNode(node)) added.add(node);
      });
      record.removedNodes.forEach((node) => {
        if (node instanceof Element) removed.add(node);
      });
    }
    for (const element of touched) if (element.isConnected) recheck(element);
    for (const root of added) if (root.isConnected) unitsIn(root).forEach(track);
    for (const root of removed) {
      if (root.isConnected) continue;
      if (isOwnNode(root)) {
        handlers.ownNodeRemoved(root);
        continue;
      }
      // Selectors cannot match inside a detached subtree (`.right > .content` has no parent
      // there), so removed units are found by the id we wrote on them.
      const gone = Array.from(root.querySelectorAll(`[${UNIT_ID_ATTRIBUTE}]`));
      if (root.hasAttribute(UNIT_ID_ATTRIBUTE)) gone.push(root);
      for (const element of gone) {
        const unit = tracked.get(element);
        if (!unit) continue;
        tracked.delete(element);
        handlers.removed(unit);
      }
    }
  }

  const observer = new MutationObserver((records) => {
    pending.push(...records);
    if (!scheduled) {
      scheduled = true;
      nextFrame(process);
    }
  });

  return {
    start(root: Element = document.documentElement): void {
      observer.observe(root, { childList: true, subtree: true, characterData: true });
      unitsIn(root).forEach(track);
    },
    stop(): void {
      observer.disconnect();
      pending = [];
    },
  };
}
