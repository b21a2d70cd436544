import type { CachedTranslation } from './db';
import type { TranslationCache } from './translation-cache';

/** How the cache is doing, for the popup: a failing cache means translating without it. */
export type CacheHealth = { state: 'working' } | { state: 'failing'; lastError: string };

/**
 * Longest a cache read or write is waited for. IndexedDB can hang rather than fail (an open
 * blocked by another context, a huge upgrade); the reader must not wait with it.
 */
export const CACHE_TIMEOUT_MS = 3000;

/**
 * The translation cache as the translation service uses it: reads and writes that throw
 * (IndexedDB unavailable, as in some private windows; quota exceeded; a closed or corrupted
 * database) or hang degrade to translating without the cache. Nothing here ever rejects. The
 * failure is said once: one console warning when the cache starts failing, and the popup's
 * health line while it keeps failing. A call that succeeds again ends it.
 */
export class FailSafeCache {
  private failure: string | null = null;

  constructor(
    private readonly cache: Pick<TranslationCache, 'getMany' | 'putMany'>,
    private readonly timeoutMs = CACHE_TIMEOUT_MS,
  ) {}

  /** One entry per key; `undefined` where nothing usable is cached, or where the cache failed. */
  async getMany(keys: readonly string[]): Promise<(CachedTranslation | undefined)[]> {
    try {
      const found = await this.withinTime(this.cache.getMany(keys), 'read');
      this.failure = null;
      // An entry only counts when it holds a translation: the cache is input too.
      return keys.map((_, i) => {
        const entry = found[i];
        return entry && typeof entry.translation === 'string' && entry.translation.trim() ? entry : undefined;
      });
    } catch (error) {
      this.failed(error);
      return keys.map(() => undefined);
    }
  }

  async putMany(entries: readonly CachedTranslation[]): Promise<void> {
    try {
      await this.withinTime(this.cache.putMany(entries), 'write');
      this.failure = null;
    } catch (error) {
      this.failed(error);
    }
  }

  health(): CacheHealth {
    return this.failure === null ? { state: 'working' } : { state: 'failing', lastError: this.failure };
  }

  private failed(error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (this.failure === null) console.warn('[RedBridge] the translation cache failed; translating without it', error);
    this.failure = message;
  }

  private withinTime<T>(work: Promise<T>, what: 'read' | 'write'): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the cache did not ${what} within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
    });
    // A late write may still land; its outcome no longer matters.
    work.catch(() => undefined);
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }
}
