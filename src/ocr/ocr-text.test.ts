import { describe, expect, it } from 'vitest';
import { ocrLine } from '../../tests/unit/ocr-lines';
import { expectedCharCount, fixCrossMarker, fixOcrText, fixZeroForO, isJapaneseText, normalizeFullWidth } from './ocr-text';
import type { OcrLine, Point } from './types';

const line = ocrLine;

describe('fixOcrText', () => {
  it('turns the full-width yuan sign into ¥', () => {
    expect(fixOcrText('￥200')).toBe('¥200');
  });

  it('turns full-width letters and digits into ASCII', () => {
    expect(fixOcrText('ＡＢＣ')).toBe('ABC');
    expect(fixOcrText('价格１２０元')).toBe('价格120元');
  });

  it('leaves Chinese punctuation as it is', () => {
    const text = '今天，天气很好。推荐：咖啡、甜品；真的！好吗？（限时）～【必买】《攻略》“好”';
    expect(fixOcrText(text)).toBe(text);
  });

  it('leaves circled list numbers alone, which NFKC would turn into digits', () => {
    expect(fixOcrText('①先去外滩')).toBe('①先去外滩');
  });

  it('reads a 0 inside a Latin word as O', () => {
    expect(fixOcrText('C0FFEE')).toBe('COFFEE');
    expect(fixOcrText('I L0VE 上海')).toBe('I LOVE 上海');
    expect(fixOcrText('HELL0')).toBe('HELLO');
    expect(fixOcrText('c0ffee')).toBe('coffee');
    expect(fixOcrText('ＣＯＦＦ０Ｅ')).toBe('COFFOE');
  });

  it('leaves numbers, codes and quantities with units alone', () => {
    for (const text of ['Day10', '200元', '0.5', 'iPhone15', 'A0', '0kcal', '00后', '2020年']) {
      expect(fixOcrText(text), text).toBe(text);
    }
  });

  it('reads an X that starts a line before Chinese as ❌', () => {
    expect(fixOcrText('X不要买')).toBe('❌不要买');
    expect(fixOcrText('x 别去')).toBe('❌ 别去');
    expect(fixOcrText('✅要买\nX不要买')).toBe('✅要买\n❌不要买');
  });

  it('leaves X-words, Latin words and an X inside a line alone', () => {
    for (const text of ['X光片', 'X射线', 'X型腿', 'Xbox真好玩', 'X Factor', '拍了X光']) {
      expect(fixOcrText(text), text).toBe(text);
    }
  });
});

describe('the fixes one by one', () => {
  it('normalizeFullWidth keeps the full-width comma and colon', () => {
    expect(normalizeFullWidth('ＯＫ，好：')).toBe('OK，好：');
  });

  it('fixZeroForO needs two letters and no other digit', () => {
    expect(fixZeroForO('G0 G00D')).toBe('G0 GOOD');
  });

  it('fixCrossMarker keeps the indent before the marker', () => {
    expect(fixCrossMarker('  X不要')).toBe('  ❌不要');
  });
});

describe('isJapaneseText', () => {
  it('is true for a line holding kana', () => {
    expect(isJapaneseText([line('美味しいラーメン', 0, 0, 400, 50)])).toBe(true);
  });

  it('is true for half-width katakana', () => {
    expect(isJapaneseText([line('ｶﾌｪ', 0, 0, 100, 50)])).toBe(true);
  });

  it('is false for a Chinese line with one stray の', () => {
    expect(isJapaneseText([line('小清新の日常', 0, 0, 300, 50)])).toBe(false);
  });

  it('is false for a Chinese line whose count fits its box', () => {
    expect(isJapaneseText([line('今天去了一家很好吃的店', 0, 0, 500, 50)])).toBe(false);
  });

  it('is true for kanji-only lines much shorter than their boxes', () => {
    // 今日は美味しいラーメンを食べました read as its kanji: 5 characters in a box for 18.
    expect(isJapaneseText([line('今日美味食', 0, 0, 900, 50), line('東京駅', 0, 60, 400, 50)])).toBe(true);
  });

  it('is false when the Chinese lines read as many characters as their boxes hold overall', () => {
    expect(isJapaneseText([line('价格 200元', 0, 0, 500, 50), line('今天去了一家很好吃的店', 0, 60, 500, 50)])).toBe(false);
  });

  it('does not count English or digit lines, however short they read', () => {
    expect(isJapaneseText([line('OK', 0, 0, 400, 50), line('2024', 0, 60, 500, 50)])).toBe(false);
  });

  it('leaves vertical and short lines out of the width rule', () => {
    expect(isJapaneseText([line('东京', 0, 0, 50, 400)])).toBe(false);
    expect(isJapaneseText([line('店', 0, 0, 150, 50)])).toBe(false);
  });

  it('expects about width ÷ height characters in a line', () => {
    expect(expectedCharCount(line('一二三四', 0, 0, 200, 50))).toBe(4);
  });

  it('measures a tilted line along its sides, not by its upright bounds', () => {
    // A 400 × 50 line turned 30°: its upright bounds are about 371 × 243, which would expect 1.5.
    const [cos, sin] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const turn = (x: number, y: number): Point => ({ x: x * cos - y * sin, y: x * sin + y * cos });
    const corners: OcrLine['box']['corners'] = [turn(0, 0), turn(400, 0), turn(400, 50), turn(0, 50)];
    const tilted: OcrLine = { box: { corners, score: 0.9 }, text: '今天', confidence: 0.9 };
    expect(expectedCharCount(tilted)).toBeCloseTo(8);
    expect(isJapaneseText([tilted])).toBe(true);
  });
});
