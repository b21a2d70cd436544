import { checkAnswer, type CheckedTranslation } from '../answer';
import { CircuitBreaker } from '../circuit-breaker';
import { backendFailure, type TranslationErrorCode } from '../errors';
import type { Backend, LanguagePair } from '../types';
import { recordAnswer, recordRequestFailure } from './backend-failures';
import { DEFAULT_QUEUE_OPTIONS, type QueueOptions } from './options';
import { InflightTexts } from './equal-texts';
import { PendingBatches, type PendingText } from './pending-batches';
import { RequestLimits } from './request-limits';
import { retryDelayMs } from './retry';

/** Failures of a whole request that one odd text among its texts can cause. */
const SPLIT_ON: ReadonlySet<TranslationErrorCode> = new Set(['bad-response', 'bad-request']);

/**
 * The one queue between the service and one backend, and the only code that turns texts into
 * requests: equal texts share one place in a request; texts travel together in requests sized
 * to the backend's limits, a few requests at a time and no faster than its token bucket
 * allows; a request that fails for a passing reason is retried with exponential backoff and
 * jitter (or after the backend's `Retry-After`); one that fails as a whole because of what may
 * be one odd text is split, each text asked for on its own; and a backend that keeps failing
 * is paused by its circuit breaker. Backends only build requests and read answers.
 *
 * Batching follows backpressure. Texts wait in a pending batch per language pair and tone.
 * A batch becomes ready `batchWindowMs` after its first text, so a lone text on an idle
 * backend leaves about that much later. A ready batch is only taken when a request can
 * actually leave: a request slot is free and the token bucket has a token. Texts that arrive
 * while every slot is busy or the bucket is empty join the waiting batch, so a reader
 * scrolling a long thread makes a few full requests instead of one small request per scroll
 * step (which is what gets a free API to answer 429). Whatever waited goes out together, in
 * as few requests as the backend's limits allow; any surplus waits for the next free slot.
 * Retries and the requests of a split do not wait in the batch: they queue for a slot and a
 * token directly, ahead of pending batches, so they are never starved.
 */
export class BackendQueue {
  readonly breaker: CircuitBreaker;
  private readonly inflight = new InflightTexts();
  private readonly pending: PendingBatches;
  private readonly limits: RequestLimits;

  constructor(
    readonly backend: Backend,
    private readonly options: QueueOptions = DEFAULT_QUEUE_OPTIONS,
  ) {
    this.breaker = new CircuitBreaker(backend.name, options.breaker);
    this.limits = new RequestLimits(backend.capabilities, () => this.pump());
    this.pending = new PendingBatches(backend, options.batchWindowMs, () => this.pump());
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
    const joined = this.inflight.join(text, languages, ignorePause);
    if (joined) return joined;
    const { item, promise } = this.inflight.start(text, languages, ignorePause);
    this.pending.add(item, languages);
    return promise;
  }

  /**
   * Sends ready batches while a request slot and a token are free; texts that do not fit stay
   * pending. Called whenever that may have changed: a batch window ended, a request finished
   * or is waiting to retry, a token came.
   */
  private pump(): void {
    if (this.paused) this.refuseWhilePaused();
    while (this.limits.slotFree && this.pending.hasReady()) {
      if (!this.limits.tryTakeToken()) return;
      const { items, languages } = this.pending.takeReady()!;
      // `send` reaches `limits.run` without waiting, and `run` takes the free slot before it
      // returns: the next turn of this loop sees one slot fewer.
      void this.send(items, languages, true);
    }
  }

  /** Texts of ready batches are refused as they would be if asked for now; a reader's Retry still goes. */
  private refuseWhilePaused(): void {
    const refused = this.pending.takeRefusedWhilePaused();
    if (refused.length === 0) return;
    const error = this.breaker.pausedError();
    for (const item of refused) item.reject(error);
  }

  /** `tokenTaken`: `pump` took the first try's token already (and a free slot is there). */
  private async send(items: PendingText[], languages: LanguagePair, tokenTaken: boolean): Promise<void> {
    try {
      const texts = items.map((item) => item.text);
      const checked = await this.requestWithRetries(texts, languages, items.some((item) => item.ignorePause), tokenTaken);
      recordAnswer(this.breaker, checked);
      items.forEach((item, i) => {
        const result = checked[i]!;
        if (result.ok) item.resolve(result.translation);
        else item.reject(result.error);
      });
    } catch (caught) {
      const error = backendFailure(caught, this.backend.name);
      if (items.length > 1 && SPLIT_ON.has(error.code)) {
        // One odd text should not fail its neighbours. Each is asked for on its own, through
        // a slot and a token like any request: recovering never asks faster than the limits allow.
        await Promise.all(items.map((item) => this.send([item], languages, false)));
        return;
      }
      recordRequestFailure(this.breaker, error);
      for (const item of items) item.reject(error);
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
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.request(texts, languages, ignorePause && attempt === 1, tokenTaken && attempt === 1);
      } catch (caught) {
        const error = backendFailure(caught, this.backend.name);
        const wait = retryDelayMs(error, attempt, this.options.retry, this.options.random);
        if (wait === null || this.paused) throw error;
        // The slot is free while this request waits to try again: pending texts may use it.
        this.pump();
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.paused) throw error;
      }
    }
  }

  /** One try: a slot, then a token (unless `pump` took it), then the backend, whose answer is checked. */
  private async request(
    texts: string[],
    languages: LanguagePair,
    ignorePause: boolean,
    tokenTaken: boolean,
  ): Promise<CheckedTranslation[]> {
    const answer = await this.limits.run(tokenTaken, async () => {
      // The backend may have been paused while this request waited for its turn.
      if (this.paused && !ignorePause) throw this.breaker.pausedError();
      return this.backend.translate(texts, languages, AbortSignal.timeout(this.options.requestTimeoutMs));
    });
    return checkAnswer(this.backend.name, texts, answer, languages);
  }
}
