import { sendToBackground } from '../messaging/send';
import type { TranslateOutcome } from '../messaging/wire';
import { t } from '../ui/i18n';
import { createPopoverHost, type PopoverHost } from '../ui/popover-host';
import { placePopover } from '../ui/popover-placement';
import type { OverlayState } from '../ui/overlay-state';
import { overlayStateOf } from './unit-request';
import { messageOf } from '../untyped';

let current: PopoverHost | null = null;

function close(): void {
  current?.destroy();
  current = null;
  document.removeEventListener('mousedown', onOutside, true);
  document.removeEventListener('keydown', onEscape, true);
}

function onOutside(event: MouseEvent): void {
  if (current && event.target instanceof Node && current.element.contains(event.target)) return;
  close();
}

function onEscape(event: KeyboardEvent): void {
  if (event.key === 'Escape') close();
}

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
 * Translates `text` (the user's selection) and shows it in a popover under the selection (or
 * above, or beside it), with "Translating…" first and Retry on an error. A click elsewhere or
 * Escape closes it.
 */
export function showSelectionTranslation(text: string, targetLanguage: string): void {
  close();
  const selection = document.getSelection();
  const anchor =
    selection && selection.rangeCount > 0
      ? selection.getRangeAt(0).getBoundingClientRect()
      : { left: 16, top: 16, right: 16, bottom: 16 };
  const host = createPopoverHost();
  current = host;
  host.element.setAttribute('data-source', 'selection');
  document.body.append(host.element);

  function show(state: OverlayState): void {
    if (current !== host) return;
    host.render({ state, placement: 'block', language: targetLanguage, onRetry: () => void run(true) });
    const size = host.element.getBoundingClientRect();
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    const at = placePopover(anchor, size, viewport);
    host.element.style.left = `${at.left}px`;
    host.element.style.top = `${at.top}px`;
  }
  async function run(retry: boolean): Promise<void> {
    show({ status: 'loading' });
    show(await translate(text, retry));
  }

  document.addEventListener('mousedown', onOutside, true);
  document.addEventListener('keydown', onEscape, true);
  void run(false);
}
