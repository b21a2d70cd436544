import { describe, expect, it } from 'vitest';
import { convexHull, minAreaRect, orderQuad, polygonArea, polygonPerimeter, rectCorners } from './geometry';
import type { Point } from './types';

const pt = (x: number, y: number): Point => ({ x, y });

/** The slow, obviously right answer: the best rectangle has a side along some hull edge. */
function bruteForceMinArea(points: readonly Point[]): number {
  const hull = convexHull(points);
  let best = Infinity;
  hull.forEach((a, i) => {
    const b = hull[(i + 1) % hull.length] ?? a;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const [ux, uy] = [(b.x - a.x) / len, (b.y - a.y) / len];
    const us = hull.map((p) => p.x * ux + p.y * uy);
    const vs = hull.map((p) => -p.x * uy + p.y * ux);
    best = Math.min(best, (Math.max(...us) - Math.min(...us)) * (Math.max(...vs) - Math.min(...vs)));
  });
  return best;
}

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('convexHull', () => {
  it('keeps only the corners of a square with points inside and on its edges', () => {
    const hull = convexHull([pt(0, 0), pt(2, 0), pt(4, 0), pt(4, 4), pt(0, 4), pt(2, 2), pt(0, 2)]);
    expect(hull).toHaveLength(4);
    expect(hull).toEqual(expect.arrayContaining([pt(0, 0), pt(4, 0), pt(4, 4), pt(0, 4)]));
  });

  it('reduces collinear points to the two ends', () => {
    expect(convexHull([pt(0, 0), pt(1, 1), pt(2, 2), pt(3, 3)])).toEqual([pt(0, 0), pt(3, 3)]);
  });
});

describe('polygonArea and polygonPerimeter', () => {
  it('measure a 3 × 2 rectangle whichever way it winds', () => {
    const rect = [pt(0, 0), pt(3, 0), pt(3, 2), pt(0, 2)];
    expect(polygonArea(rect)).toBe(6);
    expect(polygonArea([...rect].reverse())).toBe(6);
    expect(polygonPerimeter(rect)).toBe(10);
  });
});

describe('minAreaRect', () => {
  it('finds the sides and angle of a rotated rectangle from its corners and inner points', () => {
    const rect = { center: pt(50, 40), width: 30, height: 8, angle: (25 * Math.PI) / 180 };
    const found = minAreaRect([...rectCorners(rect), pt(50, 40), pt(55, 42)]);
    const [long, short] = [Math.max(found.width, found.height), Math.min(found.width, found.height)];
    expect(long).toBeCloseTo(30, 6);
    expect(short).toBeCloseTo(8, 6);
    expect(found.center.x).toBeCloseTo(50, 6);
    expect(found.center.y).toBeCloseTo(40, 6);
    // The width side runs at 25° or, if the calipers settled on the other edge, at 25° ± 90°.
    const degrees = (((found.angle * 180) / Math.PI) % 90 + 90) % 90;
    expect(found.width > found.height ? degrees : (degrees + 90) % 90).toBeCloseTo(25, 6);
  });

  it('matches a brute-force search over every hull edge on random point clouds', () => {
    const next = random(7);
    for (let trial = 0; trial < 50; trial++) {
      const points = Array.from({ length: 5 + Math.floor(next() * 40) }, () => pt(next() * 100, next() * 60));
      const found = minAreaRect(points);
      expect(found.width * found.height).toBeCloseTo(bruteForceMinArea(points), 6);
    }
  });

  it('gives zero height for a single point or a line', () => {
    expect(minAreaRect([pt(3, 4)])).toMatchObject({ width: 0, height: 0, center: pt(3, 4) });
    expect(minAreaRect([pt(0, 0), pt(5, 0), pt(10, 0)])).toMatchObject({ width: 10, height: 0, center: pt(5, 0) });
  });
});

describe('orderQuad', () => {
  it('orders an axis-aligned box top left, top right, bottom right, bottom left from any order', () => {
    const quad = orderQuad([pt(10, 5), pt(0, 0), pt(0, 5), pt(10, 0)]);
    expect(quad).toEqual([pt(0, 0), pt(10, 0), pt(10, 5), pt(0, 5)]);
  });

  it('keeps the long top edge first for a line leaning 40°, where sorting by x would swap corners', () => {
    const rect = { center: pt(100, 100), width: 80, height: 10, angle: (40 * Math.PI) / 180 };
    const [tl, tr, br, bl] = rectCorners(rect);
    expect(Math.hypot(tr.x - tl.x, tr.y - tl.y)).toBeCloseTo(80, 6);
    expect((Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI).toBeCloseTo(40, 6);
    expect(Math.hypot(br.x - tr.x, br.y - tr.y)).toBeCloseTo(10, 6);
    expect(bl.y).toBeGreaterThan(tl.y);
  });

  it('starts at the upper end of the flatter edge for a line leaning the other way', () => {
    const rect = { center: pt(100, 100), width: 80, height: 10, angle: (-30 * Math.PI) / 180 };
    const [tl, tr] = rectCorners(rect);
    expect((Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI).toBeCloseTo(-30, 6);
  });
});
