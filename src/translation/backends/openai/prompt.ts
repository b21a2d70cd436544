/**
 * What the OpenAI-compatible backend asks a model: the instructions for reading and for
 * replies, and the texts as numbered JSON. Pure functions, tested on their own.
 */
import type { ReplyTone } from '../../../settings/schema';
import { findSlangInAll, type SlangEntry } from '../../../text/slang';
import type { LanguagePair } from '../../types';

/**
 * Part of every cache key: bump it whenever `systemPrompt`, `replyPrompt` or the user message changes, so
 * answers to the old prompt are not served for the new one.
 */
export const PROMPT_VERSION = '1';

/**
 * `English` for `en`, `Brazilian Portuguese` for `pt-BR`, `Simplified Chinese` for `zh-CN`
 * (a model writes the script, not the country); the code itself when the name is unknown.
 */
export function languageName(code: string): string {
  if (typeof Intl === 'undefined' || typeof Intl.DisplayNames !== 'function') return code;
  const script = /^zh-(cn|sg|hans)$/i.test(code) ? 'zh-Hans' : /^zh-(tw|hk|mo|hant)$/i.test(code) ? 'zh-Hant' : code;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(script) ?? code;
  } catch {
    // Not a well-formed language tag (perhaps already a name): use it as written.
    return code;
  }
}

/** The instructions; `glossary` holds only the slang found in this batch, to keep prompts short. */
export function systemPrompt(targetLanguage: string, glossary: readonly SlangEntry[]): string {
  const target = languageName(targetLanguage);
  const lines = [
    `You translate posts and comments from RedNote (Xiaohongshu, 小红书), a Chinese social media app, from Chinese into ${target}.`,
    '',
    'Rules:',
    '- Keep the casual, personal tone of social media. Translate slang and internet expressions by what they mean, not word for word.',
    '- Placeholders such as {0} and {1} stand for hashtags, @mentions, links and emoji. Copy every placeholder exactly as written, where it belongs in the sentence. Never translate, change, drop or add placeholders.',
    '- Keep the line breaks of each text.',
    `- If a text is already in ${target}, copy it unchanged.`,
    '- The user message is a JSON array of items {"id": n, "text": "..."}. Translate each item separately: never merge, split or skip items.',
    '- Answer only with a JSON array of {"id": n, "translation": "..."}, with exactly one entry per input id, and nothing else: no explanations, no Markdown.',
  ];
  if (glossary.length > 0) {
    lines.push('', 'Slang used in these texts (term: meaning):', ...glossary.map((entry) => `- ${entry.term}: ${entry.meaning}`));
  }
  return lines.join('\n');
}

/** How each tone is described to the model. */
const TONE_RULES: Record<ReplyTone, string> = {
  casual:
    '- Tone: casual, the way people really comment on RedNote: warm, lively, natural internet Chinese, as a friend would write it. Short sentences; everyday expressions are welcome.',
  polite:
    '- Tone: polite and respectful, as to someone you do not know: courteous wording (use 您 when addressing the author), friendly but not slangy.',
};

/**
 * The instructions for a reply the user wrote in `languages.source`, to be posted on RedNote
 * in `languages.target`, in the requested tone (casual when none is given).
 */
export function replyPrompt(languages: LanguagePair): string {
  const source = languageName(languages.source);
  const target = languageName(languages.target);
  return [
    `You translate comments that a speaker of ${source} wants to post on RedNote (Xiaohongshu, 小红书), a Chinese social media app, from ${source} into ${target}.`,
    '',
    'Rules:',
    TONE_RULES[languages.tone ?? 'casual'],
    '- Say what the writer means, as a native speaker would write it; never add or leave out content.',
    '- Placeholders such as {0} and {1} stand for hashtags, @mentions, links and emoji. Copy every placeholder exactly as written, where it belongs in the sentence. Never translate, change, drop or add placeholders.',
    '- Keep the line breaks of each text.',
    '- The user message is a JSON array of items {"id": n, "text": "..."}. Translate each item separately: never merge, split or skip items.',
    '- Answer only with a JSON array of {"id": n, "translation": "..."}, with exactly one entry per input id, and nothing else: no explanations, no Markdown.',
  ].join('\n');
}

/**
 * A reply (English, with a tone) gets the reply prompt; reading and the back-translation of a
 * reply, both from Chinese and without a tone, get the reading prompt and its glossary.
 */
export function instructionsFor(texts: readonly string[], languages: LanguagePair): string {
  const fromChinese = /^zh(-|$)/i.test(languages.source);
  return languages.tone !== undefined || !fromChinese
    ? replyPrompt(languages)
    : systemPrompt(languages.target, findSlangInAll(texts));
}

/** The user message: the texts as `[{"id": 1, "text": …}, …]`, ids counting from 1. */
export function userMessage(texts: readonly string[]): string {
  return JSON.stringify(texts.map((text, index) => ({ id: index + 1, text })));
}
