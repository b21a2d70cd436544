/**
 * Pre- and post-processing around PaddleOCR's PP-OCRv4 text detector (DB, "differentiable
 * binarisation") for on-device OCR (issue 28). The model itself runs elsewhere (onnxruntime-web
 * in a worker); this file turns an image into its input tensor and its probability map into
 * text-line boxes, following PaddleOCR's `DetResizeForTest`, `NormalizeImage` and `DBPostProcess`.
 */
import { minAreaRect, polygonArea, polygonPerimeter, rectCorners, type RotatedRect } from './geometry';
import { BGR, resizeToPlanes } from './resize';
import type { Point, Quad, RgbaImage, TextBox } from './types';

/** The model was trained on images normalised with ImageNet's statistics, in this channel order. */
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;
/** The detector downsamples by 32, so each side must be a multiple of it. */
const STRIDE = 32;
/** PaddleOCR's `det_limit_side_len` with limit type "max": the longest side the detector sees. */
export const DETECTION_MAX_SIDE = 832;

export interface DetectionInput {
  /** NCHW [1, 3, height, width], channels blue, green, red. */
  tensor: Float32Array;
  width: number;
  height: number;
  /** Multiply the model's x by this to get the original image's x (original / resized). */
  scaleX: number;
  scaleY: number;
}

export interface DetectionOptions {
  /** A map pixel above this is text. */
  threshold?: number;
  /** A box whose mean probability is below this is dropped. */
  boxThreshold?: number;
  /** How far to grow a box: the DB map marks a shrunk core of each line, not the whole line. */
  unclipRatio?: number;
  /** At most this many blobs are looked at, so a noisy map cannot stall the worker. */
  maxCandidates?: number;
}

/** Python's `round`, which rounds halves to even: PaddleOCR's sizes depend on it (48 → 64, 80 → 64). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The size PaddleOCR's `DetResizeForTest` (limit_type "max") gives an image: shrunk, never
 * grown, until its longest side is at most `maxSide`, then each side truncated to whole pixels
 * and rounded to the nearest multiple of 32, at least 32.
 */
export function detectionSize(width: number, height: number, maxSide = DETECTION_MAX_SIDE): { width: number; height: number } {
  const ratio = Math.max(width, height) > maxSide ? maxSide / Math.max(width, height) : 1;
  const snap = (side: number): number => Math.max(roundHalfEven(Math.trunc(side * ratio) / STRIDE) * STRIDE, STRIDE);
  return { width: snap(width), height: snap(height) };
}


/**
 * The detector's input for an image. PaddleOCR reads images with OpenCV, which gives BGR, and
 * normalises channel 0 (blue) with the first mean and std, so the tensor is blue, green, red
 * with MEAN/STD in that order: feeding RGB would hand the model colours it was not trained on.
 * `scaleX`/`scaleY` take the model's coordinates back to the original image.
 */
export function detectionInput(image: RgbaImage, maxSide = DETECTION_MAX_SIDE): DetectionInput {
  const { width, height } = detectionSize(image.width, image.height, maxSide);
  const plane = width * height;
  // Blue, green, red planes of 0–255, each normalised in place as (v / 255 − mean) / std.
  const tensor = resizeToPlanes(image, width, height, BGR);
  for (let channel = 0; channel < 3; channel++) {
    const scale = 1 / (255 * STD[channel]!);
    const shift = -MEAN[channel]! / STD[channel]!;
    for (let i = channel * plane, end = i + plane; i < end; i++) tensor[i] = tensor[i]! * scale + shift;
  }
  return { tensor, width, height, scaleX: image.width / width, scaleY: image.height / height };
}

/**
 * Labels the 8-connected blobs of `mask` (non-zero pixels), 1, 2, … in raster order of each
 * blob's first pixel, with an explicit stack: recursion would overflow on a large blob.
 */
export function labelComponents(mask: Uint8Array, width: number, height: number): { labels: Int32Array; count: number } {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  let count = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    count++;
    labels[start] = count;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const index = stack[--top] ?? 0;
      const [x, y] = [index % width, Math.floor(index / width)];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (!mask[next] || labels[next]) continue;
          labels[next] = count;
          stack[top++] = next;
        }
      }
    }
  }
  return { labels, count };
}

/**
 * The two ends of every horizontal run of each blob. A blob's convex hull is the hull of these
 * ends, so the min-area rectangle needs only a few points per row instead of every pixel.
 */
