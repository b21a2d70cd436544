import { checkAnswer, type CheckedTranslation } from './answer';
import { BackendPausedError, CircuitBreaker, DEFAULT_BREAKER, type CircuitBreakerOptions } from './circuit-breaker';
import { isTransient, TranslationError } from './errors';
import { createLimiter } from './limiter';
import { createTokenBucket } from './token-bucket';
import type { Backend, LanguagePair } from './types';
import { messageOf } from '../untyped';

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
  /** How long the first text of a batch waits for company when the backend could take it at once. */
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
  /** Its batch window has passed: it leaves as soon as a request can. */
  ready: boolean;
}

/** A text asked for and not answered yet; `item` lets a reader's Retry reach it while it waits. */
interface Inflight {
  promise: Promise<string>;
  item: PendingText;
}

/**
 * Everything between the service and one backend: identical texts share a request, texts
 * travel together in requests sized to the backend's limits, a few requests at a time and no
 * faster than its token bucket allows. A request that fails for a passing reason is retried
 * with exponential backoff and jitter (or after the backend's `Retry-After`); a backend that
 * keeps failing is paused by its circuit breaker.
 *
 * Batching follows backpressure. Texts wait in a pending batch per language pair and tone.
 * A batch becomes ready `batchWindowMs` after its first text, so a lone text on an idle
 * backend leaves about that much later. A ready batch is only taken when a request can
 * actually leave: a request slot is free and the token bucket has a token. Texts that arrive
 * while every slot is busy or the bucket is empty join the waiting batch, so a reader
 * scrolling a long thread makes a few full requests instead of one small request per scroll
 * step (which is what gets a free API to answer 429). Whatever waited goes out together, in
 * as few requests as the backend's limits allow; any surplus waits for the next free slot.
 * Retries and the single-text requests of a split chunk do not wait in the batch: they queue
 * for a slot and a token directly, ahead of pending batches, so they are never starved.
 */
export class BackendLane {
  readonly breaker: CircuitBreaker;
  private readonly inflight = new Map<string, Inflight>();
  /** Pending batches by `batchIdOf`, oldest first: the order they leave in. */
  private readonly batches = new Map<string, Batch>();
  private readonly limiter: ReturnType<typeof createLimiter>;
  private readonly bucket: ReturnType<typeof createTokenBucket>;
  /** Set while `pump` waits for the bucket's next token. */
  private tokenTimer: ReturnType<typeof setTimeout> | undefined;

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
    if (existing) {
      // A reader's Retry for a text still waiting in a batch must not be refused with it if
      // the backend is paused before the batch leaves.
      if (ignorePause) existing.item.ignorePause = true;
      return existing.promise;
    }
    let item!: PendingText;
    const promise = new Promise<string>((resolve, reject) => {
      item = { text, ignorePause, resolve, reject };
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, { promise, item });
    this.enqueue(item, languages);
    return promise;
  }

  private enqueue(item: PendingText, languages: LanguagePair): void {
    const batchId = batchIdOf(languages);
    const batch = this.batches.get(batchId);
    if (batch) {
      batch.items.push(item);
      return;
    }
    const created: Batch = { languages, items: [item], ready: false };
    this.batches.set(batchId, created);
    setTimeout(() => {
      created.ready = true;
      this.pump();
    }, this.options.batchWindowMs);
  }

  /**
   * Sends ready batches while a request slot and a token are free; texts that do not fit stay
   * pending. Called whenever that may have changed: a batch window ended, a request finished
   * or is waiting to retry, a token came.
   */
  private pump(): void {
    if (this.paused) this.refuseWhilePaused();
    while (this.limiter.available > 0) {
      const next = this.firstReadyBatch();
      if (!next) return;
      if (!this.bucket.tryTake()) {
        this.wakeForToken();
        return;
      }
      const [batchId, batch] = next;
      const chunk = chunkForBackend(batch.items, this.backend)[0]!;
      batch.items.splice(0, chunk.length);
      if (batch.items.length === 0) this.batches.delete(batchId);
      // `send` reaches `limiter.run` without waiting, and `run` takes the free slot before it
      // returns: the next turn of this loop sees one slot fewer.
      void this.send(chunk, batch.languages, true);
    }
  }

