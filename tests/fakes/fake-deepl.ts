import type { ServerResponse } from 'node:http';
import { fakeTranslate } from './fake-translation';
import { recordRequest, sendTranslation, type FakeBackend, type FakeMode, type FakeRequestRecord } from './fake-backend';
import { sendJson, startLocalServer } from './http';

export interface FakeDeeplOptions {
  /** The only key accepted; when unset, any non-empty key is. */
  apiKey?: string;
}

/** The `message` texts DeepL's API sends with each status. */
const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request',
  403: 'Authorization failure, check auth_key',
  404: 'Not found',
  413: 'Request Entity Too Large',
  429: 'Too many requests',
  456: 'Quota Exceeded',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** DeepL's limits, so a backend that ignores its capabilities fails here rather than in use. */
const MAX_TEXTS = 50;
const MAX_BODY_BYTES = 128 * 1024;

/**
 * DeepL API v2: `POST /v2/translate` with `Authorization: DeepL-Auth-Key <key>` and a JSON body
 * `{text: [...], target_lang, source_lang?}`; the answer is `{translations: [{detected_source_language,
 * text}]}`, one per text in order; errors are `{message, detail?}`. No CORS headers, as
 * DeepL sends none to browser origins.
 */
export async function startFakeDeepl(options: FakeDeeplOptions = {}): Promise<FakeBackend> {
  let mode: FakeMode = { kind: 'ok' };
  const requests: FakeRequestRecord[] = [];

  const server = await startLocalServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let json: Record<string, unknown> = {};
    // DeepL also reads form bodies; the backend sends JSON, so anything else counts as missing fields.
    if (request.headers['content-type']?.startsWith('application/json')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
      } catch {
        // Left empty: answered 400 below.
      }
    }
    const text = json.text;
    const texts = Array.isArray(text) ? text.map(String) : [];
    const record = recordRequest(request, body, texts);
    requests.push(record);
    const fail = (status: number, detail?: string) => {
      record.status = status;
      // Only the chosen failure carries Retry-After; a 403 for a wrong key never would.
      const retryAfter = mode.kind === 'fail' && mode.status === status ? mode.retryAfterSeconds : undefined;
      sendError(response, status, detail, retryAfter);
    };

    if (request.method !== 'POST' || url.pathname !== '/v2/translate') return fail(404);
    const key = /^DeepL-Auth-Key (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!key || (options.apiKey !== undefined && key !== options.apiKey)) return fail(403);
    if (mode.kind === 'fail') return fail(mode.status);
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return fail(413);
    if (!Array.isArray(text) || text.length === 0 || !text.every((item) => typeof item === 'string')) {
      return fail(400, "Parameter 'text' not specified.");
    }
    if (text.length > MAX_TEXTS) return fail(400, `Too many texts: at most ${MAX_TEXTS} per request.`);
    if (typeof json.target_lang !== 'string' || json.target_lang === '') {
      return fail(400, "Value for 'target_lang' not supported.");
    }
    const target = json.target_lang;
    // Without `source_lang` DeepL detects: English when the user's reply goes into Chinese, else RedNote's Chinese.
    const detected = typeof json.source_lang === 'string' ? json.source_lang : /^zh/i.test(target) ? 'EN' : 'ZH';
    sendTranslation(response, mode, {
      translations: texts.map((item) => ({ detected_source_language: detected, text: fakeTranslate(item, target) })),
    });
  });

  return { ...server, requests, setMode: (next) => (mode = next) };
}

function sendError(response: ServerResponse, status: number, detail: string | undefined, retryAfterSeconds: number | undefined): void {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  const message = ERROR_TEXT[status] ?? `HTTP ${status}`;
  sendJson(response, status, detail ? { message, detail } : { message }, headers);
}