export function runEnds(labels: Int32Array, width: number, height: number, count: number): Point[][] {
  const points: Point[][] = Array.from({ length: count }, () => []);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = labels[y * width + x] ?? 0;
      if (!label) continue;
      const left = x > 0 ? labels[y * width + x - 1] : 0;
      const right = x < width - 1 ? labels[y * width + x + 1] : 0;
      if (left !== label || right !== label) points[label - 1]?.push({ x, y });
    }
  }
  return points;
}

/**
 * Mean of the map over the pixels whose centres fall inside the quad, clipped to the map:
 * PaddleOCR's "fast" box score, which fills the min-area rectangle rather than the blob.
 */
export function boxScore(map: Float32Array, width: number, height: number, quad: Quad): number {
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  const [x0, x1] = [Math.max(Math.floor(Math.min(...xs)), 0), Math.min(Math.ceil(Math.max(...xs)), width - 1)];
  const [y0, y1] = [Math.max(Math.floor(Math.min(...ys)), 0), Math.min(Math.ceil(Math.max(...ys)), height - 1)];
  let [sum, n] = [0, 0];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!insideConvex(quad, x, y)) continue;
      sum += map[y * width + x] ?? 0;
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** Inside or on the edge of a convex polygon, either winding; the tolerance keeps edge pixels in. */
function insideConvex(polygon: readonly Point[], x: number, y: number): boolean {
  let [positive, negative] = [false, false];
  polygon.forEach((a, i) => {
    const b = polygon[(i + 1) % polygon.length] ?? a;
    const side = ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / (Math.hypot(b.x - a.x, b.y - a.y) || 1);
    if (side > 1e-6) positive = true;
    if (side < -1e-6) negative = true;
  });
  return !(positive && negative);
}

/**
 * Grows a rectangle outward by area × ratio / perimeter on every side (DB's "unclip"). PaddleOCR
 * offsets the polygon with round joins and takes the min-area rectangle again; for a rectangle
 * that is exactly this rectangle, since the rounded corners stay inside it.
 */
export function unclipRect(rect: RotatedRect, ratio: number): RotatedRect {
  const corners = rectCorners(rect);
  const perimeter = polygonPerimeter(corners);
  const distance = perimeter > 0 ? (polygonArea(corners) * ratio) / perimeter : 0;
  return { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance };
}

/** The smallest blob side PaddleOCR keeps, before unclipping (after it, this plus two). */
const MIN_SIZE = 3;

/**
 * Text-line boxes from the detector's probability map ([1, 1, height, width]), in the original
 * image's pixels, corners top left, top right, bottom right, bottom left. Like PaddleOCR:
 * binarise, take each blob's min-area rectangle, drop thin ones and ones the model was unsure
 * of, grow the rest back to the full line, scale to the original and clip to its bounds.
 */
export function detectionBoxes(
  map: Float32Array,
  width: number,
  height: number,
  scale: { scaleX: number; scaleY: number },
  options: DetectionOptions = {},
): TextBox[] {
  const { threshold = 0.3, boxThreshold = 0.6, unclipRatio = 1.5, maxCandidates = 1000 } = options;
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = (map[i] ?? 0) > threshold ? 1 : 0;
  const { labels, count } = labelComponents(mask, width, height);
  const blobs = runEnds(labels, width, height, count).slice(0, maxCandidates);
  const bounds = { width: width * scale.scaleX, height: height * scale.scaleY };
  const boxes: TextBox[] = [];
  for (const points of blobs) {
    const rect = minAreaRect(points);
    if (Math.min(rect.width, rect.height) < MIN_SIZE) continue;
    const score = boxScore(map, width, height, rectCorners(rect));
    if (score < boxThreshold) continue;
    const grown = unclipRect(rect, unclipRatio);
    if (Math.min(grown.width, grown.height) < MIN_SIZE + 2) continue;
    boxes.push({ corners: toOriginal(rectCorners(grown), scale, bounds), score });
  }
  return boxes;
}

/** Scales map coordinates to the original image and clips each corner to its bounds. */
function toOriginal(quad: Quad, scale: { scaleX: number; scaleY: number }, bounds: { width: number; height: number }): Quad {
  const clip = (value: number, max: number): number => Math.min(Math.max(value, 0), max);
  const place = (p: Point): Point => ({ x: clip(p.x * scale.scaleX, bounds.width), y: clip(p.y * scale.scaleY, bounds.height) });
  return [place(quad[0]), place(quad[1]), place(quad[2]), place(quad[3])];
}
