import { describe, expect, it } from 'vitest';
import { ocrLine } from '../../tests/unit/ocr-lines';
import { translatableBlocks } from './translatable';

describe('translatableBlocks', () => {
  it('sends each Chinese block once, and leaves English, prices and digits alone', () => {
    const lines = [
      ocrLine('西湖一日游', 40, 40, 300, 60),
      ocrLine('Day 1 · Hangzhou', 40, 160, 320, 40),
      ocrLine('¥200', 40, 240, 80, 40),
      ocrLine('2024.10.01', 40, 320, 200, 40),
      ocrLine('记得带伞', 40, 400, 160, 40),
    ];
    expect(translatableBlocks(lines).map((block) => block.text)).toEqual(['西湖一日游', '记得带伞']);
  });

  it('sends nothing from a Japanese image, whose kana show or whose lines read too short for their boxes', () => {
    expect(translatableBlocks([ocrLine('東京のカフェ', 40, 40, 240, 40)])).toEqual([]);
    // Kanji only, but a 20-character-wide box read as three characters: the kana were dropped.
    expect(translatableBlocks([ocrLine('東京駅', 40, 40, 800, 40)])).toEqual([]);
  });
});
