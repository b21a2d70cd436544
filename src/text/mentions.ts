/**
 * Where a text's @mentions are: the one rule that token protection (protect.ts) and language
 * detection (detect.ts) share.
 *
 * A page that marks its mentions knows them: RedNote renders a real mention as a link
 * (`a.note-content-user`, text `@name`) and a plain `@` as plain text, so `@一下他们哈哈哈`
 * ("tag them, hahaha") is words, not a name. Such text comes with `mentions`, the exact
 * strings the page marked, and only those are mentions. Text with no markup (a selection on
 * another page, the user's reply) has no such list: there a mention is guessed from what a
 * nickname can be.
 */

/**
 * A guessed mention: `@` at the start or after a blank, then 1–24 letters, digits, `_`, `-`
 * or `·` (RedNote nicknames are at most 24 characters and carry no sentence punctuation),
 * ending at a blank, punctuation or the end. `@小明，你好` mentions `@小明`; `email@host` none.
 */
export const GUESSED_MENTION = String.raw`(?<=^|\s)@[\p{L}\p{M}\p{N}_\-·]{1,24}(?=$|[\s\p{P}\p{S}])`;

const GUESSED = new RegExp(GUESSED_MENTION, 'gu');

export interface Span {
  start: number;
  end: number;
}

/**
 * The mentions' places in `text`, in order and without overlaps: every occurrence of each
 * marked mention when `mentions` is given (the page's markup decides), else the guessed ones.
 */
export function mentionSpans(text: string, mentions?: readonly string[]): Span[] {
  if (mentions === undefined) {
    return Array.from(text.matchAll(GUESSED), (match) => ({ start: match.index, end: match.index + match[0].length }));
  }
  const spans: Span[] = [];
  // Longest first, so `@小明明` is not cut short by a mention `@小明`.
  const names = [...new Set(mentions)].filter((name) => name.length > 0).sort((a, b) => b.length - a.length);
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const span = { start: at, end: at + name.length };
      if (!spans.some((taken) => span.start < taken.end && taken.start < span.end)) spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The text with each mention replaced by a blank. */
export function withoutMentions(text: string, mentions?: readonly string[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of mentionSpans(text, mentions)) {
    out += `${text.slice(at, start)} `;
    at = end;
  }
  return out + text.slice(at);
}
