/**
 * Text-level clean-up of what the recogniser read, and telling Japanese images apart.
 * PP-OCRv4's Chinese model has known misreadings (full-width forms, `0` for `O`, `X` for ❌) and no
 * kana at all, so a Japanese image comes out as its kanji alone and looks Chinese.
 */

import { detectLanguage } from '../text/detect';
import { VERTICAL_RATIO } from './crop';
import { distance } from './geometry';
import type { OcrLine, Quad } from './types';

/**
 * Full-width forms that Chinese text uses as its own punctuation. NFKC would turn them into ASCII
 * (`，` → `,`, `：` → `:`), which changes how the text reads and how translators split it.
 */
const CHINESE_PUNCTUATION = new Set(['，', '：', '；', '！', '？', '（', '）', '～']);

/** Full-width ASCII forms (U+FF01–FF5E) and the full-width yen/yuan sign `￥` (U+FFE5). */
const FULL_WIDTH = /[\uFF01-\uFF5E\uFFE5]/gu;

/**
 * NFKC on full-width letters, digits, symbols and `￥` only: NFKC over the whole text would also
 * flatten Chinese punctuation, circled list numbers (`①` → `1`) and half-width katakana.
 */
export function normalizeFullWidth(text: string): string {
  return text.replace(FULL_WIDTH, (char) => (CHINESE_PUNCTUATION.has(char) ? char : char.normalize('NFKC')));
}

/** A run of ASCII letters and digits: the unit in which a `0` is judged. */
const ALNUM_WORD = /[A-Za-z0-9]+/gu;

/**
 * The case an `O` takes in place of the `0` at `index`: that of the next letter (a title-case
 * `C0ffee` wants `o`), or of the previous one at the end of the word.
 */
function letterO(word: string, index: number): string {
  const next = word.slice(index + 1).match(/[A-Za-z]/u)?.[0];
  const previous = word.slice(0, index).match(/[A-Za-z](?=[^A-Za-z]*$)/u)?.[0];
  const neighbour = next ?? previous ?? 'O';
  return neighbour === neighbour.toLowerCase() ? 'o' : 'O';
}

/**
 * `0` read for `O` inside a Latin word: a word made only of letters and zeros, with at least two
 * letters (`C0FFEE`, `L0VE`, `HELL0`). Any other digit in the word marks it as a number or a code
 * (`Day10`, `iPhone15`), a single letter may be a size or a grade (`A0`), and a leading `0`
 * before lower-case letters is a quantity with its unit (`0kcal`, `0ml`): those stay.
 */
export function fixZeroForO(text: string): string {
  return text.replace(ALNUM_WORD, (word) => {
    if (!word.includes('0') || /[1-9]/u.test(word)) return word;
    if ((word.match(/[A-Za-z]/gu)?.length ?? 0) < 2 || /^0+[a-z]/u.test(word)) return word;
    return [...word].map((char, index) => (char === '0' ? letterO(word, index) : char)).join('');
  });
}

/** An X at a line's start before Chinese, unless it is directly the X of 光, 线, 射 or 型. */
const CROSS_MARKER = /^([ \t]*)[Xx](?=[ \t]+\p{Script=Han}|(?![光线射型])\p{Script=Han})/gmu;

/**
 * `X` (or `x`) read for ❌ when it stands as a list marker: at the start of a line, followed by a
 * Chinese character, directly or after spaces. Requiring Chinese after it keeps `Xbox`,
 * `X Factor` and `x 2` as they are. Directly before 光, 线, 射 or 型 it is the letter of a Chinese
 * word (`X光` X-ray, `X线`, `X射线`, `X型腿`) and stays.
 */
export function fixCrossMarker(text: string): string {
  return text.replace(CROSS_MARKER, '$1❌');
}

/**
 * The model's known misreadings, fixed before the text is shown or translated: full-width forms to
 * ASCII (Chinese punctuation kept), `0` for `O` in Latin words, `X` for a ❌ list marker.
 */
export function fixOcrText(text: string): string {
  return fixCrossMarker(fixZeroForO(normalizeFullWidth(text)));
}

/**
 * Read characters below this share of what the boxes hold mean kana went missing. A Chinese line
 * reads about one character per box height of width (square glyphs, tight boxes): 0.8–1.1 of the
 * estimate. Japanese prose is some 60–70 % kana, so its kanji alone come to 0.3–0.4. Half sits
 * between the two with room either side.
 */
export const MISSING_KANA_RATIO = 0.5;

/**
 * Lines estimated to hold fewer characters than this are left out of the width rule: the box's
 * padding at each end is a large share of a short line's width, so its estimate is unreliable.
 */
export const MIN_EXPECTED_CHARS = 4;


/**
 * A box's own width and height, along its sides: a tilted sticker's axis-aligned bounds are taller
 * than its text and would hide missing characters.
 */
export function boxSize([topLeft, topRight, bottomRight, bottomLeft]: Quad): { width: number; height: number } {
  return {
    width: (distance(topLeft, topRight) + distance(bottomLeft, bottomRight)) / 2,
    height: (distance(topLeft, bottomLeft) + distance(topRight, bottomRight)) / 2,
  };
}

/** About width ÷ height characters: Chinese glyphs are square and set close together. */
export function expectedCharCount(line: OcrLine): number {
  const { width, height } = boxSize(line.box.corners);
  return height > 0 ? width / height : 0;
}

/**
 * A line set in a column, by the rule crop.ts uses to turn it upright for the recogniser: its
 * width says nothing about how many characters it holds.
 */
function isVertical(line: OcrLine): boolean {
  const { width, height } = boxSize(line.box.corners);
  return height >= VERTICAL_RATIO * width;
}

function readCharCount(text: string): number {
  return [...text.replace(/\s/gu, '')].length;
}

/**
 * Lines the width rule weighs: horizontal, long enough, and holding a Chinese character. Only a
 * line the model read as Chinese can be Japanese with its kana dropped; an English or digits line
 * reads at least as many characters as its box suggests and says nothing either way.
 */
function weighedForWidth(line: OcrLine): boolean {
  return (
    !isVertical(line) &&
    expectedCharCount(line) >= MIN_EXPECTED_CHARS &&
    /\p{Script=Han}/u.test(line.text)
  );
}

/** True when the horizontal Chinese lines hold far fewer characters than their boxes suggest. */
export function looksKanaDropped(lines: readonly OcrLine[]): boolean {
  const weighed = lines.filter(weighedForWidth);
  const expected = weighed.reduce((sum, line) => sum + expectedCharCount(line), 0);
  const read = weighed.reduce((sum, line) => sum + readCharCount(line.text), 0);
  return expected > 0 && read < MISSING_KANA_RATIO * expected;
}

/**
 * Whether an image is Japanese, so it is not translated as Chinese. Kana counts as the project's
 * detection counts it (src/text/detect.ts), per line and over the whole image: a Chinese line with
 * a stray `の` (小清新の日常) or a `・` stays Chinese. Since the model has no kana, the usual
 * sign is the other one: lines much shorter than their boxes (see `looksKanaDropped`).
 */
export function isJapaneseText(lines: readonly OcrLine[]): boolean {
  const texts = lines.map((line) => line.text);
  // detect.ts counts Hiragana and Katakana by script, which takes in half-width katakana too.
  const hasKana = [...texts, texts.join('')].some((text) => detectLanguage(text) === 'ja');
  return hasKana || looksKanaDropped(lines);
}
