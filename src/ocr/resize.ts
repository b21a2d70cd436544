import type { RgbaImage } from './types';

/** The RGBA byte offsets of blue, green and red: both models read planes in that (OpenCV's) order. */
export const BGR = [2, 1, 0] as const;

/**
 * Bilinear resampling of an RGBA image to `width` × `height`, with OpenCV's half-pixel centres
 * (what `cv2.resize` does by default), so a shrink by two averages each pair of pixels. Returns
 * one plane per byte offset in `channels` (`BGR` for the models), floats in 0–255, plane after
 * plane: the layout the models take, with no alpha computed and no interleaved copy in between.
 */
export function resizeToPlanes(image: RgbaImage, width: number, height: number, channels: readonly number[] = BGR): Float32Array {
  const plane = width * height;
  const out = new Float32Array(channels.length * plane);
  const xs = samplePositions(image.width, width);
  const ys = samplePositions(image.height, height);
  const src = image.data;
  const rowBytes = image.width * 4;
  for (let y = 0; y < height; y++) {
    const top = ys.low[y]! * rowBytes;
    const bottom = ys.high[y]! * rowBytes;
    const fy = ys.frac[y]!;
    for (let x = 0; x < width; x++) {
      const left = xs.low[x]! * 4;
      const right = xs.high[x]! * 4;
      const fx = xs.frac[x]!;
      const target = y * width + x;
      for (let c = 0; c < channels.length; c++) {
        const offset = channels[c]!;
        const upper = src[top + left + offset]! * (1 - fx) + src[top + right + offset]! * fx;
        const lower = src[bottom + left + offset]! * (1 - fx) + src[bottom + right + offset]! * fx;
        out[c * plane + target] = upper * (1 - fy) + lower * fy;
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
