import { isChinese } from '../text/detect';
import { mergeBlocks } from './blocks';
import { isJapaneseText } from './ocr-text';
import type { OcrBlock, OcrLine } from './types';

/**
 * The blocks of an image that go to translation, each one unit: none from a Japanese image
 * (the model drops its kana, so its kanji would read as Chinese and be mistranslated), and of
 * the others only those with Chinese in them, so English-only captions, prices and digits
 * cost no request.
 */
export function translatableBlocks(lines: readonly OcrLine[]): OcrBlock[] {
  if (isJapaneseText(lines)) return [];
  return mergeBlocks(lines).filter((block) => isChinese(block.text));
}
