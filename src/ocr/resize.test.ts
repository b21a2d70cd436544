import { describe, expect, it } from 'vitest';
import { BGR, resizeToPlanes } from './resize';
import type { RgbaImage } from './types';

const image = (width: number, height: number, pixels: number[]): RgbaImage => ({ width, height, data: new Uint8ClampedArray(pixels) });

describe('resizeToPlanes', () => {
  it('averages each pair of pixels when halving, as OpenCV does with half-pixel centres', () => {
    // Columns 1 and 3 white: each output pixel blends one black and one white.
    const black = [0, 0, 0, 255];
    const white = [255, 255, 255, 255];
    const half = resizeToPlanes(image(4, 1, [...black, ...white, ...black, ...white]), 2, 1, [0]);
    expect(half[0]).toBeCloseTo(127.5, 5);
    expect(half[1]).toBeCloseTo(127.5, 5);
  });

  it('interpolates between pixel centres and keeps the edges when enlarging', () => {
    // One row, red 0 and 100: doubled, the centres land at −0.25, 0.25, 0.75, 1.25.
    const resized = resizeToPlanes(image(2, 1, [0, 0, 0, 255, 100, 0, 0, 255]), 4, 1, [0]);
    expect([...resized]).toEqual([0, 25, 75, 100]);
  });

  it('gives blue, green and red planes one after another, without alpha', () => {
    // One pixel, red 10, green 20, blue 30, alpha 40, kept at its size.
    expect([...resizeToPlanes(image(1, 1, [10, 20, 30, 40]), 1, 1, BGR)]).toEqual([30, 20, 10]);
  });
});
