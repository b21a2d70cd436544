import { describe, expect, it } from 'vitest';
import { characterErrorRate, checkOcrBudgets, editDistance, errorCount, OCR_BUDGETS, type OcrMeasurements } from './ocr-budgets';

/** Figures that hold every budget unless told otherwise. */
function measured(overrides: Partial<OcrMeasurements> = {}): OcrMeasurements {
  return {
    medianMs: 800,
    maxMs: 1500,
    coldFirstMs: 2000,
    cer: 0.01,
    cerHard: 0.04,
    negativeChineseBlocks: 0,
    memoryBeforeMB: 900,
    memoryAfterReleaseMB: 920,
    ...overrides,
  };
}

const failed = (overrides: Partial<OcrMeasurements>) =>
  checkOcrBudgets(measured(overrides))
    .filter((check) => !check.ok)
    .map((check) => check.id);

describe('the OCR budgets', () => {
  it('all hold on figures within them, and at exactly the limits', () => {
    expect(failed({})).toEqual([]);
    expect(
      failed({
        medianMs: OCR_BUDGETS.medianMs,
        maxMs: OCR_BUDGETS.maxMs,
        coldFirstMs: OCR_BUDGETS.coldFirstMs,
        cer: OCR_BUDGETS.cer,
        cerHard: OCR_BUDGETS.cerHard,
        memoryAfterReleaseMB: 900 + OCR_BUDGETS.releasedMemoryMB,
      }),
    ).toEqual([]);
  });

  it('names each budget a figure misses', () => {
    expect(failed({ medianMs: 1001 })).toEqual(['medianMs']);
    expect(failed({ maxMs: 2100 })).toEqual(['maxMs']);
    expect(failed({ coldFirstMs: 2600 })).toEqual(['coldFirstMs']);
    expect(failed({ cer: 0.021 })).toEqual(['cer']);
    expect(failed({ cerHard: 0.07 })).toEqual(['cerHard']);
    expect(failed({ negativeChineseBlocks: 1 })).toEqual(['negativeChineseBlocks']);
  });

  it('judges memory on what release leaves above the memory before load, and a drop below it passes', () => {
    expect(failed({ memoryBeforeMB: 900, memoryAfterReleaseMB: 951 })).toEqual(['releasedMemoryMB']);
    expect(failed({ memoryBeforeMB: 900, memoryAfterReleaseMB: 700 })).toEqual([]);
    const memory = checkOcrBudgets(measured({ memoryBeforeMB: 900, memoryAfterReleaseMB: 930 })).find((check) => check.id === 'releasedMemoryMB');
    expect(memory).toMatchObject({ figure: 30, limit: 50, unit: 'MB' });
  });

  it('shows error rates in percent, as the budgets are written', () => {
    const cer = checkOcrBudgets(measured({ cer: 0.015 })).find((check) => check.id === 'cer');
    expect(cer?.figure).toBeCloseTo(1.5);
    expect(cer).toMatchObject({ limit: 2, unit: '%', ok: true });
  });

  it('fails a figure that could not be measured', () => {
    expect(failed({ cerHard: NaN })).toEqual(['cerHard']);
    expect(failed({ memoryBeforeMB: NaN })).toEqual(['releasedMemoryMB']);
  });
});

describe('the character error rate', () => {
  it('counts insertions, deletions and substitutions by code point', () => {
    expect(editDistance('西湖一日游', '西湖一日游')).toBe(0);
    expect(editDistance('西湖一日游', '西湖日游')).toBe(1);
    expect(editDistance('西湖一日游', '西湖一日游记')).toBe(1);
    expect(editDistance('真的好香', '眞的好香')).toBe(1);
    // An emoji outside the BMP is one character, not two UTF-16 units.
    expect(editDistance('👉双廊', '双廊')).toBe(1);
    expect(editDistance('', '人均')).toBe(2);
  });

  it('ignores whitespace on both sides', () => {
    expect(errorCount({ expected: 'Day1 西湖 · 人均200', read: 'Day1西湖·人均200' })).toEqual({ errors: 0, characters: 12 });
    expect(errorCount({ expected: '#秋冬口红 #通勤妆', read: '#秋冬口红#通勤妆\n' })).toEqual({ errors: 0, characters: 9 });
  });

  it('pools errors over images, so long texts weigh more than short ones', () => {
    const rate = characterErrorRate([
      { expected: '一二三四五六七八九十', read: '一二三四五六七八九十' },
      { expected: '甲乙', read: '甲' },
    ]);
    expect(rate).toBeCloseTo(1 / 12);
  });

  it('is NaN with no reference text', () => {
    expect(characterErrorRate([])).toBeNaN();
  });
});
