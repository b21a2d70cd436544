import { render, h } from 'preact';
import slangCss from '../../assets/slang.css?inline';
import overlayCss from '../../assets/overlay.css?inline';
import { OVERLAY_TAG } from '../dom/own-nodes';
import type { OverlayPlacement } from '../sites/types';
import { createShadowMount } from './shadow-mount';
import { TranslationOverlay, type TranslationOverlayProps } from './TranslationOverlay';

export interface OverlayHost {
  readonly element: HTMLElement;
  render(props: TranslationOverlayProps): void;
  destroy(): void;
}

/** One overlay in its own shadow root, next to the unit it translates. */
export function createOverlayHost(placement: OverlayPlacement): OverlayHost {
  const host = createTranslationHost(OVERLAY_TAG);
  host.element.setAttribute('data-placement', placement);
  return host;
}

/** A translation (loading, done or failed) in a `tag` element's shadow root; `data-state` says which. */
export function createTranslationHost(tag: string): OverlayHost {
  const { element, mount } = createShadowMount(tag, overlayCss + slangCss);
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
