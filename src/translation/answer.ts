import { TranslationError } from './errors';
import type { LanguagePair } from './types';

/**
 * A backend's answer is untrusted input. This is the one place that decides whether it is a
 * translation: every backend's answer passes through `checkAnswer` before it is used or cached.
 */

/**
 * Invisible format characters a translation must not carry: bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C),
 * which could re-order the page's text around the overlay; zero-width spaces, word joiners,
 * invisible operators, deprecated format controls and the BOM, which hide what a text says.
 * The zero-width joiner and non-joiner (U+200D, U+200C) stay: emoji sequences and some
 * scripts need them.
 */
const INVISIBLE_FORMAT = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/gu;

const HAN = /\p{Script=Han}/u;

/** The translation without invisible format characters. */
export function withoutInvisibleFormat(text: string): string {
  return text.replace(INVISIBLE_FORMAT, '');
}

/** One text's verdict: its translation, or why the answer is none. */
export type CheckedTranslation = { ok: true; translation: string } | { ok: false; error: TranslationError };

/**
 * Checks a backend's answer for `texts`. An answer that is not one string per text (fewer,
 * more, or not strings) is unusable as a whole and throws `bad-response`. Otherwise each text
 * gets its own verdict: a translation that is empty or blank, or one that came back unchanged
 * although the text had Chinese in it (the service did not translate it), is a `bad-response`
 * for that text alone, so it can go to the next backend while its neighbours are used.
 */
export function checkAnswer(
  backendName: string,
  texts: readonly string[],
  answer: unknown,
  languages: LanguagePair,
): CheckedTranslation[] {
  if (!Array.isArray(answer) || answer.length !== texts.length || answer.some((item) => typeof item !== 'string')) {
    const count = Array.isArray(answer) ? answer.length : 0;
    throw new TranslationError('bad-response', `${backendName} returned ${count} translations for ${texts.length} texts`);
  }
  const translatesChinese = !/^zh/i.test(languages.target);
  return (answer as string[]).map((raw, i): CheckedTranslation => {
    const text = texts[i]!;
    const translation = withoutInvisibleFormat(raw).trim();
    if (!translation && text.trim()) {
      return { ok: false, error: new TranslationError('bad-response', `${backendName} sent an empty translation`) };
    }
    if (translatesChinese && HAN.test(text) && sameText(translation, text)) {
      return { ok: false, error: new TranslationError('bad-response', `${backendName} sent the text back untranslated`) };
    }
    return { ok: true, translation };
  });
}

/** Equal but for blanks: a backend may fold or trim spaces while leaving the words as they were. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/gu, '') === b.replace(/\s+/gu, '');
}
