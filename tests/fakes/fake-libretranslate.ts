import { fakeTranslate } from './fake-translation';
import { recordRequest, sendTranslation, type FakeBackend, type FakeMode, type FakeRequestRecord } from './fake-backend';
import { sendJson, startLocalServer } from './http';

export interface FakeLibreTranslateOptions {
  /** When set, requests without this `api_key` get LibreTranslate's 403. */
  apiKey?: string;
}

/** The `error` texts LibreTranslate's own handlers send (429 is flask-limiter's, prefixed). */
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: missing q parameter',
  403: 'Invalid API key',
  429: 'Slowdown: 10 per 1 minute',
  500: 'Cannot translate text: internal error',
};

/**
 * A self-hosted LibreTranslate: `POST /translate` with JSON `{q, source, target, format,
 * api_key}` where `q` is a string or an array; the answer is `{translatedText}` of the same
 * shape; errors are `{error}` with 400/403/429/500. CORS is open, as LibreTranslate's is.
 */
export async function startFakeLibreTranslate(options: FakeLibreTranslateOptions = {}): Promise<FakeBackend> {
  let mode: FakeMode = { kind: 'ok' };
  const requests: FakeRequestRecord[] = [];
  const cors = { 'Access-Control-Allow-Origin': '*' };

  const server = await startLocalServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Allow-Methods': 'POST' });
      response.end();
      return;
    }
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // LibreTranslate also reads form bodies; a fake only needs JSON, anything else is a 400.
    }
    const q = json.q;
    const texts = Array.isArray(q) ? q.map(String) : typeof q === 'string' ? [q] : [];
    const record = recordRequest(request, body, texts);
    requests.push(record);
    const fail = (status: number) => {
      record.status = status;
      const headers: Record<string, string> = { ...cors };
      if (mode.kind === 'fail' && mode.retryAfterSeconds !== undefined) headers['Retry-After'] = String(mode.retryAfterSeconds);
      sendJson(response, status, { error: ERROR_TEXT[status] ?? `HTTP ${status}` }, headers);
    };

    if (request.method !== 'POST' || url.pathname !== '/translate') return fail(404);
    if (mode.kind === 'fail') return fail(mode.status);
    if (texts.length === 0 || typeof json.target !== 'string') return fail(400);
    if (options.apiKey !== undefined && json.api_key !== options.apiKey) return fail(403);
    const target = json.target;
    const translated = texts.map((text) => fakeTranslate(text, target));
    // With `source: auto`: English when the user's reply goes into Chinese, else RedNote's Chinese.
    const detected = { confidence: 90, language: /^zh/i.test(target) ? 'en' : 'zh' };
    const answer = Array.isArray(q)
      ? { translatedText: translated, ...(json.source === 'auto' ? { detectedLanguage: texts.map(() => detected) } : {}) }
      : { translatedText: translated[0], ...(json.source === 'auto' ? { detectedLanguage: detected } : {}) };
    sendTranslation(response, mode, answer, cors);
  });

  return { ...server, requests, setMode: (next) => (mode = next) };
}
