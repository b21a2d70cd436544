import { LABEL_TAG } from '../dom/own-nodes';
import { createShadowMount } from './shadow-mount';

/** Small and quiet, in the line of the phrase it follows: the page's own words stay the main text. */
const LABEL_CSS = `:host { display: inline; margin: 0 6px; }
.label { display: inline; font-size: 0.92em; color: #5b6b8c; white-space: nowrap; }`;

/** A fixed label's element: the English as text (never HTML), in an open shadow root tests can read. */
export function createFixedLabel(english: string): HTMLElement {
  const { element, mount } = createShadowMount(LABEL_TAG, LABEL_CSS);
  element.setAttribute('lang', 'en');
  mount.className = 'label';
  mount.textContent = english;
  return element;
}
