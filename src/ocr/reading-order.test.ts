import { describe, expect, it } from 'vitest';
import { ocrLine } from '../../tests/unit/ocr-lines';
import { boundsOf, groupRows, inSameRow, readingOrder, unionOf } from './reading-order';
import type { OcrLine } from './types';

const line = ocrLine;

const texts = (lines: readonly OcrLine[]): string[] => lines.map((each) => each.text);

describe('boundsOf', () => {
  it('takes the axis-aligned bounds of a rotated box from its four corners', () => {
    const rotated: OcrLine['box']['corners'] = [
      { x: 10, y: 20 },
      { x: 110, y: 0 },
      { x: 114, y: 20 },
      { x: 14, y: 40 },
    ];
    expect(boundsOf(rotated)).toEqual({ x: 10, y: 0, width: 104, height: 40 });
  });
});

describe('unionOf', () => {
  it('spans all the rectangles', () => {
    expect(unionOf([
      { x: 10, y: 10, width: 20, height: 20 },
      { x: 0, y: 40, width: 5, height: 5 },
    ])).toEqual({ x: 0, y: 10, width: 30, height: 35 });
  });
});

describe('inSameRow', () => {
  it('holds while the centres differ by less than half the smaller height', () => {
    const a = { x: 0, y: 0, width: 100, height: 40 };
    expect(inSameRow(a, { x: 200, y: 9, width: 100, height: 20 })).toBe(true); // centres 20 and 19
    expect(inSameRow(a, { x: 200, y: 20, width: 100, height: 20 })).toBe(false); // centres 20 and 30: 10 is not < 10
  });
});

describe('readingOrder', () => {
  it('reads two stickers side by side at slightly different heights left then right', () => {
    const left = line('左边', 20, 110, 200, 40);
    const right = line('右边', 300, 100, 200, 40);
    expect(texts(readingOrder([right, left]))).toEqual(['左边', '右边']);
  });

  it('reads rows top to bottom, even when a lower row starts further left', () => {
    const lines = [line('第二行', 0, 100, 300, 30), line('第一行', 50, 50, 300, 30), line('第三行', 10, 150, 300, 30)];
    expect(texts(readingOrder(lines))).toEqual(['第一行', '第二行', '第三行']);
  });

  it('reads a vertical title at the right edge in the row level with its middle, not first', () => {
    // Rows at y = 20, 70, 120, 170; the title spans 10–240, so its middle (125) is level with row 3.
    const rows = [20, 70, 120, 170].map((y, index) => line(`行${index + 1}`, 20, y, 400, 30));
    const title = line('竖排标题', 560, 10, 40, 230);
    expect(texts(readingOrder([title, ...rows]))).toEqual(['行1', '行2', '行3', '竖排标题', '行4']);
  });

  it('keeps a tall title from swallowing the rows of small text beside it', () => {
    const title = line('大标题', 0, 0, 300, 200);
    // Small lines centred at 20, 60, 100, 140, 180; the title's middle (100) is level with the third.
    const small = [10, 50, 90, 130, 170].map((y, index) => line(`小${index + 1}`, 400, y, 100, 20));
    expect(groupRows([title, ...small]).map(texts)).toEqual([['小1'], ['小2'], ['大标题', '小3'], ['小4'], ['小5']]);
  });

  it('chains stickers that step down a little at a time into one row', () => {
    const steps = [0, 15, 30, 45].map((y, index) => line(`贴${index + 1}`, index * 120, y, 100, 40));
    expect(groupRows(steps)).toHaveLength(1);
  });

  it('gives the same order whatever order the lines come in', () => {
    const lines = [
      line('标题', 100, 10, 400, 60),
      line('左贴纸', 20, 110, 150, 40),
      line('中贴纸', 220, 100, 150, 40),
      line('右贴纸', 420, 118, 150, 40),
      line('正文一', 20, 200, 500, 30),
      line('正文二', 20, 240, 500, 30),
      line('竖排', 600, 90, 40, 200),
    ];
    const expected = texts(readingOrder(lines));
    const reversed = [...lines].reverse();
    const shuffled = [lines[3], lines[6], lines[0], lines[5], lines[1], lines[4], lines[2]].filter(
      (each): each is OcrLine => each !== undefined,
    );
    expect(texts(readingOrder(reversed))).toEqual(expected);
    expect(texts(readingOrder(shuffled))).toEqual(expected);
    expect(expected.slice(0, 4)).toEqual(['标题', '左贴纸', '中贴纸', '右贴纸']);
  });
});
