import type { Settings } from '../../../settings/schema';
import { httpError, parseJsonAnswer, parseRetryAfter, TranslationError } from '../../errors';
import { sendHttp, type HttpRequest } from '../../http';
import type { Backend, LanguagePair } from '../../types';
import { isRecord } from '../../../untyped';

const NAME = 'DeepL';
const FREE_URL = 'https://api-free.deepl.com';
const PRO_URL = 'https://api.deepl.com';
/** DeepL answers this non-standard status when the key's character allowance is spent. */
const QUOTA_EXCEEDED = 456;

export interface DeeplConfig {
  apiKey: string;
  /** '' picks the endpoint from the key. */
  apiUrl: string;
}

/**
 * DeepL target codes. English and Portuguese must name a variant (plain `EN`/`PT` are
 * deprecated), and Chinese is told apart by script, not region.
 */
export function deeplTargetLanguage(code: string): string {
  const lower = code.toLowerCase();
  const base = lower.split('-')[0]!;
  if (base === 'en') return lower === 'en-gb' ? 'EN-GB' : 'EN-US';
  if (base === 'pt') return lower === 'pt-br' ? 'PT-BR' : 'PT-PT';
  if (base === 'zh') return /^zh-(hant|tw|hk|mo)/.test(lower) ? 'ZH-HANT' : 'ZH-HANS';
  return base.toUpperCase();
}

/**
 * DeepL source codes have no variants (`ZH` reads both scripts). `auto` gives null: DeepL
 * detects the language when `source_lang` is left out.
 */
export function deeplSourceLanguage(code: string): string | null {
  if (code === 'auto') return null;
  return code.split('-')[0]!.toUpperCase();
}

/** An explicit `apiUrl` wins; otherwise free-plan keys (ending in `:fx`) only work on the free host. */
export function deeplBaseUrl(config: DeeplConfig): string {
  const explicit = config.apiUrl.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  return config.apiKey.trim().endsWith(':fx') ? FREE_URL : PRO_URL;
}

/**
 * `POST {base}/v2/translate` with every text in one JSON array. Throws 'auth' when no key is
 * set, so a missing key never costs a request.
 */
export function buildDeeplRequest(texts: readonly string[], languages: LanguagePair, config: DeeplConfig): HttpRequest {
  // Keys are pasted from DeepL's account page; stray whitespace would make the header invalid.
  const key = config.apiKey.trim();
  if (!key) {
    throw new TranslationError(
      'auth',
      'DeepL needs an API key: add yours from deepl.com/your-account/keys under backends.deepl.apiKey in the settings',
    );
  }
  const body: Record<string, unknown> = {
    text: [...texts],
    target_lang: deeplTargetLanguage(languages.target),
    // Keeps line breaks and punctuation as the post wrote them instead of DeepL's own corrections.
    preserve_formatting: true,
  };
  const source = deeplSourceLanguage(languages.source);
  if (source) body.source_lang = source;
  return {
    url: `${deeplBaseUrl(config)}/v2/translate`,
    init: {
      method: 'POST',
      headers: {
        Authorization: `DeepL-Auth-Key ${key}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify(body),
    },
  };
}

/** Reads `{translations: [{text}]}` or DeepL's `{message, detail?}` error; throws TranslationError. */
export function parseDeeplResponse(status: number, bodyText: string, expected: number, retryAfterHeader?: string | null): string[] {
  const ok = status >= 200 && status < 300;
  const body = parseJsonAnswer(NAME, status, bodyText, () => deeplError(status, undefined, retryAfterHeader));
  const record = isRecord(body) ? body : {};
  if (!ok) throw deeplError(status, errorDetail(record), retryAfterHeader);

  const list = record.translations;
  if (!Array.isArray(list) || list.length !== expected) {
    const got = Array.isArray(list) ? `${list.length} translation(s)` : 'no translations';
    throw new TranslationError('bad-response', `${NAME} sent ${got} for ${expected} text(s)`, status);
  }
  return list.map((item: unknown, index) => {
    const text = isRecord(item) ? item.text : undefined;
    if (typeof text !== 'string') {
      throw new TranslationError('bad-response', `${NAME} sent translation ${index + 1} without text`, status);
    }
    return text;
  });
}

/** DeepL's `message`, with its `detail` when it gave one (e.g. which parameter was wrong). */
function errorDetail(record: Record<string, unknown>): string | undefined {
  const message = typeof record.message === 'string' ? record.message : undefined;
  const detail = typeof record.detail === 'string' ? record.detail : undefined;
  if (message && detail) return `${message} (${detail})`;
  return message ?? detail;
}

function deeplError(status: number, detail: string | undefined, retryAfterHeader: string | null | undefined): TranslationError {
  if (status === QUOTA_EXCEEDED) {
    // Not transient within minutes, so its own code lets the service move on to a fallback.
    return new TranslationError('quota', `${NAME}: this key's character quota for the billing period is used up (HTTP 456)`, status);
  }
  if (status === 403 && detail && /wrong endpoint/i.test(detail)) {
    // A free key sent to the pro host (or the reverse) is a settings mistake the reader can fix.
    return new TranslationError(
      'auth',
      `${NAME}: the key does not belong to this endpoint (HTTP 403): ${detail}. Leave backends.deepl.apiUrl empty to choose it from the key`,
      status,
    );
  }
  return httpError(NAME, status, detail, parseRetryAfter(retryAfterHeader));
}


export function createDeeplBackend(settings: Settings): Backend {
  const config = settings.backends.deepl;
  return {
    id: 'deepl',
    name: NAME,
    capabilities: {
      maxTextsPerRequest: 50,
      // DeepL caps a request body at 128 KiB; 20000 characters of CJK (3 bytes each in UTF-8)
      // plus JSON framing stay well under it.
      maxCharsPerRequest: 20000,
      kind: 'machine',
      maxConcurrentRequests: 2,
      // DeepL answers 429 to bursts; a few requests a second stays clear of it.
      requestsPerSecond: 3,
      burst: 6,
    },
    async translate(texts, languages, signal) {
      const request = buildDeeplRequest(texts, languages, config);
      if (texts.length === 0) return [];
      const answer = await sendHttp(`${NAME} at ${deeplBaseUrl(config)}`, request, signal);
      return parseDeeplResponse(answer.status, answer.body, texts.length, answer.retryAfter);
    },
  };
}
