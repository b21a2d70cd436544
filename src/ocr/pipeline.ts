import { detectionBoxes, detectionInput } from './detection';
import { fixOcrText } from './ocr-text';
import { cropLine } from './crop';
import { ctcDecode, keepLine, recognitionInput } from './recognition';
import { readingOrder } from './reading-order';
import type { OcrLine, RgbaImage } from './types';

/** The recogniser's answer for one line: per time step, a probability per class. */
export interface RecogniserOutput {
  probs: Float32Array;
  steps: number;
  classes: number;
}

/** What the pipeline needs of the two models; `onnx-models.ts` runs them with onnxruntime-web. */
export interface OcrModels {
  /** The detector on an NCHW tensor [1,3,height,width]: its probability map [height × width]. */
  detect(tensor: Float32Array, width: number, height: number): Promise<Float32Array>;
  /**
   * The recogniser on one line's tensor [1,3,48,width]. All of an image's lines are asked for
   * at once, so an implementation with more than one recogniser may read them side by side.
   */
  recognise(tensor: Float32Array, width: number): Promise<RecogniserOutput>;
  /** The recogniser's dictionary: class i is keys[i − 1]. */
  keys: readonly string[];
}

/**
 * Reads the text lines on an image, in reading order: detection, then each line cropped
 * straight and recognised. Lines the recogniser is unsure of (mean confidence under 0.5) or
 * that read as nothing are dropped; the model's known misreadings are fixed.
 */
export async function readImage(image: RgbaImage, models: OcrModels): Promise<OcrLine[]> {
  const input = detectionInput(image);
  const map = await models.detect(input.tensor, input.width, input.height);
  const boxes = detectionBoxes(map, input.width, input.height, input);
  const read = await Promise.all(
    boxes.map(async (box): Promise<OcrLine | null> => {
      const line = recognitionInput(cropLine(image, box.corners));
      const output = await models.recognise(line.tensor, line.width);
      const { text, confidence } = ctcDecode(output.probs, output.steps, output.classes, models.keys);
      if (!keepLine(confidence) || text.trim() === '') return null;
      return { box, text: fixOcrText(text), confidence };
    }),
  );
  return readingOrder(read.filter((line): line is OcrLine => line !== null));
}
