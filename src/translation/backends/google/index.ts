import { Translator } from '@vitalets/google-translate-api';
import type { Settings } from '../../../settings/schema';
import { fetchFailure, httpError, parseRetryAfter, TranslationError } from '../../errors';
import type { Backend, LanguagePair } from '../../types';

const NAME = 'Google Translate';
const MAX_CHARS = 4500;
const MAX_TEXTS = 40;

/**
 * Google's free web endpoint through @vitalets/google-translate-api. The library only speaks
 * `https://<host>`; a full base URL in `backends.google.host` (a proxy, or the test fake)
 * replaces that prefix.
 */
class EndpointTranslator extends Translator {
  constructor(
    text: string,
    options: ConstructorParameters<typeof Translator>[1],
    private readonly baseUrl: string | null,
  ) {
    super(text, options);
  }

  /** The library's error drops the headers; keep `Retry-After` for the service's backoff. */
  protected override async buildError(res: Parameters<Translator['buildError']>[0]) {
    const error = await super.buildError(res);
    return Object.assign(error, { retryAfter: res.headers.get('Retry-After') });
  }

  protected override buildUrl(): string {
    const url = super.buildUrl();
    if (!this.baseUrl) return url;
    return url.replace(/^https:\/\/[^/]+/, this.baseUrl.replace(/\/+$/, ''));
  }
}

/** Google codes: `zh-CN`/`zh-TW` for Chinese, plain ISO 639-1 otherwise; `auto` detects. */
export function googleLanguage(code: string): string {
  if (code === 'auto') return code;
  if (/^zh-(hant|tw|hk|mo)/i.test(code)) return 'zh-TW';
  if (/^zh/i.test(code)) return 'zh-CN';
  return code.split('-')[0]!.toLowerCase();
}

/**
 * One request carries one query; several single-line texts travel together as one query of
 * lines, because Google keeps line breaks. A text with its own line breaks goes alone.
 */
export function planGoogleQueries(texts: readonly string[]): number[][] {
  const queries: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  texts.forEach((text, index) => {
    if (text.includes('\n')) {
      queries.push([index]);
      return;
    }
    if (current.length > 0 && (current.length >= MAX_TEXTS || chars + text.length + 1 > MAX_CHARS)) {
      queries.push(current);
      current = [];
      chars = 0;
    }
    current.push(index);
    chars += text.length + 1;
  });
  if (current.length > 0) queries.push(current);
  return queries;
}

/** Splits the translation of a query of lines back into one translation per line. */
export function splitGoogleTranslation(translated: string, expected: number): string[] {
  if (expected === 1) return [translated.trim()];
  const lines = translated.split('\n').map((line) => line.trim());
  if (lines.length !== expected) {
    throw new TranslationError('bad-response', `${NAME} returned ${lines.length} lines for ${expected}`);
  }
  return lines;
}

function googleFailure(error: unknown): TranslationError {
  const { status, retryAfter } = (error ?? {}) as { status?: unknown; retryAfter?: unknown };
  if (typeof status === 'number') {
    const detail = status === 429 ? 'too many requests from this network, try again later' : undefined;
    return httpError(NAME, status, detail, parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined));
  }
  // The library parses the body itself: an answer that is not JSON rejects as node-fetch's
  // FetchError 'invalid-json' (Node) or fetch's SyntaxError (browser), not as a network failure.
  if (error instanceof SyntaxError || (error as { type?: unknown } | null)?.type === 'invalid-json') {
    return new TranslationError('bad-response', `${NAME} sent an answer that is not JSON`);
  }
  return fetchFailure(NAME, error);
}

export function createGoogleBackend(settings: Settings): Backend {
  const host = settings.backends.google.host;
  const baseUrl = /^https?:\/\//.test(host) ? host : null;

  async function query(text: string, languages: LanguagePair, signal: AbortSignal): Promise<string> {
    const translator = new EndpointTranslator(
      text,
      {
        from: languages.source === 'zh' ? 'auto' : googleLanguage(languages.source),
        to: googleLanguage(languages.target),
        host: baseUrl ? 'translate.google.com' : host,
        fetchOptions: { signal: signal as never },
      },
      baseUrl,
    );
    try {
      const { text: translated } = await translator.translate();
      return translated;
    } catch (error) {
      throw googleFailure(error);
    }
  }

  async function translateQuery(texts: readonly string[], languages: LanguagePair, signal: AbortSignal) {
    const translated = await query(texts.join('\n'), languages, signal);
    // Nothing came back (`{"sentences":[]}`): asking line by line would not help. Empty
    // translations let the queue's check refuse the answer, and the texts go to the fallback.
    if (!translated.trim()) return texts.map(() => '');
    // Google merged or split lines: a `bad-response`, rather than misaligned translations. The
    // queue then asks for each text on its own, within Google's request limits.
    return splitGoogleTranslation(translated, texts.length);
  }

  return {
    id: 'google',
    name: NAME,
    capabilities: {
      maxTextsPerRequest: MAX_TEXTS,
      maxCharsPerRequest: MAX_CHARS,
      kind: 'machine',
      // The free endpoint blocks a network that asks too often; stay well below that. Texts
      // that come while the queue waits for a token share the next request (up to 40), so one
      // request a second still carries more than anyone reads; the burst serves a new page's
      // first screen at once.
      maxConcurrentRequests: 2,
      requestsPerSecond: 1,
      burst: 4,
    },
    async translate(texts, languages, signal) {
      const results: string[] = new Array<string>(texts.length);
      for (const indexes of planGoogleQueries(texts)) {
        const translated = await translateQuery(
          indexes.map((i) => texts[i]!),
          languages,
          signal,
        );
        indexes.forEach((textIndex, i) => (results[textIndex] = translated[i]!));
      }
      return results;
    },
  };
}
