import { describe, expect, it } from 'vitest';
import { readImage, type OcrModels } from './pipeline';
import type { RgbaImage } from './types';

const KEYS = ['好', '的', '¥', 'X', '买'];
/** Blank, the keys, a space: the recogniser's classes. */
const CLASSES = KEYS.length + 2;

/** Per-step probabilities that spell `classes` (0 is the blank), each step `confidence` sure. */
function spelled(classes: number[], confidence: number): { probs: Float32Array; steps: number; classes: number } {
  const probs = new Float32Array(classes.length * CLASSES).fill((1 - confidence) / (CLASSES - 1));
  classes.forEach((c, step) => (probs[step * CLASSES + c] = confidence));
  return { probs, steps: classes.length, classes: CLASSES };
}

/** Fake models: the detector finds the given rectangles; the recogniser answers in the order the lines are cropped. */
function fakeModels(rects: { x: number; y: number; width: number; height: number }[], answers: ReturnType<typeof spelled>[]): OcrModels & { recognised: number } {
  let next = 0;
  return {
    keys: KEYS,
    recognised: 0,
    async detect(_tensor, width, height) {
      const map = new Float32Array(width * height);
      for (const rect of rects) {
        for (let y = rect.y; y < rect.y + rect.height; y++) map.fill(0.95, y * width + rect.x, y * width + rect.x + rect.width);
      }
      return map;
    },
    async recognise() {
      this.recognised += 1;
      return answers[next++]!;
    },
  };
}

const blank: RgbaImage = { width: 320, height: 160, data: new Uint8ClampedArray(320 * 160 * 4).fill(255) };

describe('readImage', () => {
  it('reads each detected line, fixes its misreadings, and returns the lines in reading order', async () => {
    // Detected top to bottom, so the recogniser answers the upper line first.
    const models = fakeModels(
      [
        { x: 20, y: 20, width: 200, height: 30 },
        { x: 20, y: 90, width: 200, height: 30 },
      ],
      [spelled([1, 0, 1, 2], 0.9), spelled([4, 0, 0, 5], 0.9)],
    );
    const lines = await readImage(blank, models);
    expect(lines.map((line) => line.text)).toEqual(['好好的', '❌买']);
    expect(lines[0]!.confidence).toBeCloseTo(0.9, 5);
    expect(lines[0]!.box.corners[0].y).toBeLessThan(lines[1]!.box.corners[0].y);
  });

  it('drops a line the recogniser is unsure of, and one that reads as nothing', async () => {
    const models = fakeModels(
      [
        { x: 20, y: 20, width: 200, height: 30 },
        { x: 20, y: 90, width: 200, height: 30 },
      ],
      [spelled([1, 2], 0.4), spelled([0, 0, 0], 0.9)],
    );
    expect(await readImage(blank, models)).toEqual([]);
    expect(models.recognised).toBe(2);
  });
});
