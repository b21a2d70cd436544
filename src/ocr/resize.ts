import type { RgbaImage } from './types';

/**
 * Bilinear resampling of an RGBA image to `width` × `height`, with OpenCV's half-pixel centres
 * (what `cv2.resize` does by default), so a shrink by two averages each pair of pixels. Returns
 * floats in 0–255, RGBA.
 */
export function resizeBilinear(image: RgbaImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 4);
  const xs = samplePositions(image.width, width);
  const ys = samplePositions(image.height, height);
  const src = image.data;
  const rowBytes = image.width * 4;
  for (let y = 0; y < height; y++) {
    const top = (ys.low[y] ?? 0) * rowBytes;
    const bottom = (ys.high[y] ?? 0) * rowBytes;
    const fy = ys.frac[y] ?? 0;
    for (let x = 0; x < width; x++) {
      const left = (xs.low[x] ?? 0) * 4;
      const right = (xs.high[x] ?? 0) * 4;
      const fx = xs.frac[x] ?? 0;
      const target = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) {
        const upper = (src[top + left + c] ?? 0) * (1 - fx) + (src[top + right + c] ?? 0) * fx;
        const lower = (src[bottom + left + c] ?? 0) * (1 - fx) + (src[bottom + right + c] ?? 0) * fx;
        out[target + c] = upper * (1 - fy) + lower * fy;
      }
    }
  }
  return out;
}

/** For each output column (or row): the two source pixels it blends and the weight of the second. */
function samplePositions(source: number, target: number): { low: Int32Array; high: Int32Array; frac: Float32Array } {
  const [low, high, frac] = [new Int32Array(target), new Int32Array(target), new Float32Array(target)];
  const scale = source / target;
  for (let i = 0; i < target; i++) {
    // Clamped at the borders, as OpenCV replicates the edge pixel.
    const at = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), source - 1);
    const floor = Math.floor(at);
    low[i] = floor;
    high[i] = Math.min(floor + 1, source - 1);
    frac[i] = at - floor;
  }
  return { low, high, frac };
}
