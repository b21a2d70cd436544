import { cacheKey } from '../cache/key';
import type { TranslationCache } from '../cache/translation-cache';
import type { BackendId, Settings } from '../settings/schema';
import { normalizeText } from '../text/normalize';
import { errorInfo, TranslationError, type TranslationErrorInfo } from './errors';
import { createLimiter } from './limiter';
import { createBackend } from './registry';
import type { Backend, LanguagePair } from './types';

export type TranslateOutcome =
  | { ok: true; translation: string; backend: BackendId; fromCache: boolean }
  | { ok: false; error: TranslationErrorInfo };

export interface TranslationServiceOptions {
  cache: TranslationCache;
  settings: () => Promise<Settings>;
  backendFor?: (settings: Settings) => Backend;
  /** How long texts wait for company before a request goes out. */
  batchWindowMs?: number;
  /** Requests to one backend in flight at once. */
  maxConcurrentRequests?: number;
  requestTimeoutMs?: number;
}

interface PendingText {
  key: string;
  text: string;
  resolve: (translation: string) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  backend: Backend;
  languages: LanguagePair;
  items: PendingText[];
}

/**
 * Cache → dedupe → batch → backend. Every text is looked up in the cache first (one bulk read
 * per call); identical texts already on their way share one promise; the rest wait a few
 * milliseconds so that texts from several calls leave together, in requests sized to the
 * backend's limits, a few requests at a time.
 */
export class TranslationService {
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly batches = new Map<string, Batch>();
  private readonly limiters = new Map<BackendId, ReturnType<typeof createLimiter>>();
  private readonly backendFor: (settings: Settings) => Backend;
  private readonly batchWindowMs: number;
  private readonly maxConcurrentRequests: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: TranslationServiceOptions) {
    this.backendFor = options.backendFor ?? ((settings) => createBackend(settings));
    this.batchWindowMs = options.batchWindowMs ?? 20;
    this.maxConcurrentRequests = options.maxConcurrentRequests ?? 3;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  }

  async translate(texts: readonly string[]): Promise<TranslateOutcome[]> {
    const settings = await this.options.settings();
    const backend = this.backendFor(settings);
    const languages: LanguagePair = { source: 'zh', target: settings.targetLanguage };
    const normalized = texts.map(normalizeText);
    const keys = await Promise.all(
      normalized.map((text) => cacheKey({ text, backend: backend.id, ...languages })),
    );
    const cached = await this.options.cache.getMany(keys);

    return Promise.all(
      normalized.map(async (text, i): Promise<TranslateOutcome> => {
        const hit = cached[i];
        if (hit) return { ok: true, translation: hit.translation, backend: hit.backend, fromCache: true };
        try {
          if (!text) throw new TranslationError('invalid-request', 'Nothing to translate');
          const translation = await this.translateOnce(keys[i]!, text, backend, languages);
          return { ok: true, translation, backend: backend.id, fromCache: false };
        } catch (error) {
          return { ok: false, error: errorInfo(error) };
        }
      }),
    );
  }

  private translateOnce(key: string, text: string, backend: Backend, languages: LanguagePair): Promise<string> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const pending = new Promise<string>((resolve, reject) => {
      this.enqueue({ key, text, resolve, reject }, backend, languages);
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, pending);
    return pending;
  }

  private enqueue(item: PendingText, backend: Backend, languages: LanguagePair): void {
    const batchId = `${backend.id}\n${languages.source}\n${languages.target}`;
    let batch = this.batches.get(batchId);
    if (!batch) {
      batch = { backend, languages, items: [] };
      this.batches.set(batchId, batch);
      setTimeout(() => {
        this.batches.delete(batchId);
        this.flush(batch!);
      }, this.batchWindowMs);
    }
    batch.items.push(item);
  }

  private flush(batch: Batch): void {
    for (const chunk of chunkForBackend(batch.items, batch.backend)) {
      void this.send(chunk, batch.backend, batch.languages);
    }
  }

  private async send(chunk: PendingText[], backend: Backend, languages: LanguagePair): Promise<void> {
    try {
      const translations = await this.limiterFor(backend.id).run(() =>
        backend.translate(
          chunk.map((item) => item.text),
          languages,
          AbortSignal.timeout(this.requestTimeoutMs),
        ),
      );
      if (translations.length !== chunk.length || translations.some((text) => typeof text !== 'string')) {
        throw new TranslationError(
          'bad-response',
          `${backend.name} returned ${translations.length} translations for ${chunk.length} texts`,
        );
      }
      const now = Date.now();
      // Cached before the texts leave the in-flight map, so no later call can miss both.
      await this.options.cache
        .putMany(
          chunk.map((item, i) => ({
            key: item.key,
            translation: translations[i]!,
            backend: backend.id,
            target: languages.target,
            createdAt: now,
          })),
        )
        .catch((error: unknown) => console.warn('[RedBridge] could not cache translations', error));
      chunk.forEach((item, i) => item.resolve(translations[i]!));
    } catch (error) {
      for (const item of chunk) item.reject(error);
    }
  }

  private limiterFor(id: BackendId) {
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = createLimiter(this.maxConcurrentRequests);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/** Splits texts into requests that respect the backend's text and character limits. */
export function chunkForBackend<T extends { text: string }>(items: readonly T[], backend: Backend): T[][] {
  const { maxTextsPerRequest, maxCharsPerRequest } = backend.capabilities;
  const chunks: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const full = current.length >= maxTextsPerRequest || chars + item.text.length > maxCharsPerRequest;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += item.text.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
