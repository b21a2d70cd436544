import type { OcrLine } from '../../src/ocr/types';

/** A recognised line whose box is the axis-aligned rectangle x, y, width, height. */
export function ocrLine(text: string, x: number, y: number, width: number, height: number): OcrLine {
  const corners: OcrLine['box']['corners'] = [
    { x, y },
    { x: x + width, y },
    { x: x + width, y: y + height },
    { x, y: y + height },
  ];
  return { box: { corners, score: 0.9 }, text, confidence: 0.9 };
}
