import type { TranslatorLanguages } from './api';

/**
 * Chrome's codes: `zh` for Simplified and `zh-Hant` for Traditional Chinese; any other BCP 47
 * tag goes through as it is (Chrome matches `en-GB` to its English pack itself).
 */
export function onDeviceLanguage(code: string): string {
  if (/^zh-(hant|tw|hk|mo)\b/i.test(code)) return 'zh-Hant';
  if (/^zh\b/i.test(code)) return 'zh';
  return code;
}

/** "Chinese", "English", "Traditional Chinese": the words a reader sees in error messages. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A pair's languages in a reader's words. */
export function pairWords(pair: TranslatorLanguages): { from: string; to: string } {
  return { from: languageName(pair.sourceLanguage), to: languageName(pair.targetLanguage) };
}
