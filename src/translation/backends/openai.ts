import type { ReplyTone, Settings } from '../../settings/schema';
import { findSlangInAll, type SlangEntry } from '../../text/slang';
import { httpError, parseJsonAnswer, parseRetryAfter, TranslationError } from '../errors';
import { sendHttp, type HttpRequest } from '../http';
import type { Backend, LanguagePair } from '../types';
import { isRecord } from '../../untyped';

const NAME = 'OpenAI-compatible API';

/**
 * Part of every cache key: bump it whenever `systemPrompt`, `replyPrompt` or the user message changes, so
 * answers to the old prompt are not served for the new one.
 */
export const PROMPT_VERSION = '1';

export type OpenAiConfig = Settings['backends']['openai'];

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
function instructionsFor(texts: readonly string[], languages: LanguagePair): string {
  const fromChinese = /^zh(-|$)/i.test(languages.source);
  return languages.tone !== undefined || !fromChinese
    ? replyPrompt(languages)
    : systemPrompt(languages.target, findSlangInAll(texts));
}

/** The user message: the texts as `[{"id": 1, "text": …}, …]`, ids counting from 1. */
export function userMessage(texts: readonly string[]): string {
  return JSON.stringify(texts.map((text, index) => ({ id: index + 1, text })));
}

/** `{baseUrl}/chat/completions`; a base URL that already names the endpoint is used as is. */
export function chatCompletionsUrl(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  return base.endsWith('/chat/completions') ? base : `${base}/chat/completions`;
}

/** `POST {baseUrl}/chat/completions` with only the fields every compatible server accepts. */
export function buildOpenAiRequest(
  texts: readonly string[],
  languages: LanguagePair,
  config: OpenAiConfig,
  glossary = true,
): HttpRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  // Pasted keys often carry a trailing newline, which fetch refuses in a header value.
  const key = config.apiKey.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  const body = {
    model: config.model,
    messages: [
      { role: 'system', content: instructionsFor(glossary ? texts : [], languages) },
      { role: 'user', content: userMessage(texts) },
    ],
    temperature: 0,
  };
  return { url: chatCompletionsUrl(config.baseUrl), init: { method: 'POST', headers, body: JSON.stringify(body) } };
}

/**
 * Removes a reasoning model's `<think>…</think>` blocks. Some servers put the opening tag in
 * the prompt template, so the answer starts inside the block and only `</think>` shows; a
 * block that never closes (the answer was cut off while reasoning) holds no answer at all.
 */
export function stripReasoning(content: string): string {
  return content
    .replace(/<think>[\s\S]*?<\/think>/gi, '')
    // Greedy: everything up to the last `</think>` whose opening tag the server kept.
    .replace(/^[\s\S]*<\/think>/i, '')
    // An opening tag never closed: the rest is reasoning.
    .replace(/<think>[\s\S]*$/i, '')
    .trim();
}

/** Removes Markdown code fence lines (```` ```json ````, ```` ``` ````), keeping what they enclose. */
function stripFences(content: string): string {
  return content.replace(/^[ \t]*```[^\n`]*$/gm, '').trim();
}


/** The index of the `]` closing the `[` at `start`, skipping brackets inside JSON strings; -1 if none. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Every outermost `[…]` in `text` that parses as a JSON array, left to right (prose around them is skipped). */
function jsonArrays(text: string): unknown[][] {
  const arrays: unknown[][] = [];
  let start = text.indexOf('[');
  while (start !== -1) {
    const end = closingBracket(text, start);
    let parsed: unknown = undefined;
    if (end !== -1) {
      try {
        parsed = JSON.parse(text.slice(start, end + 1));
      } catch {
        // Prose in brackets, or a broken array: look further.
      }
    }
    if (Array.isArray(parsed)) {
      arrays.push(parsed);
      start = text.indexOf('[', end + 1);
    } else {
      start = text.indexOf('[', start + 1);
    }
  }
  return arrays;
}

/** An item's id as a number (models sometimes quote it), or NaN. */
function idOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return Number.NaN;
}