  private firstReadyBatch(): [string, Batch] | undefined {
    for (const entry of this.batches) if (entry[1].ready) return entry;
    return undefined;
  }

  /** Texts of ready batches are refused as they would be if asked for now; a reader's Retry still goes. */
  private refuseWhilePaused(): void {
    for (const [batchId, batch] of this.batches) {
      if (!batch.ready) continue;
      const refused = batch.items.filter((item) => !item.ignorePause);
      if (refused.length === 0) continue;
      batch.items = batch.items.filter((item) => item.ignorePause);
      if (batch.items.length === 0) this.batches.delete(batchId);
      const error = this.breaker.pausedError();
      for (const item of refused) item.reject(error);
    }
  }

  private wakeForToken(): void {
    if (this.tokenTimer !== undefined) return;
    this.tokenTimer = setTimeout(() => {
      this.tokenTimer = undefined;
      this.pump();
    }, this.bucket.msUntilToken());
  }

  /** `tokenTaken`: `pump` took the first attempt's token already (and a free slot is there). */
  private async send(chunk: PendingText[], languages: LanguagePair, tokenTaken: boolean): Promise<void> {
    try {
      const checked = await this.requestWithRetries(
        chunk.map((item) => item.text),
        languages,
        chunk.some((item) => item.ignorePause),
        tokenTaken,
      );
      // An answer with no translation in it at all is the backend failing (as when Google
      // answers 200 with no sentences): it counts towards a pause. One odd text among good
      // ones is that text's problem: it goes on to the next backend alone.
      const usable = checked.find((result) => result.ok);
      const refused = checked.find((result) => !result.ok);
      if (usable) this.breaker.recordSuccess();
      else if (refused && !refused.ok) this.breaker.recordFailure(refused.error);
      chunk.forEach((item, i) => {
        const result = checked[i]!;
        if (result.ok) item.resolve(result.translation);
        else item.reject(result.error);
      });
    } catch (caught) {
      const error = asTranslationError(caught, this.backend.name);
      if (chunk.length > 1 && (error.code === 'bad-response' || error.code === 'bad-request')) {
        // One odd text should not fail its neighbours: ask for each on its own.
        await Promise.all(chunk.map((item) => this.send([item], languages, false)));
        return;
      }
      if (BACKEND_FAILURES.has(error.code) && !(error instanceof BackendPausedError)) this.breaker.recordFailure(error);
      for (const item of chunk) item.reject(error);
    } finally {
      // The request's slot is free, and only now does the breaker know how it went: pending
      // texts leave, or are refused if this failure paused the backend. Pumping as soon as the
      // slot freed would send them to a backend about to be paused.
      this.pump();
    }
  }

  private async requestWithRetries(
    texts: string[],
    languages: LanguagePair,
    ignorePause: boolean,
    tokenTaken: boolean,
  ): Promise<CheckedTranslation[]> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.request(texts, languages, ignorePause && attempt === 1, tokenTaken && attempt === 1);
      } catch (caught) {
        const error = asTranslationError(caught, this.backend.name);
        const wait = error.retryAfterMs ?? this.backoffMs(attempt);
        const worthWaiting = error.retryAfterMs === undefined || error.retryAfterMs <= retry.maxRetryAfterMs;
        // A backend that did not answer in 15 s is not asked again: the reader would wait too long.
        const retryable = isTransient(error) && error.code !== 'timeout';
        if (!retryable || attempt >= retry.attempts || !worthWaiting || this.paused) throw error;
        // The slot is free while this request waits to try again: pending texts may use it.
        this.pump();
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.paused) throw error;
      }
    }
  }

  private async request(
    texts: string[],
    languages: LanguagePair,
    ignorePause: boolean,
    tokenTaken: boolean,
  ): Promise<CheckedTranslation[]> {
    const answer = await this.limiter.run(async () => {
      if (!tokenTaken) await this.bucket.take();
      // The backend may have been paused while this request waited for its turn.
      if (this.paused && !ignorePause) throw this.breaker.pausedError();
      return this.backend.translate(texts, languages, AbortSignal.timeout(this.options.requestTimeoutMs));
    });
    return checkAnswer(this.backend.name, texts, answer, languages);
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
  const message = messageOf(error);
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
