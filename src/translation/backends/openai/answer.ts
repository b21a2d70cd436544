/**
 * What the OpenAI-compatible backend reads from a model's answer: the chat completion, then one
 * translation per text out of whatever the model wrote around its JSON. Pure functions.
 */
import { isRecord } from '../../../untyped';
import { httpError, parseJsonAnswer, parseRetryAfter, TranslationError } from '../../errors';

/** How errors name the backend. */
export const NAME = 'OpenAI-compatible API';

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
