import { render, h } from 'preact';
import overlayCss from '../../assets/overlay.css?inline';
import { OVERLAY_TAG } from '../dom/own-nodes';
import type { OverlayPlacement } from '../sites/types';
import { TranslationOverlay, type TranslationOverlayProps } from './TranslationOverlay';

export interface OverlayHost {
  readonly element: HTMLElement;
  render(props: TranslationOverlayProps): void;
  destroy(): void;
}

/**
 * A custom-named element with an open shadow root (tests read it) holding one overlay.
 * The name needs no registration: content scripts have no `customElements`, and any name
 * with a hyphen may host a shadow root.
 */
export function createOverlayHost(placement: OverlayPlacement): OverlayHost {
  const element = document.createElement(OVERLAY_TAG);
  element.setAttribute('data-placement', placement);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = overlayCss;
  const mount = document.createElement('div');
  shadow.append(style, mount);
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
