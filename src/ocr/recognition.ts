/**
 * What goes into and comes out of the PP-OCRv4 mobile recogniser (issue 28): a straightened
 * line becomes the model's input tensor, and the model's per-step class probabilities become
 * text. Plain arithmetic with no dependencies, so it runs in the OCR worker and unit tests alike.
 * Follows PaddleOCR's `resize_norm_img` (predict_rec.py) and `CTCLabelDecode`
 * (rec_postprocess.py), which the model was trained with.
 */
import { BGR, resizeToPlanes } from './resize';
import type { RgbaImage } from './types';

/** The model's fixed input height. */
export const REC_HEIGHT = 48;
/** PaddleOCR's default input width (`rec_image_shape` 3,48,320): shorter lines are padded to it. */
export const REC_MIN_WIDTH = 320;
/**
 * Lines read with a lower mean confidence are dropped: PaddleOCR's `drop_score`. Below it the
 * text is mostly a misread texture or an emoji, not worth sending to a translator.
 */
export const MIN_LINE_CONFIDENCE = 0.5;

/** The recogniser's input for one line: `tensor` is [1, 3, 48, width], ready for `x`. */
export interface RecognitionInput {
  tensor: Float32Array;
  width: number;
}

/** A line as the recogniser read it; `confidence` is the mean over the characters it kept. */
export interface Recognised {
  text: string;
  confidence: number;
}

/**
 * The width a line gets at the model's height with its aspect ratio kept, rounded up so the
 * last character is never squeezed. Multiplied before dividing, so whole ratios stay exact
 * (PaddleOCR's `ceil(imgH * (w / h))` can round 4800/48 up to 101 through float noise).
 */
export function scaledWidth(line: RgbaImage, height: number): number {
  return Math.max(1, Math.ceil((height * line.width) / line.height));
}

/**
 * The input tensor for one straightened line: scaled to `height` keeping its aspect ratio,
 * planes in B, G, R order (PaddleOCR reads images with OpenCV, which is BGR, and trained on
 * that), each value mapped from 0–255 to −1…1 (`(x / 255 − 0.5) / 0.5`). Lines narrower than
 * `minWidth` are padded on the right with 0 after normalisation, as PaddleOCR pads: the model
 * was trained on 320-wide inputs, and a stretched short line would read worse. Alpha is ignored,
 * as `cv2.imread` drops it.
 */
export function recognitionInput(line: RgbaImage, height = REC_HEIGHT, minWidth = REC_MIN_WIDTH): RecognitionInput {
  const resizedWidth = scaledWidth(line, height);
  const planes = resizeToPlanes(line, resizedWidth, height, BGR);
  const width = Math.max(minWidth, resizedWidth);
  const tensor = new Float32Array(3 * height * width);
  for (let channel = 0; channel < 3; channel++) {
    for (let y = 0; y < height; y++) {
      const from = (channel * height + y) * resizedWidth;
      const to = (channel * height + y) * width;
      for (let x = 0; x < resizedWidth; x++) tensor[to + x] = planes[from + x]! / 127.5 - 1;
    }
  }
  return { tensor, width };
}

/** The class with the highest probability at one step, and that probability (first wins a tie, as `argmax` does). */
function argmaxAt(probs: Float32Array, offset: number, classes: number): { index: number; prob: number } {
  let index = 0;
  let prob = probs[offset] ?? 0;
  for (let c = 1; c < classes; c++) {
    const p = probs[offset + c] ?? 0;
    if (p > prob) {
      index = c;
      prob = p;
    }
  }
  return { index, prob };
}

/**
 * The character for a class: 0 is the CTC blank (never asked for here), 1…keys.length are the
 * keys file's lines shifted by one, and the last class is the space PaddleOCR appends
 * (`use_space_char`).
 */
function charFor(index: number, classes: number, keys: readonly string[]): string {
  return index === classes - 1 ? ' ' : (keys[index - 1] ?? '');
}

/**
 * Greedy CTC decoding of the recogniser's output for one line (`probs` is [steps, classes],
 * already softmaxed). Per step the likeliest class; runs of the same class are one character
 * (so a doubled character such as 好好 needs a blank between), blanks are dropped. The
 * confidence is the mean of the kept steps' probabilities, 0 when nothing was kept, as in
 * PaddleOCR, so an empty line always falls below `MIN_LINE_CONFIDENCE`.
 * Throws when the keys do not fit the model, since every character would come out shifted.
 */
export function ctcDecode(probs: Float32Array, steps: number, classes: number, keys: readonly string[]): Recognised {
  if (keys.length + 2 !== classes) {
    throw new Error(`The keys (${keys.length}) do not fit the model's ${classes} classes: expected blank + keys + space.`);
  }
  if (probs.length < steps * classes) {
    throw new Error(`The output holds ${probs.length} values, fewer than ${steps} steps × ${classes} classes.`);
  }
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let step = 0; step < steps; step++) {
    const { index, prob } = argmaxAt(probs, step * classes, classes);
    if (index !== 0 && index !== previous) {
      text += charFor(index, classes, keys);
      sum += prob;
      kept++;
    }
    previous = index;
  }
  return { text, confidence: kept === 0 ? 0 : sum / kept };
}

/**
 * The keys of `ppocr_keys_v1.txt`, one per line, in file order (class i is line i − 1, so no
 * line may be dropped or trimmed: a key that is a space stays a space). Only the empty string
 * after the final newline goes, Windows line ends and a byte-order mark are tolerated.
 */
export function parseKeys(fileText: string): string[] {
  const lines = fileText.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Whether a recognised line is sure enough to keep (PaddleOCR's `drop_score`: below 0.5 goes). */
export function keepLine(confidence: number): boolean {
  return confidence >= MIN_LINE_CONFIDENCE;
}
