import { describe, expect, it } from 'vitest';
import { createImage, cropLine, rotateCounterClockwise, squareToQuad } from './crop';
import type { Point, Quad, RgbaImage } from './types';

/** An image whose every pixel is distinct: red = x, green = y, blue = 10·x + y, alpha 255. */
function coordinateImage(width: number, height: number): RgbaImage {
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set([x, y, 10 * x + y, 255], (y * width + x) * 4);
  }
  return image;
}

const pixel = (image: RgbaImage, x: number, y: number): number[] =>
  Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));

const quad = (...points: [number, number][]): Quad => points.map(([x, y]) => ({ x, y })) as Quad;

describe('cropLine', () => {
  it('returns exactly the pixels of an axis-aligned box', () => {
    const image = coordinateImage(10, 8);
    const crop = cropLine(image, quad([2, 3], [7, 3], [7, 6], [2, 6]));
    expect([crop.width, crop.height]).toEqual([5, 3]);
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 5; x++) expect(pixel(crop, x, y)).toEqual(pixel(image, x + 2, y + 3));
    }
  });

  it('straightens a line turned 90° clockwise back to the line itself', () => {
    // A 4×2 line, turned clockwise into a 2×4 source: line pixel (i, j) sits at source (1 − j, i).
    const line = coordinateImage(4, 2);
    const source = createImage(2, 4);
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 4; i++) source.data.set(pixel(line, i, j), (i * 2 + (1 - j)) * 4);
    }
    // The line's corners in the source: its top left is the source's top right.
    const crop = cropLine(source, quad([1, 0], [1, 4], [-1, 4], [-1, 0]));
    expect([crop.width, crop.height]).toEqual([4, 2]);
    expect(Array.from(crop.data)).toEqual(Array.from(line.data));
  });

  it('straightens a box tilted by 5°: the drawn gradients run along its rows and columns', () => {
    // Red grows 20 per pixel along the line, green 10 per pixel across it; both linear, so
    // bilinear sampling reproduces them up to the bytes' rounding.
    const angle = (5 * Math.PI) / 180;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const origin: Point = { x: 4, y: 3 };
    const source = createImage(24, 16);
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 24; x++) {
        const along = (x - origin.x) * cos + (y - origin.y) * sin;
        const across = -(x - origin.x) * sin + (y - origin.y) * cos;
        source.data.set([20 + 20 * along, 20 + 10 * across, 0, 255], (y * 24 + x) * 4);
      }
    }
    const at = (along: number, across: number): [number, number] => [
      origin.x + along * cos - across * sin,
      origin.y + along * sin + across * cos,
    ];
    const crop = cropLine(source, quad(at(0, 0), at(10, 0), at(10, 6), at(0, 6)));
    expect([crop.width, crop.height]).toEqual([10, 6]);
    for (let j = 0; j < 6; j++) {
      for (let i = 0; i < 10; i++) {
        const [red, green] = pixel(crop, i, j);
        expect(Math.abs((red ?? 0) - (20 + 20 * i))).toBeLessThanOrEqual(1);
        expect(Math.abs((green ?? 0) - (20 + 10 * j))).toBeLessThanOrEqual(1);
      }
    }
  });

  it('lands all four corners of a non-rectangular quad where the detector put them', () => {
    const map = squareToQuad(quad([1, 1], [9, 2], [8, 7], [0, 5]));
    const land = (u: number, v: number): number[] => {
      const w = map.g * u + map.h * v + 1;
      return [(map.a * u + map.b * v + map.c) / w, (map.d * u + map.e * v + map.f) / w];
    };
    const corners = [land(0, 0), land(1, 0), land(1, 1), land(0, 1)];
    const expected = [[1, 1], [9, 2], [8, 7], [0, 5]];
    corners.forEach((corner, k) => corner.forEach((value, axis) => expect(value).toBeCloseTo(expected[k]?.[axis] ?? NaN, 9)));
  });

  it('repeats the edge pixels for a box that reaches past the image', () => {
    const image = coordinateImage(4, 4);
    const crop = cropLine(image, quad([-2, 0], [2, 0], [2, 2], [-2, 2]));
    expect(pixel(crop, 0, 0)).toEqual(pixel(image, 0, 0));
    expect(pixel(crop, 1, 1)).toEqual(pixel(image, 0, 1));
    expect(pixel(crop, 3, 1)).toEqual(pixel(image, 1, 1));
  });

  it('turns a tall crop counter-clockwise so its top reads first, on the left', () => {
    const image = coordinateImage(6, 8);
    // A 2-wide, 4-tall box at (1, 2): ratio 2 ≥ 1.5, vertical text.
    const crop = cropLine(image, quad([1, 2], [3, 2], [3, 6], [1, 6]));
    expect([crop.width, crop.height]).toEqual([4, 2]);
    // np.rot90: the box's top right comes to the top left, its top left to the bottom left …
    expect(pixel(crop, 0, 0)).toEqual(pixel(image, 2, 2));
    expect(pixel(crop, 0, 1)).toEqual(pixel(image, 1, 2));
    // … and its bottom right to the top right: the column's top is now the line's left end.
    expect(pixel(crop, 3, 0)).toEqual(pixel(image, 2, 5));
  });

  it('turns a crop exactly 1.5 times as tall as wide, and keeps one at 1.4 upright', () => {
    const image = coordinateImage(8, 8);
    const atThreshold = cropLine(image, quad([0, 0], [4, 0], [4, 6], [0, 6]));
    expect([atThreshold.width, atThreshold.height]).toEqual([6, 4]);
    const under = cropLine(image, quad([0, 0], [5, 0], [5, 7], [0, 7]));
    expect([under.width, under.height]).toEqual([5, 7]);
  });
});

describe('rotateCounterClockwise', () => {
  it('matches np.rot90 on a 2×2 image', () => {
    // [[1, 2], [3, 4]] → [[2, 4], [1, 3]], one value per pixel in the red channel.
    const image = createImage(2, 2);
    [1, 2, 3, 4].forEach((value, k) => (image.data[k * 4] = value));
    const turned = rotateCounterClockwise(image);
    expect([0, 1, 2, 3].map((k) => turned.data[k * 4])).toEqual([2, 4, 1, 3]);
  });
});
