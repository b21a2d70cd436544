import type { ReplyTone } from '../../src/settings/schema';
import { fakeTranslate } from './fake-translation';
import { recordRequest, sendTranslation, type FakeBackend, type FakeMode, type FakeRequestRecord } from './fake-backend';
import { sendJson, startLocalServer } from './http';

/**
 * Besides the shared modes, how a chat model gets the format wrong while the HTTP side is fine:
 * `wrong-count` drops the last item of a batch of more than one; `prose` wraps the array in
 * chatty text and a ```json fence; `think` puts a reasoning block first, itself holding brackets
 * and a JSON array of wrong translations for the same ids; `quota` answers OpenAI's 429
 * `insufficient_quota` (an account without credit).
 */
export type FakeOpenAiMode = FakeMode | { kind: 'wrong-count' } | { kind: 'prose' } | { kind: 'think' } | { kind: 'quota' };

export interface FakeOpenAiOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401. */
  apiKey?: string;
}

export interface FakeOpenAiRequestRecord extends FakeRequestRecord {
  /** The Authorization header, as sent. */
  authorization: string | undefined;
}

export interface ChatMessage {
  role: string;
  content: string;
}

/** The chat messages a recorded request sent (empty when its body was not a chat request). */
export function messagesOf(record: FakeRequestRecord): ChatMessage[] {
  try {
    const body: unknown = JSON.parse(record.body);
    if (typeof body !== 'object' || body === null || !('messages' in body) || !Array.isArray(body.messages)) return [];
    return body.messages.flatMap((message: unknown) =>
      typeof message === 'object' &&
      message !== null &&
      'role' in message &&
      'content' in message &&
      typeof message.role === 'string' &&
      typeof message.content === 'string'
        ? [{ role: message.role, content: message.content }]
        : [],
    );
  } catch {
    return [];
  }
}

interface OpenAiErrorBody {
  error: { message: string; type: string; param: null; code: string | null };
}

function openAiError(message: string, type: string, code: string | null): OpenAiErrorBody {
  return { error: { message, type, param: null, code } };
}

