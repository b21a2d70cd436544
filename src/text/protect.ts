/**
 * Token protection: before a text goes to a translation backend, the parts that must come back
 * unchanged (hashtags, @mentions, links, RedNote emoji codes such as `[笑哭R]`, emoji) are swapped
 * for ICU-style placeholders `{0}`, `{1}`, … which MT engines and LLMs copy verbatim, and put back
 * byte-identical afterwards.
 *
 * A text that already contains something placeholder-like (`{3}`, `{ 3 }`, `｛3｝`) is left alone:
 * `protectText` returns it unchanged with no tokens, because its own braces could not be told apart
 * from ours after translation. The caller then sends the plain text.
 */

import { mentionSpans, type Span } from './mentions';
import { LINK, SHORTCODE } from './tokens';

export interface ProtectedText {
  /** The text with every protected token replaced by `{i}`. */
  text: string;
  /** `tokens[i]` is the exact source text that `{i}` stands for. */
  tokens: string[];
}


// A hashtag name ends at blanks, another `#` or `@`, brackets and sentence punctuation, so that
// `#旅行攻略，超实用` protects only the tag.
const TAG_CHAR = String.raw`[^\s#@\[\]{}()（）「」『』【】《》〈〉“”‘’"'<>,.!?;:，。！？、；：…～~]`;
// The raw form `#话题名[话题]#` is protected whole; its name may contain spaces (`#City Walk[话题]#`).
const RAW_TAG = String.raw`#[^#\n\[\]]{1,64}\[话题\]#`;
// `(?<![A-Za-z0-9])` keeps `C#` and `issue#12` out; several tags in a row are one match.
const HASHTAG = String.raw`(?<![A-Za-z0-9])(?:${RAW_TAG}|#${TAG_CHAR}+)+`;


const KEYCAP = String.raw`[0-9#*]\uFE0F?\u20E3`;
// 〰 and 〽 are Extended_Pictographic but Chinese text uses them as punctuation: only their
// explicit emoji form (with VS16) counts.
const PICTOGRAPH = String.raw`(?![\u3030\u303D](?!\uFE0F))\p{Extended_Pictographic}(?:[\uFE0E\uFE0F]|\p{Emoji_Modifier})?(?:[\u{E0020}-\u{E007E}]+\u{E007F})?`;
const EMOJI_ELEMENT = String.raw`(?:\p{Regional_Indicator}{2}|${KEYCAP}|${PICTOGRAPH}|\p{Emoji_Modifier}|\p{Regional_Indicator})`;
const EMOJI = String.raw`${EMOJI_ELEMENT}(?:\u200D${EMOJI_ELEMENT})*`;

// Order matters where two kinds start at the same character: a keycap `#️⃣` before a hashtag.
// Mentions are found apart (mentions.ts): the page's markup may name them.
const TOKEN = new RegExp([LINK, KEYCAP, HASHTAG, SHORTCODE, EMOJI].join('|'), 'gu');

/** ASCII punctuation that ends a sentence around a link rather than belonging to it. */
const URL_TRAILING = /[.,;:!?'")]+$/;

/** Our placeholders and what a backend may turn them into: `{ 0 }`, `｛0｝`, `｛０｝`. */
const PLACEHOLDER_LIKE = /[{｛]\s*([0-9０-９]+)\s*[}｝]/gu;
const HAS_PLACEHOLDER_LIKE = new RegExp(PLACEHOLDER_LIKE.source, 'u');
const PLACEHOLDER = /\{\d+\}/g;


/** Drops sentence punctuation from a link's end, keeping a `)` that closes one inside the link. */
function trimUrl(url: string): string {
  const trailing = URL_TRAILING.exec(url)?.[0] ?? '';
  let keep = url.length - trailing.length;
  for (const char of trailing) {
    if (char !== ')') break;
    const body = url.slice(0, keep + 1);
    const opens = body.split('(').length - 1;
    const closes = body.split(')').length - 1;
    if (closes > opens) break;
    keep += 1;
  }
  return url.slice(0, keep);
}

/** Every token's place, in order; where a mention and another token overlap, the first one wins. */
function findTokens(text: string, mentions: readonly string[] | undefined): Span[] {
  const spans = [...mentionSpans(text, mentions), ...findPatternTokens(text)].sort((a, b) => a.start - b.start);
  const kept: Span[] = [];
  for (const span of spans) if (!kept.some((taken) => span.start < taken.end)) kept.push(span);
  return kept;
}

function findPatternTokens(text: string): Span[] {
  const spans: Span[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    let token = match[0];
    if (/^(?:https?:\/\/|www\.)/i.test(token)) {
      token = trimUrl(token);
      // The trimmed punctuation is scanned again as ordinary text.
      TOKEN.lastIndex = match.index + token.length;
    }
    spans.push({ start: match.index, end: match.index + token.length });
  }
  return spans;
}

/** Joins tokens separated only by blanks (not line breaks): fewer placeholders to mangle. */
function mergeAdjacent(text: string, spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && /^[^\S\r\n]*$/.test(text.slice(last.end, span.start))) {
      last.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/**
 * `mentions`: the exact @mentions the page marked in this text; only those are protected as
 * mentions. Without it (text with no markup), mentions are guessed (see mentions.ts).
 */
export function protectText(text: string, mentions?: readonly string[]): ProtectedText {
  if (HAS_PLACEHOLDER_LIKE.test(text)) return { text, tokens: [] };

  const spans = mergeAdjacent(text, findTokens(text, mentions));
  const tokens: string[] = [];
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    out += `${text.slice(at, start)}{${tokens.length}}`;
    tokens.push(text.slice(start, end));
    at = end;
  }
  return { text: out + text.slice(at), tokens };
}

/** `０`–`９` to `0`–`9`, so a full-width placeholder reads like ours. */
function asciiDigits(digits: string): string {
  return digits.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/**
 * Puts the tokens back into a translation of a protected text. Returns null ("mangled") unless
 * every `{i}` for i < tokens.length appears exactly once and no other `{digits}` appears; a
 * backend's spaces inside the braces or full-width braces/digits are accepted. With no tokens
 * there is nothing to restore or mangle, so the translation is returned as it is (it may hold
 * the source's own `{1}`, see `protectText`).
 */
export function restoreText(translated: string, tokens: readonly string[]): string | null {
  if (tokens.length === 0) return translated;
  const seen = new Array<boolean>(tokens.length).fill(false);
  for (const match of translated.matchAll(PLACEHOLDER_LIKE)) {
    const digits = asciiDigits(match[1] ?? '');
    const index = Number(digits);
    // `{01}` is not one of ours: only the canonical spelling counts.
    if (String(index) !== digits || index >= tokens.length || seen[index] === true) return null;
    seen[index] = true;
  }
  if (seen.includes(false)) return null;
  // A replacer function, not a string, so `$&` inside a URL is not a replacement pattern.
  return translated.replace(PLACEHOLDER_LIKE, (_match, digits: string) => tokens[Number(asciiDigits(digits))] ?? '');
}

/**
 * False when a protected text has nothing a translator could work on: only placeholders, blanks,
 * punctuation, symbols or digits (`{0}！！`, `666`, `{0} {1}`). Anything with a letter is translatable.
 */
export function hasTranslatableText(protectedText: string): boolean {
  return /\p{L}/u.test(protectedText.replace(PLACEHOLDER, ' '));
}
