/**
 * The on-device OCR budgets (issue 28) and the character error rate they judge. Kept apart from
 * bench/ocr.ts, which needs a browser, so the verdicts have a unit test.
 */

export const OCR_BUDGETS = {
  /** One image after the models are loaded: the median over the set of each image's median. */
  medianMs: 1000,
  /** …and the slowest image's median. */
  maxMs: 2000,
  /** The first image of a fresh engine: worker start, model load and the read. */
  coldFirstMs: 2500,
  /** Character error rate over every Chinese image. */
  cer: 0.02,
  /** Character error rate over the handwriting and rotated images, the hardest for the models. */
  cerHard: 0.06,
  /** Chinese blocks read from the Japanese and English images. */
  negativeChineseBlocks: 0,
  /** The browser's memory after `release()` may stay at most this far above its memory before the models were loaded. */
  releasedMemoryMB: 50,
  /**
   * Long tasks (> 50 ms) on a note page while its images are read that are RedBridge's: those
   * that would be short without RedBridge's script time in them (Chromium's trace).
   */
  pageLongTasksFromExtension: 0,
} as const;

export type OcrBudgetId = keyof typeof OCR_BUDGETS;

/** The figures bench/ocr.ts measures in one browser that the budgets judge. */
export interface OcrMeasurements {
  medianMs: number;
  maxMs: number;
  coldFirstMs: number;
  cer: number;
  cerHard: number;
  negativeChineseBlocks: number;
  memoryBeforeMB: number;
  memoryAfterReleaseMB: number;
  /** Absent where the page cannot be traced (Firefox): that budget is then not judged. */
  pageLongTasksFromExtension?: number;
}

export interface OcrBudgetCheck {
  id: OcrBudgetId;
  budget: string;
  limit: number;
  figure: number;
  unit: string;
  ok: boolean;
}

const DESCRIPTIONS: Record<OcrBudgetId, { budget: string; unit: string }> = {
  medianMs: { budget: 'read time per image, median', unit: 'ms' },
  maxMs: { budget: 'read time per image, slowest', unit: 'ms' },
  coldFirstMs: { budget: 'first image from a cold start', unit: 'ms' },
  cer: { budget: 'character error rate, all Chinese images', unit: '%' },
  cerHard: { budget: 'character error rate, handwriting + rotated', unit: '%' },
  negativeChineseBlocks: { budget: 'Chinese blocks from the negatives', unit: 'blocks' },
  releasedMemoryMB: { budget: 'memory after release above before load', unit: 'MB' },
  pageLongTasksFromExtension: { budget: "RedBridge's long tasks on the page while reading", unit: 'tasks' },
};

/** The value each budget judges; rates are shown in percent, as the budgets are written. */
function figureOf(id: OcrBudgetId, measured: OcrMeasurements): number {
  switch (id) {
    case 'cer':
      return measured.cer * 100;
    case 'cerHard':
      return measured.cerHard * 100;
    case 'releasedMemoryMB':
      return measured.memoryAfterReleaseMB - measured.memoryBeforeMB;
    case 'pageLongTasksFromExtension':
      return measured.pageLongTasksFromExtension ?? Number.NaN;
    default:
      return measured[id];
  }
}

function limitOf(id: OcrBudgetId): number {
  return id === 'cer' || id === 'cerHard' ? OCR_BUDGETS[id] * 100 : OCR_BUDGETS[id];
}

/**
 * Every budget's verdict. A figure that could not be measured (NaN) fails: no data is no pass.
 * The page's long tasks are judged only where the page was traced (Chromium).
 */
export function checkOcrBudgets(measured: OcrMeasurements): OcrBudgetCheck[] {
  const judged = (Object.keys(OCR_BUDGETS) as OcrBudgetId[]).filter(
    (id) => id !== 'pageLongTasksFromExtension' || measured.pageLongTasksFromExtension !== undefined,
  );
  return judged.map((id) => {
    const figure = figureOf(id, measured);
    const limit = limitOf(id);
    return { id, ...DESCRIPTIONS[id], limit, figure, ok: Number.isFinite(figure) && figure <= limit };
  });
}

/** Levenshtein distance between two strings, by code point (an emoji or a rare Han character counts once). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** Whitespace says nothing about reading Chinese: the model's spaces between Latin words and digits vary. */
export function withoutWhitespace(text: string): string {
  return text.replace(/\s/gu, '');
}

export interface TextPair {
  expected: string;
  read: string;
}

export interface ErrorCount {
  errors: number;
  characters: number;
}

/** Edit distance and reference length of one image's text, whitespace removed. */
export function errorCount({ expected, read }: TextPair): ErrorCount {
  const reference = withoutWhitespace(expected);
  return { errors: editDistance(reference, withoutWhitespace(read)), characters: [...reference].length };
}

/**
 * The character error rate over several images: all their errors over all their reference
 * characters, so a long caption weighs more than a short title. NaN for no characters.
 */
export function characterErrorRate(pairs: readonly TextPair[]): number {
  const total = pairs.map(errorCount).reduce((sum, count) => ({ errors: sum.errors + count.errors, characters: sum.characters + count.characters }), {
    errors: 0,
    characters: 0,
  });
  return total.characters === 0 ? NaN : total.errors / total.characters;
}
