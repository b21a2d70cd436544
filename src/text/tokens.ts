/**
 * What a link and a RedNote emoji code look like in a note or comment: one definition for the
 * language detector (detect.ts), which ignores them, and the token protection (protect.ts),
 * which keeps them away from the translator.
 */

// URLs stop at whitespace and at CJK text or punctuation, because RedNote writes links straight
// into Chinese sentences (`看这里https://xhslink.com/a/xyz，超好用`) and share links are ASCII.
const URL_CHAR = String.raw`[^\s<>"\[\]\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]`;

/** A link: `http(s)://` or `www.`, not glued to a preceding word. A RegExp source, for `u` mode. */
export const LINK = String.raw`(?<![A-Za-z0-9])(?:https?:\/\/|www\.)${URL_CHAR}+`;

/** A RedNote emoji code such as `[笑哭R]`: `[`, 1–8 non-space, non-bracket characters, `]`. */
export const SHORTCODE = String.raw`\[[^\s\[\]]{1,8}\]`;
