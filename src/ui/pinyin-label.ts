import { PINYIN_TAG } from '../dom/own-nodes';

/**
 * Inline, so the page's style sheets (which know nothing of this element) leave it as it is:
 * smaller than the name and in its colour, faded, so it reads in the light and dark themes
 * alike. One line, cut with an ellipsis rather than wrapped: a name row never grows taller. In
 * a name's flex row it takes only the room left over (from nothing up to its own width), so the
 * name never gives up a pixel and wraps: shrinking both, even weighted, made Firefox wrap names.
 */
const STYLE = [
  'display: inline-block',
  'flex: 1 1 0px',
  'min-width: 0',
  'max-width: max-content',
  'margin: 0 0 0 0.4em',
  'padding: 0',
  'overflow: hidden',
  'text-overflow: ellipsis',
  'white-space: nowrap',
  'vertical-align: baseline',
  'font-size: 12px',
  'font-weight: 400',
  'font-style: normal',
  'line-height: 16px',
  'letter-spacing: normal',
  'text-transform: none',
  'color: inherit',
  'opacity: 0.6',
].join('; ');

/** A display name's pinyin, as text, marked so that neither RedBridge nor the browser translates it. */
export function createPinyinLabel(doc: Document, pinyin: string): HTMLElement {
  const label = doc.createElement(PINYIN_TAG);
  label.lang = 'zh-Latn-pinyin';
  label.setAttribute('translate', 'no');
  label.style.cssText = STYLE;
  label.title = pinyin;
  label.textContent = pinyin;
  return label;
}
