import { randomBytes } from 'node:crypto';
import { fakeTranslate } from './fake-translation';
import { recordRequest, sendTranslation, type FakeBackend, type FakeMode, type FakeRequestRecord } from './fake-backend';
import { sendJson, startLocalServer } from './http';

/**
 * The shared modes apply to translate requests; `auth-fail` instead makes the token endpoint
 * answer `status` while translate requests carrying an already issued token still work.
 */
export type FakeMicrosoftMode = FakeMode | { kind: 'auth-fail'; status: number };

export interface FakeMicrosoftOptions {
  /** How long an issued token is valid: its `exp` is now plus this. Default 600, as Edge's. */
  tokenLifetimeSeconds?: number;
}

export interface FakeMicrosoftRequest extends FakeRequestRecord {
  /** The request's Authorization header, as sent. */
  authorization: string | undefined;
}

export interface FakeMicrosoft extends FakeBackend<FakeMicrosoftMode> {
  /** Token requests (`path` `/translate/auth`) and translate requests (`path` `/translate`), in order. */
  readonly requests: FakeMicrosoftRequest[];
  /** Every token issued so far, oldest first. */
  readonly issuedTokens: string[];
  /** Forgets every issued token, so requests carrying one get 401 (as after an early expiry). */
  invalidateTokens(): void;
}

/** Microsoft's error codes and messages for the statuses the fake sends. */
const ERRORS: Record<number, { code: number; message: string }> = {
  400: { code: 400000, message: 'One of the request inputs is not valid.' },
  401: { code: 401000, message: 'The request is not authorized because credentials are missing or invalid.' },
  403: { code: 403000, message: 'The operation is not allowed.' },
  404: { code: 404000, message: 'The requested resource was not found.' },
  429: { code: 429001, message: 'The server rejected the request because the client has exceeded request limits.' },
  500: { code: 500000, message: 'An unexpected error occurred.' },
  503: { code: 503000, message: 'Service is temporarily unavailable. Try again.' },
};

const CORS = { 'Access-Control-Allow-Origin': '*' };

function base64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/**
 * A JWT shaped like Edge's: HS256 header, a payload with `region` and `exp`, and random bytes
 * where the signature goes. Nothing checks the signature; the fake only knows its own tokens.
 */
function issueToken(lifetimeSeconds: number): { token: string; exp: number } {
  const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
  const payload = { region: 'global', 'subscription-id': randomBytes(16).toString('hex'), 'product-id': 'TextTranslator.S3', exp };
  const token = [base64url({ alg: 'HS256', typ: 'JWT' }), base64url(payload), randomBytes(32).toString('base64url')].join('.');
  return { token, exp };
}

/**
 * Microsoft's free Edge endpoint: `GET /translate/auth` answers a bearer token as text;
 * `POST /translate?from=&to=…&api-version=3.0` with that token and `[{"Text"}]` answers
 * `[{detectedLanguage, translations: [{text, to}]}]` per text. Errors are
 * `{"error": {code, message}}`. CORS is open, as the real service's is.
 */
export async function startFakeMicrosoft(options: FakeMicrosoftOptions = {}): Promise<FakeMicrosoft> {
  const lifetime = options.tokenLifetimeSeconds ?? 600;
  let mode: FakeMicrosoftMode = { kind: 'ok' };
  const requests: FakeMicrosoftRequest[] = [];
  const issuedTokens: string[] = [];
  /** Valid tokens and their `exp` in seconds. */
  const valid = new Map<string, number>();

  const server = await startLocalServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...CORS,
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      });
      response.end();
      return;
    }

    let items: unknown = null;
    try {
      items = JSON.parse(body);
    } catch {
      // Token requests have no body; a translate request without JSON is answered 400 below.
    }
    const texts = Array.isArray(items)
      ? items.map((item) => String((item as Record<string, unknown> | null)?.Text ?? ''))
      : [];
    const record: FakeMicrosoftRequest = { ...recordRequest(request, body, texts), authorization: request.headers.authorization };
    requests.push(record);
    const fail = (status: number) => {
      record.status = status;
      const headers: Record<string, string> = { ...CORS };
      if (mode.kind === 'fail' && mode.retryAfterSeconds !== undefined) headers['Retry-After'] = String(mode.retryAfterSeconds);
      sendJson(response, status, { error: ERRORS[status] ?? { code: status * 1000, message: `HTTP ${status}` } }, headers);
    };

    if (url.pathname === '/translate/auth' && request.method === 'GET') {
      if (mode.kind === 'auth-fail') return fail(mode.status);
      const { token, exp } = issueToken(lifetime);
      valid.set(token, exp);
      issuedTokens.push(token);
      response.writeHead(200, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(token);
      return;
    }
    if (url.pathname !== '/translate' || request.method !== 'POST') return fail(404);
    if (mode.kind === 'fail') return fail(mode.status);

    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const exp = bearer === undefined ? undefined : valid.get(bearer);
    if (exp === undefined || exp <= Date.now() / 1000) return fail(401);
    const to = url.searchParams.get('to');
    if (url.searchParams.get('api-version') !== '3.0' || !to || !Array.isArray(items) || texts.length === 0) {
      return fail(400);
    }

    // Only the user's English replies are translated into Chinese; everything else is RedNote's Chinese.
    const detected = /^zh/i.test(to) ? 'en' : 'zh-Hans';
    const detect = url.searchParams.get('from') ? {} : { detectedLanguage: { language: detected, score: 1.0 } };
    const answer = texts.map((text) => ({ ...detect, translations: [{ text: fakeTranslate(text, to), to }] }));
    // `auth-fail` only concerns the token endpoint; translations go out as `ok`.
    sendTranslation(response, mode.kind === 'auth-fail' ? { kind: 'ok' } : mode, answer, CORS);
  });

  return {
    ...server,
    requests,
    issuedTokens,
    setMode: (next) => (mode = next),
    invalidateTokens: () => valid.clear(),
  };
}
