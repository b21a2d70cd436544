import { h, render } from 'preact';
import overlayCss from '../../assets/overlay.css?inline';
import { POPOVER_TAG } from '../dom/own-nodes';
import { createShadowMount } from './shadow-mount';
import { TranslationOverlay, type TranslationOverlayProps } from './TranslationOverlay';

export interface PopoverHost {
  readonly element: HTMLElement;
  render(props: TranslationOverlayProps): void;
  destroy(): void;
}

/** A hover-mode popover: the overlay's content, fixed to the viewport above the page. */
export function createPopoverHost(): PopoverHost {
  const { element, mount } = createShadowMount(POPOVER_TAG, overlayCss);
  element.setAttribute('role', 'tooltip');
  // Inline, so no page style can move it; `left`/`top` are set from the unit's position.
  element.style.cssText =
    'all: initial; position: fixed; z-index: 2147483646; display: block; max-width: min(420px, calc(100vw - 16px)); left: 0; top: 0;';
  return {
    element,
    render(props) {
      element.setAttribute('data-state', props.state.status);
      render(h(TranslationOverlay, props), mount);
    },
    destroy() {
      render(null, mount);
      element.remove();
    },
  };
}
