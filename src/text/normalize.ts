/**
 * The form of a text that is sent to a backend and used in cache keys: Unicode NFC, runs of
 * blanks folded, line breaks kept (note bodies are multi-line). Links, mentions, hashtags and
 * emoji stay: they are protected during translation and come back byte-identical.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
