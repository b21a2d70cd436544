import { h, render } from 'preact';
import composerCss from '../../assets/composer.css?inline';
import { COMPOSER_TAG } from '../dom/own-nodes';
import { ComposerDock, type ComposerDockProps } from './ComposerDock';

export interface ComposerHost {
  readonly element: HTMLElement;
  render(props: ComposerDockProps): void;
  destroy(): void;
}

/** A custom-named element with an open shadow root (tests read it) holding the composer dock. */
export function createComposerHost(): ComposerHost {
  const element = document.createElement(COMPOSER_TAG);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = composerCss;
  const mount = document.createElement('div');
  shadow.append(style, mount);
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
