/**
 * What reading one image gives the rest of RedBridge: the image's size and its Chinese blocks,
 * each to be translated as one unit. It crosses the worker, the offscreen page, the background,
 * the cache and the content script, so every receiver checks it with `parseImageReading`.
 */
import type { OcrLine, Rect } from './types';
import { translatableBlocks } from './translatable';
import { isJapaneseText } from './ocr-text';

/** `chinese`: blocks to translate. `japanese`: text the model cannot read (no kana). `none`: no Chinese. */
export type ImageLanguage = 'chinese' | 'japanese' | 'none';

export interface ImageBlock {
  /** The block's Chinese as read (lines joined). */
  text: string;
  /** Where it sits, in the pixels of the image that was read. */
  bounds: Rect;
}

export interface ImageReading {
  /** The size of the image that was read, which `bounds` are in. */
  width: number;
  height: number;
  language: ImageLanguage;
  /** The blocks to translate, in reading order; empty unless `language` is `chinese`. */
  blocks: ImageBlock[];
}

/** The most blocks one image may bring: a dense poster has a few dozen. */
export const MAX_BLOCKS = 200;
/** The longest text one block may hold. */
export const MAX_BLOCK_TEXT = 2000;
/** The largest image side RedBridge reads (RedNote serves at most about 2,000 px). */
export const MAX_IMAGE_SIDE = 8192;

/** The reading of `lines` recognised on an image of `width` × `height`. */
export function readingOf(lines: readonly OcrLine[], width: number, height: number): ImageReading {
  if (isJapaneseText(lines)) return { width, height, language: 'japanese', blocks: [] };
  const blocks = translatableBlocks(lines).map((block) => ({ text: block.text, bounds: { ...block.bounds } }));
  return { width, height, language: blocks.length > 0 ? 'chinese' : 'none', blocks };
}

const LANGUAGES: readonly unknown[] = ['chinese', 'japanese', 'none'];

function isSide(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_IMAGE_SIDE;
}

function parseBounds(value: unknown, width: number, height: number): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width: w, height: h } = value as Record<string, unknown>;
  const numbers = [x, y, w, h];
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n))) return null;
  const rect = { x: x as number, y: y as number, width: w as number, height: h as number };
  // A box may stick out a little past the edges (unclipping), never lie outside the image.
  if (rect.width <= 0 || rect.height <= 0 || rect.x >= width || rect.y >= height) return null;
  if (rect.x + rect.width <= 0 || rect.y + rect.height <= 0) return null;
  return rect;
}

/** A reading as a receiver may trust it, or null when anything in it is off. */
export function parseImageReading(value: unknown): ImageReading | null {
  if (typeof value !== 'object' || value === null) return null;
  const { width, height, language, blocks } = value as Record<string, unknown>;
  if (!isSide(width) || !isSide(height) || !LANGUAGES.includes(language)) return null;
  if (!Array.isArray(blocks) || blocks.length > MAX_BLOCKS) return null;
  const parsed: ImageBlock[] = [];
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null) return null;
    const { text, bounds } = block as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_BLOCK_TEXT) return null;
    const rect = parseBounds(bounds, width, height);
    if (!rect) return null;
    parsed.push({ text, bounds: rect });
  }
  if (language !== 'chinese' && parsed.length > 0) return null;
  return { width, height, language: language as ImageLanguage, blocks: parsed };
}
