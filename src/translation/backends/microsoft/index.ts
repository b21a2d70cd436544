import type { Settings } from '../../../settings/schema';
import { fetchFailure, httpError, parseJsonAnswer, parseRetryAfter, TranslationError } from '../../errors';
import { sendHttp, type HttpAnswer, type HttpRequest } from '../../http';
import type { Backend, LanguagePair } from '../../types';
import { untilAborted } from '../../until-aborted';

const NAME = 'Microsoft Translator';

/** Stop using a token this long before its `exp`, so it cannot expire while a request travels. */
const EXPIRY_MARGIN_MS = 60_000;
/** How long to keep a token whose `exp` cannot be read (Edge tokens live about 10 minutes). */
const UNREADABLE_EXPIRY_MS = 8 * 60_000;
/**
 * The token request is shared by every caller waiting for it, so no single caller's signal may
 * cancel it; it gets its own limit instead, and each caller still stops waiting at its own.
 */
const AUTH_TIMEOUT_MS = 10_000;

/** Microsoft's regional variants that differ from the base language; everything else is its base code. */
const REGIONAL: Record<string, string> = {
  'pt-pt': 'pt-pt',
  'fr-ca': 'fr-ca',
};

/**
 * Translator v3 codes: `zh-Hans`/`zh-Hant` for written Chinese, a few regional variants, and
 * the plain ISO 639-1 code otherwise. Norwegian is `nb` there.
 */
export function microsoftLanguage(code: string): string {
  if (/^zh-(hant|tw|hk|mo)/i.test(code)) return 'zh-Hant';
  if (/^zh/i.test(code)) return 'zh-Hans';
  const lower = code.toLowerCase();
  const regional = REGIONAL[lower];
  if (regional) return regional;
  const base = lower.split('-')[0]!;
  return base === 'no' ? 'nb' : base;
}

/**
 * `POST {translateUrl}?from=&to=…&api-version=3.0` with `[{"Text": …}, …]`. The source is left
 * empty on purpose: RedNote mixes Simplified and Traditional text, and auto-detection reads both.
 */
export function buildMicrosoftTranslateRequest(
  texts: readonly string[],
  languages: LanguagePair,
  token: string,
  translateUrl: string,
): HttpRequest {
  const url = new URL(translateUrl);
  url.searchParams.set('from', '');
  url.searchParams.set('to', microsoftLanguage(languages.target));
  url.searchParams.set('api-version', '3.0');
  return {
    url: url.toString(),
    init: {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(texts.map((text) => ({ Text: text }))),
    },
  };
}

/** The `message` of Microsoft's `{"error": {"code", "message"}}`, when the body is one. */
function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as Record<string, unknown>).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const message = (error as Record<string, unknown>).message;
  return typeof message === 'string' ? message : undefined;
}

/** The first translation of one answer item, or undefined when the item is not shaped like one. */
function translationOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const translations = (item as Record<string, unknown>).translations;
  if (!Array.isArray(translations)) return undefined;
  const first: unknown = translations[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const text = (first as Record<string, unknown>).text;
  return typeof text === 'string' ? text : undefined;
}

/** Reads one `{translations: [{text}]}` per input, in order, or Microsoft's `{error}`; throws TranslationError. */
export function parseMicrosoftResponse(
  status: number,
  bodyText: string,
  expected: number,
  retryAfterHeader?: string | null,
): string[] {
  const body = parseJsonAnswer(NAME, status, bodyText, () =>
    httpError(NAME, status, undefined, parseRetryAfter(retryAfterHeader)),
  );
  if (status < 200 || status >= 300) {
    throw httpError(NAME, status, errorMessage(body), parseRetryAfter(retryAfterHeader));
  }
  if (!Array.isArray(body) || body.length !== expected) {
    const got = Array.isArray(body) ? `${body.length} item(s)` : 'no list of translations';
    throw new TranslationError('bad-response', `${NAME} sent ${got} for ${expected} text(s)`, status);
  }
  const translations = body.map(translationOf);
  const missing = translations.findIndex((text) => text === undefined);
  if (missing !== -1) {
    throw new TranslationError('bad-response', `${NAME} sent no translation for text ${missing + 1}`, status);
  }
  return translations as string[];
}

/** The JWT payload's `exp` in seconds, or undefined when the token is not a readable JWT. */
function readExp(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const payload: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const exp = (payload as Record<string, unknown>).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** When (ms since the epoch) to stop using `token`: a minute before its `exp`, or 8 minutes from `now`. */
export function tokenExpiry(token: string, now: number): number {
  const exp = readExp(token);
  return exp === undefined ? now + UNREADABLE_EXPIRY_MS : exp * 1000 - EXPIRY_MARGIN_MS;
}

export interface MicrosoftBackendOptions {
  /** The clock that token expiry is measured with; tests move it instead of waiting. */
  now?: () => number;
}

export function createMicrosoftBackend(settings: Settings, options: MicrosoftBackendOptions = {}): Backend {
  const config = settings.backends.microsoft;
  const now = options.now ?? Date.now;
  // One token per backend instance, shared by its requests until shortly before it expires.
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function requestToken(): Promise<string> {
    const { status, body, retryAfter } = await sendHttp(NAME, { url: config.authUrl, init: { method: 'GET' } }, AbortSignal.timeout(AUTH_TIMEOUT_MS));
    if (status < 200 || status >= 300) {
      let detail: string | undefined;
      try {
        detail = errorMessage(JSON.parse(body));
      } catch {
        // The auth endpoint's error bodies are not documented; the status alone must do.
      }
      throw httpError(NAME, status, detail, parseRetryAfter(retryAfter));
    }
    const token = body.trim();
    // A captive portal or proxy page would otherwise be sent on as a bearer token and fail as 'auth'.
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
      throw new TranslationError('bad-response', `${NAME} sent an access token that is not a JWT`, status);
    }
    return token;
  }

  async function getToken(signal: AbortSignal): Promise<string> {
    if (cached && now() < cached.expiresAt) return cached.token;
    pending ??= requestToken()
      .then((token) => {
        cached = { token, expiresAt: tokenExpiry(token, now()) };
        return token;
      })
      .finally(() => {
        pending = null;
      });
    try {
      return await untilAborted(pending, signal);
    } catch (error) {
      throw fetchFailure(NAME, error);
    }
  }

  async function send(
    texts: readonly string[],
    languages: LanguagePair,
    token: string,
    signal: AbortSignal,
  ): Promise<HttpAnswer> {
    return sendHttp(NAME, buildMicrosoftTranslateRequest(texts, languages, token, config.translateUrl), signal);
  }

  return {
    id: 'microsoft',
    name: NAME,
    capabilities: {
      // The API takes 100 texts and 50,000 characters; smaller requests fail and retry cheaper.
      maxTextsPerRequest: 50,
      maxCharsPerRequest: 5000,
      kind: 'machine',
      maxConcurrentRequests: 3,
      requestsPerSecond: 5,
      burst: 10,
    },
    async translate(texts, languages, signal) {
      const token = await getToken(signal);
      let answer = await send(texts, languages, token, signal);
      if (answer.status === 401) {
        // The token expired early or was revoked: drop it (unless a concurrent request already
        // replaced it) and try once more with a fresh one; a second 401 is a real refusal.
        if (cached?.token === token) cached = null;
        answer = await send(texts, languages, await getToken(signal), signal);
      }
      return parseMicrosoftResponse(answer.status, answer.body, texts.length, answer.retryAfter);
    },
  };
}
