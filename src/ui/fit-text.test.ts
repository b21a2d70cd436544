import { describe, expect, it } from 'vitest';
import { fitFontSize, MAX_FONT_PX, MIN_FONT_PX } from './fit-text';

describe('fitFontSize', () => {
  it('gives a short text in a tall box the largest size', () => {
    expect(fitFontSize('Hi', 400, 200)).toBe(MAX_FONT_PX);
  });

  it('shrinks a text until its wrapped lines fit the box', () => {
    const text = 'A hidden-gem café in Hangzhou: go this weekend!';
    const size = fitFontSize(text, 400, 70);
    expect(size).toBeLessThan(MAX_FONT_PX);
    // At that size the text wraps into lines that fit; one pixel larger, it would not.
    const lines = (px: number) => Math.ceil(text.length / Math.floor(394 / (0.55 * px)));
    expect(lines(size) * 1.15 * size).toBeLessThanOrEqual(68);
    expect(lines(size + 1) * 1.15 * (size + 1)).toBeGreaterThan(68);
  });

  it('never goes below the smallest readable size, however long the text', () => {
    expect(fitFontSize('word '.repeat(200), 100, 20)).toBe(MIN_FONT_PX);
  });
});
