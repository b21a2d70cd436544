/**
 * The font size at which a text fills a box without overflowing it, worked out from the text's
 * length alone: measuring the rendered text (set a size, read its height, shrink, again) forces
 * the page to lay itself out once per step, and over a note's blocks that made long tasks.
 */

/** The average advance of a character of English text, in em (sans-serif, with spaces). */
const EM_PER_CHARACTER = 0.55;
/** The panels' line height, in em (assets/image-overlay.css). */
const LINE_HEIGHT_EM = 1.15;
/** Panel padding: 3 px each side across, 1 px each side down. */
const PADDING = { x: 6, y: 2 };

export const MIN_FONT_PX = 9;
export const MAX_FONT_PX = 32;

/**
 * The largest whole pixel size, from `MAX_FONT_PX` down to `MIN_FONT_PX`, at which `text`
 * wrapped in a `width` × `height` px box fits; `MIN_FONT_PX` when none does (the panel then
 * grows downwards, see the overlay's styles).
 */
export function fitFontSize(text: string, width: number, height: number): number {
  const innerWidth = Math.max(1, width - PADDING.x);
  const innerHeight = Math.max(1, height - PADDING.y);
  const characters = Math.max(1, [...text].length);
  for (let size = MAX_FONT_PX; size > MIN_FONT_PX; size -= 1) {
    const perLine = Math.max(1, Math.floor(innerWidth / (EM_PER_CHARACTER * size)));
    const lines = Math.ceil(characters / perLine);
    if (lines * LINE_HEIGHT_EM * size <= innerHeight) return size;
  }
  return MIN_FONT_PX;
}