/** The translation of one `{id, translation}` (or `{id, text}`) item, or null. */
function translationOf(item: Record<string, unknown>): string | null {
  // `translation` wins: a model that echoes the source next to it also sends `text`.
  const value = 'translation' in item ? item.translation : item.text;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Exactly one non-empty translation for each id 1..expected, in id order; null otherwise. */
function translationsById(items: readonly unknown[], expected: number): string[] | null {
  if (items.length !== expected) return null;
  const byId = new Map<number, string>();
  for (const item of items) {
    if (!isRecord(item)) return null;
    const id = idOf(item.id);
    const translation = translationOf(item);
    if (!Number.isInteger(id) || id < 1 || id > expected || byId.has(id) || translation === null) return null;
    byId.set(id, translation);
  }
  const ordered: string[] = [];
  for (let id = 1; id <= expected; id++) {
    const translation = byId.get(id);
    if (translation === undefined) return null;
    ordered.push(translation);
  }
  return ordered;
}

/**
 * Reads a model's answer: reasoning, code fences and prose around the array are ignored, and
 * the first array that gives exactly one translation per id 1..expected wins. Null when none does.
 */
export function parseOpenAiTranslations(content: string, expected: number): string[] | null {
  const text = stripFences(stripReasoning(content));
  for (const array of jsonArrays(text)) {
    const translations = translationsById(array, expected);
    if (translations) return translations;
  }
  return null;
}

/**
 * The answer to a batch of one that came without the asked-for array: models often answer a
 * single item as a lone `{id, translation}` object or as plain text. Null when it is neither.
 */
export function singleTranslation(content: string): string | null {
  const text = stripFences(stripReasoning(content));
  if (text === '') return null;
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed) ? translationOf(parsed) : null;
    } catch {
      return null;
    }
  }
  // Anything else shaped like JSON is a broken answer, not a translation.
  return text.startsWith('[') ? null : text;
}

interface ErrorDetail {
  message?: string;
  code?: string;
  type?: string;
}

/** OpenAI's `{error: {message, type, code}}`, a bare `{error: "…"}`, or vLLM's top-level `{message, type}`. */
function errorDetail(body: unknown): ErrorDetail {
  if (!isRecord(body)) return {};
  const error = body.error;
  if (typeof error === 'string') return { message: error };
  const source = isRecord(error) ? error : body;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return { message: text(source.message), code: text(source.code), type: text(source.type) };
}

/** Reads a chat completion's `choices[0].message.content`; throws TranslationError for everything else. */
export function parseOpenAiResponse(status: number, bodyText: string, retryAfterHeader?: string | null): string {
  const retryAfterMs = parseRetryAfter(retryAfterHeader);
  const body = parseJsonAnswer(NAME, status, bodyText, () => httpError(NAME, status, undefined, retryAfterMs));
  const detail = errorDetail(body);
  if (status < 200 || status >= 300) {
    // No credit left is not worth retrying: OpenAI says so with a 429, DeepSeek and OpenRouter with a 402.
    if (status === 402 || detail.code === 'insufficient_quota' || detail.type === 'insufficient_quota') {
      const why = detail.message ? `: ${detail.message}` : '';
      throw new TranslationError('quota', `${NAME} has no credit left on this account (HTTP ${status})${why}`, status);
    }
    throw httpError(NAME, status, detail.message, retryAfterMs);
  }
  const choices = isRecord(body) ? body.choices : undefined;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const message = isRecord(first) ? first.message : undefined;
  const content = isRecord(message) ? message.content : undefined;
  if (typeof content !== 'string') {
    const why = detail.message ? `: ${detail.message}` : '';
    throw new TranslationError('bad-response', `${NAME} sent no answer text${why}`, status);
  }
  return content;
}

export function createOpenAiBackend(settings: Settings): Backend {
  const config = settings.backends.openai;
  const name = `${NAME} (${config.model})`;

  async function complete(texts: readonly string[], languages: LanguagePair, signal: AbortSignal): Promise<string> {
    const answer = await sendHttp(`${name} at ${config.baseUrl}`, buildOpenAiRequest(texts, languages, config, settings.slangNotes), signal);
    return parseOpenAiResponse(answer.status, answer.body, answer.retryAfter);
  }

  /**
   * One translation per text. A model that miscounts or garbles the array is asked again
   * with each half of the batch, down to single texts, so no translation lands on the wrong text.
   */
  async function translateBatch(texts: readonly string[], languages: LanguagePair, signal: AbortSignal): Promise<string[]> {
    const content = await complete(texts, languages, signal);
    const translations = parseOpenAiTranslations(content, texts.length);
    if (translations) return translations;
    if (texts.length === 1) {
      const single = singleTranslation(content);
      if (single !== null) return [single];
      throw new TranslationError('bad-response', `${name} did not answer with a translation`);
    }
    const half = Math.ceil(texts.length / 2);
    // One half after the other: the halves share the backend's request budget with everything else.
    const first = await translateBatch(texts.slice(0, half), languages, signal);
    const second = await translateBatch(texts.slice(half), languages, signal);
    return [...first, ...second];
  }

  return {
    id: 'openai',
    name,
    // Without the glossary the prompt differs, and so may the answers.
    cacheId: `openai:${config.model}:${PROMPT_VERSION}${settings.slangNotes ? '' : ':no-glossary'}`,
    capabilities: {
      maxTextsPerRequest: 20,
      maxCharsPerRequest: 4000,
      // Local servers need no key; OpenAI itself answers 401 without one, which reads as 'auth'.
      kind: 'llm',
      // LLM answers are slow and free tiers allow few requests a minute: stay gentle.
      maxConcurrentRequests: 2,
      requestsPerSecond: 1,
      burst: 3,
    },
    translate: (texts, languages, signal) => translateBatch(texts, languages, signal),
  };
}
