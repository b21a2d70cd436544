/**
 * Cutting one detected text line out of the note image and straightening it, so the recogniser
 * sees a horizontal strip (issue 28). Mirrors PaddleOCR's `get_rotate_crop_image`: the detector
 * gives a rotated quad, the recogniser was trained on upright lines.
 */
import { distance } from './geometry';
import type { Point, Quad, RgbaImage } from './types';

/** Height / width at or above which a crop is taken as vertical text, PaddleOCR's threshold. */
export const VERTICAL_RATIO = 1.5;

/**
 * The eight coefficients of a plane projective map (the ninth is 1):
 * X = (a·u + b·v + c) / (g·u + h·v + 1), Y = (d·u + e·v + f) / (g·u + h·v + 1).
 */
interface Homography {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
  g: number;
  h: number;
}


/**
 * The map from the unit square (0,0), (1,0), (1,1), (0,1) onto the quad's corners in order
 * (Heckbert's closed form). Perspective rather than affine because a DB box is only a
 * rectangle up to rounding: a perspective map lands all four corners where the detector put
 * them, as PaddleOCR's `getPerspectiveTransform` does, where an affine one must ignore one.
 */
export function squareToQuad([p0, p1, p2, p3]: Quad): Homography {
  const dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy3 = p0.y - p1.y + p2.y - p3.y;
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const den = dx1 * dy2 - dx2 * dy1;
  // A parallelogram (the usual case) or a degenerate quad: the affine map through p0, p1, p3.
  if ((dx3 === 0 && dy3 === 0) || den === 0) {
    return { a: p1.x - p0.x, b: p3.x - p0.x, c: p0.x, d: p1.y - p0.y, e: p3.y - p0.y, f: p0.y, g: 0, h: 0 };
  }
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return {
    a: p1.x - p0.x + g * p1.x,
    b: p3.x - p0.x + h * p3.x,
    c: p0.x,
    d: p1.y - p0.y + g * p1.y,
    e: p3.y - p0.y + h * p3.y,
    f: p0.y,
    g,
    h,
  };
}

/** Where (u, v) of the unit square lands in the source image. */
function project(m: Homography, u: number, v: number): Point {
  const w = m.g * u + m.h * v + 1;
  return { x: (m.a * u + m.b * v + m.c) / w, y: (m.d * u + m.e * v + m.f) / w };
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/**
 * Bilinear sample of all four channels at (x, y), written to `out` at `at`. Integer
 * coordinates are pixel centres (OpenCV's convention, which the models were trained with), and
 * coordinates off the image are clamped to the edge pixel, like `BORDER_REPLICATE`, so a box
 * that grazes the border does not pull in black.
 */
export function sampleBilinear(image: RgbaImage, x: number, y: number, out: Uint8ClampedArray, at: number): void {
  const cx = clamp(x, 0, image.width - 1);
  const cy = clamp(y, 0, image.height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, image.width - 1);
  const y1 = Math.min(y0 + 1, image.height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const { data, width } = image;
  const i00 = (y0 * width + x0) * 4;
  const i10 = (y0 * width + x1) * 4;
  const i01 = (y1 * width + x0) * 4;
  const i11 = (y1 * width + x1) * 4;
  for (let ch = 0; ch < 4; ch++) {
    const top = (data[i00 + ch] ?? 0) * (1 - fx) + (data[i10 + ch] ?? 0) * fx;
    const bottom = (data[i01 + ch] ?? 0) * (1 - fx) + (data[i11 + ch] ?? 0) * fx;
    out[at + ch] = top * (1 - fy) + bottom * fy;
  }
}

/** A blank image of the given size (every channel 0). */
export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/**
 * The image turned 90° counter-clockwise, as `np.rot90` turns it: the top-right pixel becomes
 * the top-left one and the top row becomes the left column, so a column read top to bottom
 * now reads left to right.
 */
export function rotateCounterClockwise(image: RgbaImage): RgbaImage {
  const out = createImage(image.height, image.width);
  for (let row = 0; row < out.height; row++) {
    for (let col = 0; col < out.width; col++) {
      // Output (row, col) comes from input row `col`, column counted from the right.
      const from = (col * image.width + (image.width - 1 - row)) * 4;
      out.data.set(image.data.subarray(from, from + 4), (row * out.width + col) * 4);
    }
  }
  return out;
}

/**
 * The size of the straightened crop: the longer of each pair of opposite edges, so a slightly
 * skewed box loses no pixels. Rounded, not truncated like PaddleOCR's `int()`, so a 3.9999 px
 * edge from float noise stays 4; at least 1 so a degenerate box still yields an image.
 */
function cropSize([p0, p1, p2, p3]: Quad): { width: number; height: number } {
  const width = Math.round(Math.max(distance(p0, p1), distance(p3, p2)));
  const height = Math.round(Math.max(distance(p0, p3), distance(p1, p2)));
  return { width: Math.max(1, width), height: Math.max(1, height) };
}

/**
 * The text line inside `corners` (top left, top right, bottom right, bottom left), straightened
 * into an upright rectangle. Output pixel (i, j) samples the quad at (i / width, j / height) of
 * the way along its edges: corner 0 lands on pixel (0, 0) and the far corners one pixel past the
 * last, as with PaddleOCR's `[[0,0],[w,0],[w,h],[0,h]]` target, so an axis-aligned box returns
 * exactly its pixels. A crop at least 1.5 times as tall as wide is vertical text: it is turned
 * counter-clockwise so its first character (at the top) comes first on the left.
 */
export function cropLine(image: RgbaImage, corners: Quad): RgbaImage {
  const { width, height } = cropSize(corners);
  const map = squareToQuad(corners);
  const out = createImage(width, height);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const source = project(map, i / width, j / height);
      sampleBilinear(image, source.x, source.y, out.data, (j * width + i) * 4);
    }
  }
  return height >= VERTICAL_RATIO * width ? rotateCounterClockwise(out) : out;
}
