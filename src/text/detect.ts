/**
 * Decides whether a piece of user text is Chinese, i.e. worth sending to a translator.
 * Japanese is told apart by its kana, Korean by hangul; text with nothing to translate
 * (emoji, digits, links, mentions) is never Chinese.
 */

import { withoutMentions } from './mentions';
import { LINK, SHORTCODE } from './tokens';

const LINKS = new RegExp(LINK, 'gu');
const SHORTCODES = new RegExp(SHORTCODE, 'gu');

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

/** Ideographic punctuation and symbols that also sit in the Han block's neighbourhood. */
const KANA_NEUTRAL = /[ー・゛゜]/gu;

export type TextLanguage = 'zh' | 'ja' | 'ko' | 'other' | 'none';

/**
 * Removes what is never translated: links, @mentions (those the page marked, when it says;
 * see mentions.ts) and RedNote emoji codes such as `[笑哭R]`.
 */
export function withoutUntranslatable(text: string, mentions?: readonly string[]): string {
  return withoutMentions(text, mentions).replace(LINKS, ' ').replace(SHORTCODES, ' ');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** `mentions`: the @mentions the page marked in the text, if it marks them. */
export function detectLanguage(rawText: string, mentions?: readonly string[]): TextLanguage {
  const text = withoutUntranslatable(rawText, mentions).replace(KANA_NEUTRAL, '');
  const han = count(text, HAN);
  const kana = count(text, KANA);
  const hangul = count(text, HANGUL);
  const latinWords = count(text, LATIN_WORD);

  // Japanese mixes kanji with plenty of kana; Chinese posts borrow at most a stray 「の」.
  if (kana >= 2 && kana * 4 >= han) return 'ja';
  if (kana > 0 && han === 0) return 'ja';
  if (hangul > 0 && hangul >= han) return 'ko';
  if (han >= 2 || (han === 1 && latinWords === 0)) return 'zh';
  if (latinWords > 0 || /\p{L}/u.test(text)) return 'other';
  return 'none';
}

/** True for Simplified, Traditional and mixed Chinese/English text. */
export function isChinese(text: string, mentions?: readonly string[]): boolean {
  return detectLanguage(text, mentions) === 'zh';
}
