/**
 * Plane geometry for the text detector's post-processing (issue 28): the convex hull of a
 * blob's pixels, its minimum-area rectangle, and corner ordering. Coordinates are image
 * pixels, x to the right and y down, so "clockwise" below means clockwise on screen.
 */
import type { Point, Quad } from './types';

/** A rectangle turned by `angle` (radians, the direction of its `width` side) around its centre. */
export interface RotatedRect {
  center: Point;
  width: number;
  height: number;
  angle: number;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

function at<T>(items: readonly T[], index: number): T {
  // Callers index within bounds; the check keeps `noUncheckedIndexedAccess` honest without `!`.
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} outside 0..${items.length - 1}`);
  return item;
}

/**
 * Convex hull by Andrew's monotone chain, counter-clockwise in the maths sense (cross > 0),
 * without collinear points: the rotating calipers below rely on every hull edge turning.
 */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return dedupe(sorted);
  const half = (input: readonly Point[]): Point[] => {
    const chain: Point[] = [];
    for (const p of input) {
      while (chain.length >= 2 && cross(at(chain, chain.length - 2), at(chain, chain.length - 1), p) <= 0) chain.pop();
      chain.push(p);
    }
    chain.pop(); // Each chain's last point starts the other chain.
    return chain;
  };
  const hull = [...half(sorted), ...half([...sorted].reverse())];
  // All points on one line: the chains collapse to the two ends.
  return hull.length >= 2 ? hull : dedupe(sorted);
}

function dedupe(sorted: readonly Point[]): Point[] {
  return sorted.filter((p, i) => i === 0 || p.x !== at(sorted, i - 1).x || p.y !== at(sorted, i - 1).y);
}

/** Shoelace area, always positive whichever way the polygon winds. */
export function polygonArea(polygon: readonly Point[]): number {
  let twice = 0;
  polygon.forEach((p, i) => {
    const q = at(polygon, (i + 1) % polygon.length);
    twice += p.x * q.y - q.x * p.y;
  });
  return Math.abs(twice) / 2;
}

/** The straight-line distance between two points. */
export function distance(p: Point, q: Point): number {
  return Math.hypot(q.x - p.x, q.y - p.y);
}

/** Perimeter of a closed polygon (the last point joins the first). */
export function polygonPerimeter(polygon: readonly Point[]): number {
  let length = 0;
  polygon.forEach((p, i) => {
    length += distance(p, at(polygon, (i + 1) % polygon.length));
  });
  return length;
}

/**
 * Smallest-area rectangle around the points, by rotating calipers over their convex hull:
 * the best rectangle has a side on a hull edge, and as the edge advances round the hull the
 * extreme points along and across it only move forward, so the whole search is linear.
 * One point or a line gives a rectangle with zero height.
 */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  if (hull.length === 0) return { center: { x: 0, y: 0 }, width: 0, height: 0, angle: 0 };
  if (hull.length < 3) return segmentRect(at(hull, 0), at(hull, hull.length - 1));
  const n = hull.length;
  const project = (i: number, ux: number, uy: number): number => at(hull, i % n).x * ux + at(hull, i % n).y * uy;
  // Moves a caliper forward while the next hull point lies further along (ux, uy).
  const advance = (from: number, ux: number, uy: number): number => {
    let index = from;
    for (let steps = 0; steps < n && project(index + 1, ux, uy) >= project(index, ux, uy); steps++) index++;
    return index % n;
  };
  let best: RotatedRect | undefined;
  let bestArea = Infinity;
  let [far, top, near] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const a = at(hull, i);
    const b = at(hull, (i + 1) % n);
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const [ux, uy] = [(b.x - a.x) / length, (b.y - a.y) / length];
    // Counter-clockwise hull: the inward normal is the edge turned left.
    const [nx, ny] = [-uy, ux];
    far = advance(i === 0 ? 0 : far, ux, uy);
    top = advance(i === 0 ? far : top, nx, ny);
    near = advance(i === 0 ? top : near, -ux, -uy);
    const [maxU, minU] = [project(far, ux, uy), project(near, ux, uy)];
    const [minN, maxN] = [a.x * nx + a.y * ny, project(top, nx, ny)];
    const area = (maxU - minU) * (maxN - minN);
    if (area < bestArea) {
      bestArea = area;
      const [midU, midN] = [(maxU + minU) / 2, (maxN + minN) / 2];
      best = {
        center: { x: midU * ux + midN * nx, y: midU * uy + midN * ny },
        width: maxU - minU,
        height: maxN - minN,
        angle: Math.atan2(uy, ux),
      };
    }
  }
  return best ?? segmentRect(at(hull, 0), at(hull, 1));
}

function segmentRect(a: Point, b: Point): RotatedRect {
  return {
    center: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    width: Math.hypot(b.x - a.x, b.y - a.y),
    height: 0,
    angle: Math.atan2(b.y - a.y, b.x - a.x),
  };
}

/** The rectangle's four corners, ordered by `orderQuad`. */
export function rectCorners(rect: RotatedRect): Quad {
  const [cos, sin] = [Math.cos(rect.angle), Math.sin(rect.angle)];
  const [hw, hh] = [rect.width / 2, rect.height / 2];
  const corner = (su: number, sv: number): Point => ({
    x: rect.center.x + su * hw * cos - sv * hh * sin,
    y: rect.center.y + su * hw * sin + sv * hh * cos,
  });
  return orderQuad([corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)]);
}

/**
 * Orders a convex quadrilateral's corners top left, top right, bottom right, bottom left.
 * Sorting by x then y (as PaddleOCR does) swaps corners when a box leans near 45°; instead the
 * corners go clockwise round their centroid, the "top" edge is the one of the flatter pair of
 * opposite edges that lies higher, and top left is where that edge starts.
 */
export function orderQuad(points: readonly [Point, Point, Point, Point]): Quad {
  const cx = points.reduce((sum, p) => sum + p.x, 0) / 4;
  const cy = points.reduce((sum, p) => sum + p.y, 0) / 4;
  // With y down, increasing atan2 runs clockwise on screen.
  const ring = [...points].sort((a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx));
  const slope = (i: number): number => {
    const [a, b] = [at(ring, i % 4), at(ring, (i + 1) % 4)];
    return Math.abs(b.y - a.y) / (Math.abs(b.x - a.x) + 1e-12);
  };
  const flatPair = slope(0) + slope(2) <= slope(1) + slope(3) ? 0 : 1;
  const midY = (i: number): number => (at(ring, i % 4).y + at(ring, (i + 1) % 4).y) / 2;
  const start = midY(flatPair) <= midY(flatPair + 2) ? flatPair : flatPair + 2;
  return [at(ring, start), at(ring, (start + 1) % 4), at(ring, (start + 2) % 4), at(ring, (start + 3) % 4)];
}
