import { withoutUntranslatable } from './detect';

/**
 * The form of a text that is sent to a backend and used in cache keys: Unicode NFC, no links,
 * mentions or emoji codes, runs of blanks folded, line breaks kept (note bodies are multi-line).
 */
export function normalizeText(text: string): string {
  return withoutUntranslatable(text)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
