import type { Settings } from '../../../settings/schema';
import { httpError, parseJsonAnswer, parseRetryAfter, TranslationError } from '../../errors';
import { sendHttp, type HttpRequest } from '../../http';
import type { Backend, LanguagePair } from '../../types';

const NAME = 'LibreTranslate';

export interface LibreTranslateConfig {
  url: string;
  apiKey: string;
}

/** LibreTranslate language codes: plain ISO 639-1, except its two written Chinese forms. */
export function libreLanguage(code: string): string {
  if (/^zh-(hant|tw|hk|mo)/i.test(code)) return 'zh-Hant';
  if (/^zh/i.test(code)) return 'zh';
  return code.split('-')[0]!.toLowerCase();
}

/** `POST {url}/translate` with `q` as a string (one text) or an array (several). */
export function buildLibreTranslateRequest(
  texts: readonly string[],
  languages: LanguagePair,
  config: LibreTranslateConfig,
): HttpRequest {
  const body: Record<string, unknown> = {
    q: texts.length === 1 ? texts[0] : [...texts],
    source: libreLanguage(languages.source),
    target: libreLanguage(languages.target),
    format: 'text',
  };
  if (config.apiKey) body.api_key = config.apiKey;
  return {
    url: `${config.url.replace(/\/+$/, '')}/translate`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    },
  };
}

/** Reads `{translatedText}` (a string or an array) or `{error}`; throws TranslationError. */
export function parseLibreTranslateResponse(
  status: number,
  bodyText: string,
  expected: number,
  retryAfterHeader?: string | null,
): string[] {
  const retryAfterMs = parseRetryAfter(retryAfterHeader);
  const body = parseJsonAnswer(NAME, status, bodyText, () => httpError(NAME, status, undefined, retryAfterMs));
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (status < 200 || status >= 300) {
    throw httpError(NAME, status, typeof record.error === 'string' ? record.error : undefined, retryAfterMs);
  }
  const translated = record.translatedText;
  const list = typeof translated === 'string' ? [translated] : translated;
  if (!Array.isArray(list) || list.length !== expected || !list.every((item) => typeof item === 'string')) {
    throw new TranslationError('bad-response', `${NAME} sent ${describe(list)} for ${expected} text(s)`, status);
  }
  return list as string[];
}

function describe(value: unknown): string {
  return Array.isArray(value) ? `${value.length} translation(s)` : 'no translations';
}

export function createLibreTranslateBackend(settings: Settings): Backend {
  const config = settings.backends.libretranslate;
  return {
    id: 'libretranslate',
    name: NAME,
    capabilities: {
      maxTextsPerRequest: 25,
      maxCharsPerRequest: 5000,
      kind: 'machine',
      maxConcurrentRequests: 3,
      // LibreTranslate's own default limit is 80 requests a minute per client.
      requestsPerSecond: 1,
      burst: 10,
    },
    async translate(texts, languages, signal) {
      const answer = await sendHttp(`${NAME} at ${config.url}`, buildLibreTranslateRequest(texts, languages, config), signal);
      return parseLibreTranslateResponse(answer.status, answer.body, texts.length, answer.retryAfter);
    },
  };
}
