import { describe, expect, it } from 'vitest';
import { detectionBoxes, detectionInput, detectionSize, labelComponents, roundHalfEven, DETECTION_MAX_SIDE } from './detection';
import type { Point, RgbaImage, TextBox } from './types';

function solidImage(width: number, height: number, [r, g, b]: [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([r, g, b, 255], i * 4);
  return { width, height, data };
}

/** A probability map with `value` in every pixel whose centre passes `inside`. */
function drawMap(width: number, height: number, blobs: { inside: (x: number, y: number) => boolean; value: number }[]): Float32Array {
  const map = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (const blob of blobs) if (blob.inside(x, y)) map[y * width + x] = blob.value;
    }
  }
  return map;
}

const rect = (x0: number, y0: number, x1: number, y1: number, value = 0.9) => ({
  inside: (x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1,
  value,
});

const unscaled = { scaleX: 1, scaleY: 1 };
const angleOf = (a: Point, b: Point): number => (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
const only = (boxes: TextBox[]): TextBox => {
  expect(boxes).toHaveLength(1);
  return boxes[0] as TextBox;
};

describe('detectionSize', () => {
  it('shrinks the longest side to maxSide and keeps multiples of 32', () => {
    // At PaddleOCR's 960: 1080 × 1440 scales to 720 × 960, and 720 / 32 = 22.5 rounds to even: 704.
    expect(detectionSize(1080, 1440, 960)).toEqual({ width: 704, height: 960 });
    expect(detectionSize(1200, 1600, 960)).toEqual({ width: 704, height: 960 });
    expect(detectionSize(1152, 1440, 960)).toEqual({ width: 768, height: 960 });
    expect(detectionSize(3000, 1000, 960)).toEqual({ width: 960, height: 320 });
  });

  it('looks at a RedNote image at most 832 px long by default', () => {
    expect(DETECTION_MAX_SIDE).toBe(832);
    // 1080 × 1440 scales to 624 × 832, and 624 / 32 = 19.5 rounds to even: 608.
    expect(detectionSize(1080, 1440)).toEqual({ width: 608, height: 832 });
  });

  it('never grows a small image, only rounds each side to the nearest multiple of 32', () => {
    expect(detectionSize(100, 50)).toEqual({ width: 96, height: 64 });
    expect(detectionSize(10, 10)).toEqual({ width: 32, height: 32 });
  });

  it('rounds halves to even as Python does (48 → 64, 80 → 64)', () => {
    expect(detectionSize(48, 80)).toEqual({ width: 64, height: 64 });
    expect([roundHalfEven(1.5), roundHalfEven(2.5), roundHalfEven(2.4), roundHalfEven(2.6)]).toEqual([2, 2, 2, 3]);
  });
});

describe('detectionInput', () => {
  it('puts blue, green, red in the tensor, each normalised with the matching mean and std', () => {
    const input = detectionInput(solidImage(64, 32, [255, 128, 0]));
    const plane = 64 * 32;
    expect(input.tensor).toHaveLength(3 * plane);
    expect(input.tensor[0]).toBeCloseTo((0 - 0.485) / 0.229, 5);
    expect(input.tensor[plane]).toBeCloseTo((128 / 255 - 0.456) / 0.224, 5);
    expect(input.tensor[2 * plane + plane - 1]).toBeCloseTo((1 - 0.406) / 0.225, 5);
  });

  it('reports the resized size and the scale back to the original', () => {
    const input = detectionInput(solidImage(1152, 1440, [0, 0, 0]), 960);
    expect(input).toMatchObject({ width: 768, height: 960, scaleX: 1.5, scaleY: 1.5 });
    expect(input.tensor).toHaveLength(3 * 768 * 960);
  });
});

describe('labelComponents', () => {
  it('joins diagonal neighbours and labels a full 960 × 960 map without recursion', () => {
    const mask = new Uint8Array([1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(labelComponents(mask, 3, 3).count).toBe(1);
    const started = performance.now();
    expect(labelComponents(new Uint8Array(960 * 960).fill(1), 960, 960).count).toBe(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('detectionBoxes', () => {
  it('turns one axis-aligned blob into one box grown by area × 1.5 / perimeter on each side', () => {
    // Pixel centres 10..29 × 20..27: a 19 × 7 rectangle, grown by 133 × 1.5 / 52 each side.
    const box = only(detectionBoxes(drawMap(64, 64, [rect(10, 20, 29, 27)]), 64, 64, unscaled));
    const d = (133 * 1.5) / 52;
    expect(box.score).toBeCloseTo(0.9, 5);
    const expected = [
      [10 - d, 20 - d],
      [29 + d, 20 - d],
      [29 + d, 27 + d],
      [10 - d, 27 + d],
    ];
    box.corners.forEach((corner, i) => {
      expect(corner.x).toBeCloseTo(expected[i]?.[0] ?? NaN, 4);
      expect(corner.y).toBeCloseTo(expected[i]?.[1] ?? NaN, 4);
    });
  });

  it('follows a rotated blob with a box at its angle, top edge first', () => {
    const theta = (20 * Math.PI) / 180;
    const [cos, sin] = [Math.cos(theta), Math.sin(theta)];
    const inside = (x: number, y: number): boolean => {
      const [dx, dy] = [x - 48, y - 48];
      return Math.abs(dx * cos + dy * sin) <= 20 && Math.abs(-dx * sin + dy * cos) <= 5;
    };
    const [tl, tr, br, bl] = only(detectionBoxes(drawMap(96, 96, [{ inside, value: 0.9 }]), 96, 96, unscaled)).corners;
    expect(angleOf(tl, tr)).toBeGreaterThan(18);
    expect(angleOf(tl, tr)).toBeLessThan(22);
    expect(Math.hypot(tr.x - tl.x, tr.y - tl.y)).toBeGreaterThan(Math.hypot(br.x - tr.x, br.y - tr.y));
    expect(bl.y).toBeGreaterThan(tl.y);
  });

  it('finds two boxes for two separate blobs', () => {
    const map = drawMap(64, 64, [rect(4, 4, 30, 12), rect(4, 30, 50, 40)]);
    expect(detectionBoxes(map, 64, 64, unscaled)).toHaveLength(2);
  });

  it('drops a blob whose mean probability (0.4) is under the box threshold', () => {
    const map = drawMap(64, 64, [rect(4, 4, 30, 12, 0.4), rect(4, 30, 50, 40)]);
    const box = only(detectionBoxes(map, 64, 64, unscaled));
    expect(box.corners[0].y).toBeGreaterThan(20);
  });

  it('drops a speck thinner than three pixels, and keeps a 4 × 4 blob', () => {
    expect(detectionBoxes(drawMap(32, 32, [rect(10, 10, 12, 12)]), 32, 32, unscaled)).toHaveLength(0);
    expect(detectionBoxes(drawMap(32, 32, [rect(10, 10, 13, 13)]), 32, 32, unscaled)).toHaveLength(1);
  });

  it('scales corners back to the original image and clips them to its bounds', () => {
    // The blob touches the map's left edge, so the grown box would start left of the image.
    const box = only(detectionBoxes(drawMap(64, 64, [rect(0, 20, 29, 27)]), 64, 64, { scaleX: 2, scaleY: 1.5 }));
    const d = (29 * 7 * 1.5) / 72;
    const [tl, , br] = box.corners;
    expect(tl.x).toBe(0);
    expect(tl.y).toBeCloseTo((20 - d) * 1.5, 4);
    expect(br.x).toBeCloseTo((29 + d) * 2, 4);
    expect(br.y).toBeCloseTo((27 + d) * 1.5, 4);
  });

  it('looks at no more than maxCandidates blobs', () => {
    const map = drawMap(64, 64, [rect(4, 4, 30, 12), rect(4, 30, 50, 40)]);
    expect(detectionBoxes(map, 64, 64, unscaled, { maxCandidates: 1 })).toHaveLength(1);
  });
});