/** The error bodies OpenAI sends, by status (`model` fills in the 404). */
function errorFor(status: number, model: string): OpenAiErrorBody {
  switch (status) {
    case 400:
      return openAiError("'messages' is a required property", 'invalid_request_error', null);
    case 401:
      return openAiError(
        'Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        'invalid_api_key',
      );
    case 404:
      return openAiError(
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
    case 429:
      return openAiError(
        `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. ` +
          'Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.',
        'requests',
        'rate_limit_exceeded',
      );
    case 500:
      return openAiError('The server had an error while processing your request. Sorry about that!', 'server_error', 'server_error');
    default:
      return openAiError(`HTTP ${status}`, 'server_error', null);
  }
}

const QUOTA_ERROR = openAiError(
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, ' +
    'read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  'insufficient_quota',
  'insufficient_quota',
);

interface Item {
  id: number;
  text: string;
}

/** The `[{id, text}]` array in the last user message, or null when there is none. */
function itemsOf(messages: readonly ChatMessage[]): Item[] | null {
  const user = messages.filter((message) => message.role === 'user').at(-1);
  if (!user) return null;
  try {
    const parsed: unknown = JSON.parse(user.content);
    if (!Array.isArray(parsed)) return null;
    const items: Item[] = [];
    for (const entry of parsed as unknown[]) {
      if (typeof entry !== 'object' || entry === null || !('id' in entry) || !('text' in entry)) return null;
      if (typeof entry.id !== 'number' || typeof entry.text !== 'string') return null;
      items.push({ id: entry.id, text: entry.text });
    }
    return items;
  } catch {
    return null;
  }
}

/** Which way the system prompt asks to translate, as a fake model understands it. */
interface Instructions {
  target: string;
  tone?: ReplyTone;
}

/**
 * Reads the system message: the reading prompt says "from Chinese into English", the reply
 * prompt "from English into Simplified Chinese" and, for a polite reply, has a "Tone: polite"
 * rule. Without a system message the fake reads, as before replies existed.
 */
export function instructionsOf(messages: readonly ChatMessage[]): Instructions {
  const system = messages.find((message) => message.role === 'system')?.content ?? '';
  const into = /\binto ([^.\n]+)/.exec(system)?.[1] ?? 'English';
  if (!/Chinese/i.test(into)) return { target: 'en' };
  return {
    target: /Traditional/i.test(into) ? 'zh-Hant' : 'zh-Hans',
    tone: /Tone: polite/i.test(system) ? 'polite' : 'casual',
  };
}

/** What the model "writes" for the items in this mode. */
function contentFor(mode: FakeOpenAiMode, items: readonly Item[], instructions: Instructions): string {
  const answer = items.map((item) => ({
    id: item.id,
    translation: fakeTranslate(item.text, instructions.target, instructions.tone),
  }));
  if (mode.kind === 'wrong-count' && answer.length > 1) answer.pop();
  const json = JSON.stringify(answer);
  if (mode.kind === 'prose') {
    return (
      'Sure! Here are the translations [keeping the {0} placeholders as they are]:\n\n' +
      '```json\n' +
      JSON.stringify(answer, null, 2) +
      '\n```\n\nLet me know if you want a more formal tone [or a literal one]!'
    );
  }
  if (mode.kind === 'think') {
    const draft = JSON.stringify(items.map((item) => ({ id: item.id, translation: `draft ${item.id}` })));
    return (
      '<think>\nThe user wants a JSON array of [id, translation] pairs. First attempt:\n' +
      `${draft}\nHmm, those are placeholders [not real translations]. Let me do it properly.\n</think>\n\n${json}`
    );
  }
  return json;
}

/**
 * An OpenAI-compatible chat completions API: `POST /v1/chat/completions` with
 * `{model, messages, temperature}`; the answer is a `chat.completion` object whose message
 * content is the JSON array of `{id, translation}` the backend's prompt asks for. Errors are
 * OpenAI's `{error: {message, type, param, code}}`. CORS is open, as OpenAI's is.
 */
export async function startFakeOpenAi(
  options: FakeOpenAiOptions = {},
): Promise<FakeBackend<FakeOpenAiMode> & { readonly requests: FakeOpenAiRequestRecord[] }> {
  let mode: FakeOpenAiMode = { kind: 'ok' };
  const requests: FakeOpenAiRequestRecord[] = [];
  const cors = { 'Access-Control-Allow-Origin': '*' };
  let completions = 0;

  const server = await startLocalServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
      });
      response.end();
      return;
    }
    let json: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: answered with a 400 below.
    }
    const model = typeof json.model === 'string' ? json.model : '';
    const record: FakeOpenAiRequestRecord = { ...recordRequest(request, body, []), authorization: request.headers.authorization };
    const items = itemsOf(messagesOf(record));
    record.texts = items?.map((item) => item.text) ?? [];
    requests.push(record);
    const fail = (status: number, error: OpenAiErrorBody = errorFor(status, model)) => {
      record.status = status;
      const headers: Record<string, string> = { ...cors };
      if (mode.kind === 'fail' && mode.retryAfterSeconds !== undefined) headers['Retry-After'] = String(mode.retryAfterSeconds);
      sendJson(response, status, error, headers);
    };

    if (request.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
      return fail(404, openAiError(`Invalid URL (${request.method ?? ''} ${url.pathname})`, 'invalid_request_error', null));
    }
    if (mode.kind === 'fail') return fail(mode.status);
    if (mode.kind === 'quota') return fail(429, QUOTA_ERROR);
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) return fail(401);
    if (!model || items === null || items.length === 0) return fail(400);

    const content = contentFor(mode, items, instructionsOf(messagesOf(record)));
    completions++;
    const promptTokens = Math.ceil(body.length / 4);
    const completionTokens = Math.ceil(content.length / 4);
    const completion = {
      id: `chatcmpl-fake${completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
    // The format modes change what the model writes, not how the answer is sent.
    const delivery = mode.kind === 'slow' || mode.kind === 'stalled-body' || mode.kind === 'malformed' ? mode : { kind: 'ok' as const };
    sendTranslation(response, delivery, completion, cors);
  });

  return { ...server, requests, setMode: (next) => (mode = next) };
}
