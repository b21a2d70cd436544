/**
 * Merges recognised lines into blocks that read as one unit — a title over two lines, a caption, a
 * list item — so each is translated whole: a sentence cut at a line break translates badly.
 */

import { fixOcrText } from './ocr-text';
import { boundsOf, groupRows, unionOf } from './reading-order';
import type { OcrBlock, OcrLine, Rect } from './types';

/**
 * A vertical gap up to this share of the smaller line height is line spacing within a block.
 * RedNote captions are often set at 1.45–1.5× line spacing, which leaves gaps of up to 0.86 of
 * the detected line's height: at 0.6, every line of such a caption was a block of its own.
 */
export const MAX_GAP_RATIO = 1.0;
/** Lines of one block are set in one size: heights may differ by this share of the larger. */
export const MAX_HEIGHT_DIFFERENCE = 0.3;

/**
 * What starts a list item: `1.` `2、` `3)` `4）` (not a decimal such as `1.5`), `①`–`⑳`, bullets
 * and dashes, ✅ ❌ ✔ 👉 📍, `Day1`/`DAY 2`. Checked on the fixed text, so an `X` read for ❌ counts.
 */
const LIST_MARKER = /^\s*(?:\d{1,2}[.、)）](?!\d)|[①-⑳]|[•·・●✅❌✔👉📍]|-(?!\d)|day\s*\d)/iu;

/** Each list item is its own block, however close the next one sits. */
export function startsWithListMarker(text: string): boolean {
  return LIST_MARKER.test(fixOcrText(text));
}

function overlapsHorizontally(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width;
}

/**
 * Whether `next` (in the row below) continues the block that `last` ends, from their boxes alone:
 * a small gap, a similar height, and left edges or centres within one line height of each other
 * (left-aligned paragraphs and centred titles).
 */
export function continuesBlock(last: Rect, next: Rect): boolean {
  const smaller = Math.min(last.height, next.height);
  const larger = Math.max(last.height, next.height);
  const gap = next.y - (last.y + last.height);
  const leftsAlign = Math.abs(next.x - last.x) <= larger;
  const centresAlign = Math.abs(next.x + next.width / 2 - (last.x + last.width / 2)) <= larger;
  return gap < MAX_GAP_RATIO * smaller && larger - smaller <= MAX_HEIGHT_DIFFERENCE * larger && (leftsAlign || centresAlign);
}

/**
 * A join is taken only when it is the one way to go: no other line in `next`'s row sits under
 * `last`, and no other line in `last`'s row sits over `next`. Where a title spans two stickers, or
 * two stickers sit over one line, the layout splits or merges columns and the pieces stay apart.
 */
function isOnlyJoin(last: Rect, lastRow: readonly Rect[], next: Rect, nextRow: readonly Rect[]): boolean {
  const others = (row: readonly Rect[], own: Rect): Rect[] => row.filter((rect) => rect !== own);
  return (
    !others(nextRow, next).some((rect) => overlapsHorizontally(rect, last)) &&
    !others(lastRow, last).some((rect) => overlapsHorizontally(rect, next))
  );
}

const LATIN_END = /[\p{Script=Latin}\d][.,!?;:%)'"]*$/u;
const LATIN_START = /^['"(]*[\p{Script=Latin}\d]/u;

/**
 * The lines' text as the block reads: Chinese lines run on without a space (Chinese has none
 * between words), and a line ending in a Latin word or number before one starting with a Latin
 * word or number gets one space, as the line break stood for one.
 */
export function joinLineTexts(texts: readonly string[]): string {
  return texts
    .map((text) => text.trim())
    .reduce((joined, text) => {
      if (joined === '' || text === '') return joined + text;
      return LATIN_END.test(joined) && LATIN_START.test(text) ? `${joined} ${text}` : joined + text;
    }, '');
}

interface OpenBlock {
  lines: OcrLine[];
  last: Rect;
  lastRow: number;
}

function toBlock(open: OpenBlock): OcrBlock {
  return {
    lines: open.lines,
    text: joinLineTexts(open.lines.map((line) => line.text)),
    bounds: unionOf(open.lines.map((line) => boundsOf(line.box.corners))),
  };
}

/**
 * Lines merged into blocks, in reading order. Rows are grouped by the same rule as `readingOrder`,
 * so the order the lines come in does not matter. A line joins the block ending in the row just
 * above when `continuesBlock` holds, the join is the only one possible (`isOnlyJoin`), and the line
 * does not start a list item. Lines side by side in one row never join each other.
 */
export function mergeBlocks(lines: readonly OcrLine[]): OcrBlock[] {
  const rows = groupRows(lines);
  const rowRects = rows.map((row) => row.map((line) => boundsOf(line.box.corners)));
  const blocks: OpenBlock[] = [];
  rows.forEach((row, rowIndex) => {
    const rects = rowRects[rowIndex] ?? [];
    const above = rowRects[rowIndex - 1] ?? [];
    row.forEach((line, lineIndex) => {
      const rect = rects[lineIndex] as Rect;
      const target = startsWithListMarker(line.text)
        ? undefined
        : blocks.find(
            (block) =>
              block.lastRow === rowIndex - 1 && continuesBlock(block.last, rect) && isOnlyJoin(block.last, above, rect, rects),
          );
      if (target) {
        target.lines.push(line);
        target.last = rect;
        target.lastRow = rowIndex;
      } else {
        blocks.push({ lines: [line], last: rect, lastRow: rowIndex });
      }
    });
  });
  return blocks.map(toBlock);
}
