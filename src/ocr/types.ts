/**
 * The shapes the on-device OCR pipeline passes between its steps (issue 28). Everything here
 * runs in a worker, never on the page's main thread.
 */

/** An image's pixels, RGBA, row by row from the top left (the layout of `ImageData`). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface Point {
  x: number;
  y: number;
}

/** The four corners of a (possibly rotated) rectangle: top left, top right, bottom right, bottom left. */
export type Quad = [Point, Point, Point, Point];

/** A text line the detector found, in the original image's pixels. */
export interface TextBox {
  corners: Quad;
  /** The detector's mean probability inside the box (0–1). */
  score: number;
}

/** A detected line and what the recogniser read in it. */
export interface OcrLine {
  box: TextBox;
  text: string;
  /** The recogniser's mean confidence over the characters it kept (0–1). */
  confidence: number;
}

/** An axis-aligned rectangle, in the original image's pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lines that read as one unit (a caption, a list item, a title over two lines), in reading order. */
export interface OcrBlock {
  lines: OcrLine[];
  /** The lines' text joined as the block reads (Chinese lines without a space between them). */
  text: string;
  bounds: Rect;
}
