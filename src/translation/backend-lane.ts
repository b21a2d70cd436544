import { BackendPausedError, CircuitBreaker, DEFAULT_BREAKER, type CircuitBreakerOptions } from './circuit-breaker';
import { isTransient, TranslationError } from './errors';
import { createLimiter } from './limiter';
import { createTokenBucket } from './token-bucket';
import type { Backend, LanguagePair } from './types';

export interface RetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the texts go to the next backend. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 10_000 };

export interface LaneOptions {
  /** How long texts wait for company before a request goes out. */
  batchWindowMs: number;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  breaker: CircuitBreakerOptions;
  /** Jitter source, 0 ≤ x < 1. */
  random: () => number;
}

export const DEFAULT_LANE_OPTIONS: LaneOptions = {
  batchWindowMs: 20,
  requestTimeoutMs: 15_000,
  retry: DEFAULT_RETRY,
  breaker: DEFAULT_BREAKER,
  random: Math.random,
};

/** Texts travel together only with the same languages and tone: a request has one of each. */
function batchIdOf(languages: LanguagePair): string {
  return `${languages.source}\n${languages.target}\n${languages.tone ?? ''}`;
}

/** Failures that say something about the backend, not about one text: they count towards a pause. */
const BACKEND_FAILURES = new Set(['rate-limited', 'server', 'network', 'timeout', 'auth', 'quota', 'unavailable']);

interface PendingText {
  text: string;
  ignorePause: boolean;
  resolve: (translation: string) => void;
  reject: (error: TranslationError) => void;
}

interface Batch {
  languages: LanguagePair;
  items: PendingText[];
}

/**
 * Everything between the service and one backend: identical texts share a request, texts
 * wait a few milliseconds to travel together in requests sized to the backend's limits, a
 * few requests at a time and no faster than its token bucket allows. A request that fails
 * for a passing reason is retried with exponential backoff and jitter (or after the
 * backend's `Retry-After`); a backend that keeps failing is paused by its circuit breaker.
 */
export class BackendLane {
  readonly breaker: CircuitBreaker;
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly batches = new Map<string, Batch>();
  private readonly limiter: ReturnType<typeof createLimiter>;
  private readonly bucket: ReturnType<typeof createTokenBucket>;

  constructor(
    readonly backend: Backend,
    private readonly options: LaneOptions = DEFAULT_LANE_OPTIONS,
  ) {
    const { maxConcurrentRequests, requestsPerSecond, burst } = backend.capabilities;
    this.breaker = new CircuitBreaker(backend.name, options.breaker);
    this.limiter = createLimiter(maxConcurrentRequests);
    this.bucket = createTokenBucket(requestsPerSecond, burst);
  }

  get paused(): boolean {
    return this.breaker.remainingPauseMs() > 0;
  }

  /**
   * One translation for one text, or a TranslationError once retries are used up. While the
   * backend is paused, texts are refused at once, unless the reader asked (`ignorePause`).
   */
  translate(text: string, languages: LanguagePair, ignorePause = false): Promise<string> {
    if (this.paused && !ignorePause) return Promise.reject(this.breaker.pausedError());
    const key = `${batchIdOf(languages)}\n${text}`;
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const pending = new Promise<string>((resolve, reject) => {
      this.enqueue({ text, ignorePause, resolve, reject }, languages);
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, pending);
    return pending;
  }

  private enqueue(item: PendingText, languages: LanguagePair): void {
    const batchId = batchIdOf(languages);
    let batch = this.batches.get(batchId);
    if (!batch) {
      const created: Batch = { languages, items: [] };
      this.batches.set(batchId, created);
      setTimeout(() => {
        this.batches.delete(batchId);
        for (const chunk of chunkForBackend(created.items, this.backend)) void this.send(chunk, created.languages);
      }, this.options.batchWindowMs);
      batch = created;
    }
    batch.items.push(item);
  }

  private async send(chunk: PendingText[], languages: LanguagePair): Promise<void> {
    try {
      const translations = await this.requestWithRetries(
        chunk.map((item) => item.text),
        languages,
        chunk.some((item) => item.ignorePause),
      );
      this.breaker.recordSuccess();
      chunk.forEach((item, i) => item.resolve(translations[i]!));
    } catch (caught) {
      const error = asTranslationError(caught, this.backend.name);
      if (chunk.length > 1 && (error.code === 'bad-response' || error.code === 'bad-request')) {
        // One odd text should not fail its neighbours: ask for each on its own.
        await Promise.all(chunk.map((item) => this.send([item], languages)));
        return;
      }
      if (BACKEND_FAILURES.has(error.code) && !(error instanceof BackendPausedError)) this.breaker.recordFailure(error);
      for (const item of chunk) item.reject(error);
    }
  }

  private async requestWithRetries(texts: string[], languages: LanguagePair, ignorePause: boolean): Promise<string[]> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.request(texts, languages, ignorePause && attempt === 1);
      } catch (caught) {
        const error = asTranslationError(caught, this.backend.name);
        const wait = error.retryAfterMs ?? this.backoffMs(attempt);
        const worthWaiting = error.retryAfterMs === undefined || error.retryAfterMs <= retry.maxRetryAfterMs;
        // A backend that did not answer in 15 s is not asked again: the reader would wait too long.
        const retryable = isTransient(error) && error.code !== 'timeout';
        if (!retryable || attempt >= retry.attempts || !worthWaiting || this.paused) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.paused) throw error;
      }
    }
  }

  private async request(texts: string[], languages: LanguagePair, ignorePause: boolean): Promise<string[]> {
    const translations = await this.limiter.run(async () => {
      await this.bucket.take();
      // The backend may have been paused while this request waited for its turn.
      if (this.paused && !ignorePause) throw this.breaker.pausedError();
      return this.backend.translate(texts, languages, AbortSignal.timeout(this.options.requestTimeoutMs));
    });
    if (translations.length !== texts.length || translations.some((text) => typeof text !== 'string')) {
      throw new TranslationError(
        'bad-response',
        `${this.backend.name} returned ${translations.length} translations for ${texts.length} texts`,
      );
    }
    return translations;
  }

  /** Exponential backoff with full jitter around the nominal delay (×0.5 to ×1.5). */
  private backoffMs(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const nominal = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(nominal * (0.5 + this.options.random()));
  }
}

function asTranslationError(error: unknown, backendName: string): TranslationError {
  if (error instanceof TranslationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TranslationError('bad-response', `${backendName} failed: ${message}`);
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
