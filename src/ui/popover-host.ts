import { POPOVER_TAG } from '../dom/own-nodes';
import { createTranslationHost, type OverlayHost } from './overlay-host';

export type PopoverHost = OverlayHost;

/** A hover-mode popover: the overlay's content, fixed to the viewport above the page. */
export function createPopoverHost(): PopoverHost {
  const host = createTranslationHost(POPOVER_TAG);
  host.element.setAttribute('role', 'tooltip');
  // Inline, so no page style can move it; `left`/`top` are set from the unit's position.
  host.element.style.cssText =
    'all: initial; position: fixed; z-index: 2147483646; display: block; max-width: min(420px, calc(100vw - 16px)); left: 0; top: 0;';
  return host;
}
