/**
 * Splits texts longer than a backend's per-request limit into pieces, and joins the pieces'
 * translations back in order. Pieces keep their separators and whitespace, so the source pieces
 * concatenate to exactly the source text.
 */

/**
 * Where a cut may go, best first: after line breaks, after a sentence end, after a comma, after
 * a blank. Each pattern matches the characters that end the piece; the blanks after them are
 * added to the piece too, as far as the limit allows, so the next piece starts with a word.
 */
const CUT_CLASSES: readonly { pattern: RegExp; trailing: RegExp }[] = [
  { pattern: /\r?\n/gu, trailing: /\s/u },
  // `！！`, `？！`, `……` are one end; closing quotes/brackets belong to the sentence they close.
  // An ASCII `.` ends a sentence only before whitespace, so `3.5` and `xhslink.com` stay whole.
  {
    pattern: /(?:[。！？!?；;…]+[”」』）)"'’]*|\.+[”」』）)"'’]*(?=\s))/gu,
    trailing: /[^\S\r\n]/u,
  },
  { pattern: /[，,、]+/gu, trailing: /[^\S\r\n]/u },
  { pattern: /[^\S\r\n]+/gu, trailing: /[^\S\r\n]/u },
];

/** Characters that attach to the one before: combining marks (incl. VS16, keycap), ZWJ, skin tones, tags. */
const ATTACHES_TO_PREVIOUS = /^(?:\p{M}|\u200D|\p{Emoji_Modifier}|[\u{E0020}-\u{E007F}])/u;
const DIGITS_AND_CLOSE = /\d*\}/y;

/** True when cutting before `text[at]` would split a `{n}` placeholder. */
function insidePlaceholder(text: string, at: number): boolean {
  const open = text.lastIndexOf('{', at - 1);
  if (open === -1 || !/^\{\d*$/.test(text.slice(open, at))) return false;
  DIGITS_AND_CLOSE.lastIndex = at;
  const rest = DIGITS_AND_CLOSE.exec(text)?.[0];
  // `{` + digits + `}` with at least one digit in all.
  return rest !== undefined && at - open - 1 + rest.length - 1 > 0;
}

/** True when cutting before `text[at]` keeps surrogate pairs, placeholders and emoji sequences whole. */
function isSafeCut(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return false;
  if (before === 0x200d || ATTACHES_TO_PREVIOUS.test(text.slice(at, at + 2))) return false;
  return !insidePlaceholder(text, at);
}

/** The end of the last match of `pattern` in `text[start, limit)` that ends after `start`, or -1. */
function lastCut(text: string, start: number, limit: number, pattern: RegExp, trailing: RegExp): number {
  let best = -1;
  pattern.lastIndex = start;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    if (end > limit) break;
    if (end > start) best = end;
  }
  if (best === -1) return -1;
  while (best < limit && trailing.test(text.charAt(best))) best += 1;
  return best;
}

/** Where to end the piece that starts at `start`: the best cut class that has a cut wins. */
function cutPoint(text: string, start: number, maxChars: number): number {
  const limit = start + maxChars;
  for (const { pattern, trailing } of CUT_CLASSES) {
    const cut = lastCut(text, start, limit, pattern, trailing);
    if (cut !== -1) return cut;
  }
  let cut = limit;
  while (cut > start && !isSafeCut(text, cut)) cut -= 1;
  if (cut > start) return cut;
  // Only when maxChars is shorter than one placeholder, surrogate pair or emoji sequence:
  // overshoot rather than break it.
  cut = limit;
  while (!isSafeCut(text, cut)) cut += 1;
  return cut;
}

/**
 * Splits `text` into pieces of at most `maxChars` UTF-16 code units whose concatenation is
 * exactly `text`. Greedy: each piece is as long as possible, ending at the best kind of cut
 * available (line break > sentence end > comma > blank > anywhere safe). A piece is longer than
 * `maxChars` only when `maxChars` is shorter than a single `{n}` placeholder, surrogate pair or
 * emoji sequence (real backend limits are hundreds of characters).
 */
export function splitText(text: string, maxChars: number): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError(`maxChars must be a positive integer, got ${maxChars}`);
  if (text.length <= maxChars) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const cut = cutPoint(text, start, maxChars);
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

function lineBreaksIn(whitespace: string): string {
  return (whitespace.match(/\r?\n/g) ?? []).join('');
}

/** Languages written without spaces between sentences. */
const UNSPACED_LANGUAGES = /^(zh|ja|ko|th|lo|my|km)(-|$)/i;

/**
 * Joins the translations of `splitText` pieces, in order. Translations are trimmed; between two,
 * the line breaks around the source cut are kept, or else one space is put (none when the
 * `target` language, such as Chinese, does not put spaces between sentences).
 */
export function joinTranslations(pieces: readonly string[], translations: readonly string[], target = 'en'): string {
  if (pieces.length !== translations.length) {
    throw new RangeError(`${pieces.length} pieces but ${translations.length} translations`);
  }
  let joined = '';
  translations.forEach((translation, i) => {
    const next = translation.trim();
    if (i > 0 && joined !== '' && next !== '') {
      const previous = pieces[i - 1] ?? '';
      const current = pieces[i] ?? '';
      const around = previous.slice(previous.trimEnd().length) + current.slice(0, current.length - current.trimStart().length);
      joined += lineBreaksIn(around) || (UNSPACED_LANGUAGES.test(target) ? '' : ' ');
    }
    joined += next;
  });
  return joined;
}
