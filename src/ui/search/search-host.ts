import { h, render, type ComponentChild } from 'preact';
import panelBaseCss from '../../../assets/panel-base.css?inline';
import searchCss from '../../../assets/search.css?inline';
import { createShadowMount } from '../shadow-mount';

export interface SearchHost {
  readonly element: HTMLElement;
  render(content: ComponentChild): void;
  destroy(): void;
}

/** A RedBridge element for search (`tag`), its Preact content in its own shadow root with search.css. */
export function createSearchHost(tag: string): SearchHost {
  const { element, mount } = createShadowMount(tag, panelBaseCss + searchCss);
  return {
    element,
    render(content) {
      render(h('div', { class: 'root' }, content), mount);
    },
    destroy() {
      render(null, mount);
      element.remove();
    },
  };
}
