import { FailSafeCache } from '../cache/fail-safe-cache';
import type { TranslationCache } from '../cache/translation-cache';
import type { ServiceHealth, TranslateOutcome } from '../messaging/wire';
import type { BackendId, ReplyTone, Settings } from '../settings/schema';
import { testBackendOnce } from './backend-test';
import { lookUpInCache } from './cache-lookup';
import type { TranslationDirection } from './directions';
import { backendFailure, errorInfo, TranslationError } from './errors';
import { chainFailure, outcome } from './outcomes';
import type { BackendQueue } from './queue/backend-queue';
import { DEFAULT_QUEUE_OPTIONS, type QueueOptions } from './queue/options';
import { chainOf, QueuesByBackend } from './queue/queues-by-backend';
import { createBackend } from './backends/registry';
import type { Backend, LanguagePair } from './types';
import { translateUnitWith } from './unit-translation';

export interface TranslateOptions {
  direction?: TranslationDirection;
  /** Only for `reply`. */
  tone?: ReplyTone;
  /**
   * The user pressed Retry: the primary is asked even while it is paused, since the user may
   * know it is back (a new key, a network that returned).
   */
  retry?: boolean;
  /** Only this backend, not the chain: the reader asked for its translation. */
  only?: BackendId;
  /**
   * Aligned with the texts: the @mentions their page marked, the only ones kept as names.
   * Without it (text with no markup) mentions are guessed.
   */
  mentions?: readonly (readonly string[])[];
}

export interface TranslationServiceOptions {
  cache: TranslationCache;
  settings: () => Promise<Settings>;
  backendFor?: (settings: Settings, id: BackendId) => Backend;
  /** The backend queues' batch window, retries and pauses. */
  queue?: Partial<QueueOptions>;
  /** How long a cache read or write is waited for before translating without it. */
  cacheTimeoutMs?: number;
}

/** One text on its way through the chain; `keys[i]` is its cache key under `queues[i]`'s backend. */
interface UnitJob {
  text: string;
  /** The marked mentions, or undefined to guess them. */
  mentions: readonly string[] | undefined;
  keys: string[];
  queues: BackendQueue[];
  languages: LanguagePair;
  retry: boolean;
}

/**
 * Cache → fallback chain → backend queues. Each text is looked up in the cache under every
 * backend of the chain (one bulk read per call), so a translation a fallback produced is found
 * again. A text not cached goes to the primary backend's queue; if that fails after its
 * retries (or the backend is paused), to the next backend in `settings.fallbacks`, and so on.
 * The translation is cached under the backend that produced it. Equal texts, of one call or of
 * calls from several tabs, are merged by the queues, not here: a queue asks for each text once.
 */
export class TranslationService {
  private readonly queues: QueuesByBackend;
  private readonly backendFor: (settings: Settings, id: BackendId) => Backend;
  private readonly requestTimeoutMs: number;
  /** Reading never fails with the cache: a cache that throws is read as empty and not written. */
  private readonly cache: FailSafeCache;
  /** Cache lookups and hits since the background started, for the options page. */
  private lookups = 0;
  private hits = 0;

  constructor(private readonly options: TranslationServiceOptions) {
    this.backendFor = options.backendFor ?? ((settings, id) => createBackend(settings, id));
    const queueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...options.queue };
    this.queues = new QueuesByBackend(this.backendFor, queueOptions);
    this.requestTimeoutMs = queueOptions.requestTimeoutMs;
    this.cache = new FailSafeCache(options.cache, options.cacheTimeoutMs);
  }

  async translate(texts: readonly string[], options: TranslateOptions = {}): Promise<TranslateOutcome[]> {
    const { retry = false } = options;
    const found = await this.lookUp(texts, options);
    const { queues, languages, normalized, mentions, keys, settings } = found;
    return Promise.all(
      normalized.map(async (text, i): Promise<TranslateOutcome> => {
        const hit = found.hit(i);
        this.lookups += 1;
        if (hit) {
          this.hits += 1;
          return hit;
        }
        const produced = text
          ? await this.throughChain({ text, mentions: mentions[i], keys: keys[i]!, queues, languages, retry })
          : new TranslationError('invalid-request', 'Nothing to translate');
        if (produced instanceof TranslationError) return { ok: false, error: errorInfo(produced) };
        return outcome(text, produced.translation, produced.backend, languages, false, settings.slangNotes);
      }),
    );
  }

  /**
   * What the cache holds for each text (reading direction, current chain), or null: one bulk
   * read, no backend. Only hits count as lookups, since a miss is looked up again when the
   * text is translated.
   */
  async cached(texts: readonly string[], mentions?: TranslateOptions['mentions']): Promise<(TranslateOutcome | null)[]> {
    const found = await this.lookUp(texts, { mentions });
    return texts.map((_, i) => {
      const hit = found.hit(i);
      if (hit) {
        this.lookups += 1;
        this.hits += 1;
      }
      return hit;
    });
  }

  /** The chain's queues for these options, and what the cache holds for the texts under each. */
  private async lookUp(texts: readonly string[], options: TranslateOptions) {
    const settings = await this.options.settings();
    const queues = (options.only ? [options.only] : chainOf(settings)).map((id) => this.queues.of(settings, id));
    const found = await lookUpInCache(this.cache, settings, queues.map((queue) => queue.backend), texts, options);
    return { ...found, settings, queues };
  }

  /** The first translation the chain gives, cached under its backend; or the error saying why there is none. */
  private async throughChain(job: UnitJob): Promise<{ translation: string; backend: Backend } | TranslationError> {
    const { text, mentions, keys, queues, languages, retry } = job;
    const failures: TranslationError[] = [];
    for (const [i, queue] of queues.entries()) {
      try {
        const translation = await translateUnitWith(queue, text, languages, { ignorePause: retry && i === 0, mentions });
        // A call that read the cache before this write lands asks the queue again, which has
        // forgotten the text once it answered: a few milliseconds in which a text can be asked twice.
        const { backend } = queue;
        await this.cache.putMany([{ key: keys[i]!, translation, backend: backend.id, target: languages.target, createdAt: Date.now() }]);
        return { translation, backend };
      } catch (caught) {
        const error = backendFailure(caught, queue.backend.name);
        // Nothing to translate is the text's fault: no other backend would do better.
        if (error.code === 'invalid-request') return error;
        failures.push(error);
      }
    }
    return chainFailure(failures, queues.map((queue) => queue.backend));
  }

  cacheUse(): { lookups: number; hits: number } {
    return { lookups: this.lookups, hits: this.hits };
  }

  /** Each backend of the chain, in order, with how its requests have been going; and the cache. */
  async health(): Promise<ServiceHealth> {
    const settings = await this.options.settings();
    const backends = chainOf(settings).map((id) => ({ id, ...this.queues.of(settings, id).breaker.health() }));
    return { backends, cache: this.cache.health() };
  }

  /** Translates the Test button's sentence with one backend as `settings` configure it (saved or not). */
  testBackend(settings: Settings, id: BackendId): Promise<TranslateOutcome> {
    const languages = { source: 'zh', target: settings.targetLanguage };
    return testBackendOnce(id, () => this.backendFor(settings, id), languages, this.requestTimeoutMs);
  }
}

export { BACKEND_TEST_SENTENCE } from './backend-test';
