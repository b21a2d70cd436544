import { sendToBackground } from '../messaging/send';
import type { TranslateOutcome } from '../messaging/wire';
import { t } from '../ui/i18n';
import { createPopoverHost } from '../ui/popover-host';
import { placePopover } from '../ui/popover-placement';
import type { OverlayState } from '../ui/overlay-state';
import { overlayStateOf } from './unit-request';
import { messageOf } from '../untyped';

async function translate(text: string, retry: boolean): Promise<OverlayState> {
  let outcomes: TranslateOutcome[];
  try {
    outcomes = await sendToBackground({ type: 'translate', texts: [text], retry });
  } catch (error) {
    const detail = messageOf(error);
    return { status: 'error', message: t('selection_notResponding', detail) };
  }
  return overlayStateOf({ text }, outcomes);
}

/**
 * The popover of "Translate selection with RedBridge", one at a time: `show` translates `text`
 * (the user's selection) and shows it under the selection (or above, or beside it), with
 * "Translating…" first and Retry on an error. A click elsewhere or Escape closes it.
 */
export function createSelectionPopover() {
  /** The shown popover's lifetime: aborting it closes the popover and ends its listeners. */
  let shown: AbortController | null = null;
  const close = (): void => {
    shown?.abort();
    shown = null;
  };

  function show(text: string, targetLanguage: string): void {
    close();
    const selection = document.getSelection();
    const anchor =
      selection && selection.rangeCount > 0
        ? selection.getRangeAt(0).getBoundingClientRect()
        : { left: 16, top: 16, right: 16, bottom: 16 };
    const host = createPopoverHost();
    const lifetime = new AbortController();
    const { signal } = lifetime;
    shown = lifetime;
    signal.addEventListener('abort', () => host.destroy());
    host.element.setAttribute('data-source', 'selection');
    document.body.append(host.element);

    function render(state: OverlayState): void {
      if (signal.aborted) return;
      host.render({ state, placement: 'block', language: targetLanguage, onRetry: () => void run(true) });
      const size = host.element.getBoundingClientRect();
      const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
      const at = placePopover(anchor, size, viewport);
      host.element.style.left = `${at.left}px`;
      host.element.style.top = `${at.top}px`;
    }
    async function run(retry: boolean): Promise<void> {
      render({ status: 'loading' });
      render(await translate(text, retry));
    }

    const onOutside = (event: MouseEvent): void => {
      if (!(event.target instanceof Node && host.element.contains(event.target))) close();
    };
    const onEscape = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('mousedown', onOutside, { capture: true, signal });
    document.addEventListener('keydown', onEscape, { capture: true, signal });
    void run(false);
  }

  return { show };
}
