import { hasTranslatableText, protectText, restoreText } from '../text/protect';
import { joinTranslations, splitText } from '../text/split';
import { TranslationError } from './errors';
import type { BackendQueue } from './queue/backend-queue';
import type { LanguagePair } from './types';

/**
 * Translates one unit through one backend's queue: hashtags, @mentions, links and emoji become
 * placeholders, a text too long for one request is split at sentence boundaries, and the
 * pieces' translations are joined in order with the placeholders put back. If the backend
 * mangled a placeholder, the plain text is translated instead, so the reader never sees
 * `{3}` or a lost hashtag.
 */
export async function translateUnitWith(
  queue: BackendQueue,
  text: string,
  languages: LanguagePair,
  /** `mentions`: those the page marked (see protectText); `ignorePause`: the reader pressed Retry. */
  { ignorePause = false, mentions }: { ignorePause?: boolean; mentions?: readonly string[] | undefined } = {},
): Promise<string> {
  const { text: prepared, tokens } = protectText(text, mentions);
  if (!hasTranslatableText(prepared)) throw new TranslationError('invalid-request', 'Nothing to translate');
  const translated = await translatePieces(queue, prepared, languages, ignorePause);
  if (tokens.length === 0) return translated;
  return restoreText(translated, tokens) ?? translatePieces(queue, text, languages, ignorePause);
}

async function translatePieces(
  queue: BackendQueue,
  text: string,
  languages: LanguagePair,
  ignorePause: boolean,
): Promise<string> {
  const pieces = splitText(text, queue.backend.capabilities.maxCharsPerRequest);
  if (pieces.length === 1) return queue.translate(text, languages, ignorePause);
  const translations = await Promise.all(
    // A piece of nothing but placeholders or line breaks needs no backend.
    pieces.map((piece) => (hasTranslatableText(piece) ? queue.translate(piece, languages, ignorePause) : piece)),
  );
  return joinTranslations(pieces, translations, languages.target);
}
