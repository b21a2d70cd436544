import { h, render } from 'preact';
import composerCss from '../../assets/composer.css?inline';
import panelBaseCss from '../../assets/panel-base.css?inline';
import { COMPOSER_TAG } from '../dom/own-nodes';
import { ComposerDock, type ComposerDockProps } from './ComposerDock';
import { createShadowMount } from './shadow-mount';

export interface ComposerHost {
  readonly element: HTMLElement;
  render(props: ComposerDockProps): void;
  destroy(): void;
}

/** The composer dock in its own shadow root, in RedNote's engage bar. */
export function createComposerHost(): ComposerHost {
  const { element, mount } = createShadowMount(COMPOSER_TAG, panelBaseCss + composerCss);
  return {
    element,
    render(props) {
      render(h(ComposerDock, props), mount);
    },
    destroy() {
      // Unmounting saves an unsaved draft (the panel flushes on its way out).
      render(null, mount);
      element.remove();
    },
  };
}
