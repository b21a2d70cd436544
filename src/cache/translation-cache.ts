import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import type { CachedTranslation, RedBridgeDb } from './db';
import { evictTable } from './evict';

export interface CacheLimits {
  /** Most entries kept; beyond it the least recently used are deleted. */
  maxEntries: number;
  /** Entries older than this (since translated) are not served and are deleted. */
  maxAgeMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The limits the settings set: the age is set in days. */
export function cacheLimitsOf(settings: Pick<Settings, 'cacheMaxEntries' | 'cacheMaxAgeDays'>): CacheLimits {
  return { maxEntries: settings.cacheMaxEntries, maxAgeMs: settings.cacheMaxAgeDays * DAY_MS };
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = cacheLimitsOf(DEFAULT_SETTINGS);

/** A read refreshes an entry's `usedAt` only when it is older than this: reads stay reads. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/**
 * Bulk reads and writes of translations, so a screenful of units costs one query, with a size
 * cap (least recently used out first) and an age limit.
 */
export class TranslationCache {
  /** Entries written since the last count: the count is taken again only when it may be over the cap. */
  private approximateCount: number | null = null;

  constructor(
    private readonly db: RedBridgeDb,
    private readonly limits: () => CacheLimits = () => DEFAULT_CACHE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** One entry per key, `undefined` where nothing (or only an expired entry) is cached. */
  async getMany(keys: readonly string[]): Promise<(CachedTranslation | undefined)[]> {
    if (keys.length === 0) return [];
    const found = await this.db.translations.bulkGet([...keys]);
    const now = this.now();
    const { maxAgeMs } = this.limits();
    const fresh = found.map((entry) => (entry && now - entry.createdAt <= maxAgeMs ? entry : undefined));
    const stale = found.filter((entry, i): entry is CachedTranslation => !!entry && !fresh[i]).map((entry) => entry.key);
    const touched = fresh.filter(
      (entry): entry is CachedTranslation => !!entry && now - (entry.usedAt ?? entry.createdAt) > TOUCH_AFTER_MS,
    );
    // Bookkeeping must never fail a read.
    if (stale.length > 0) void this.db.translations.bulkDelete(stale).catch(() => undefined);
    if (touched.length > 0) {
      void this.db.translations
        .bulkUpdate(touched.map((entry) => ({ key: entry.key, changes: { usedAt: now } })))
        .catch(() => undefined);
    }
    return fresh;
  }

  async putMany(entries: readonly CachedTranslation[]): Promise<void> {
    if (entries.length === 0) return;
    const now = this.now();
    await this.db.translations.bulkPut(entries.map((entry) => ({ ...entry, usedAt: now })));
    this.approximateCount = (this.approximateCount ?? (await this.db.translations.count())) + entries.length;
    if (this.approximateCount > this.limits().maxEntries) await this.evict();
  }

  /** Deletes the least recently used entries beyond the cap, and every expired one. */
  async evict(): Promise<void> {
    await evictTable(this.db.translations, this.limits(), this.now());
    this.approximateCount = await this.db.translations.count();
  }

  /** Entries, and roughly how much they take (UTF-16 code units × 2, keys included). */
  async stats(): Promise<{ entries: number; bytes: number }> {
    let entries = 0;
    let bytes = 0;
    await this.db.translations.each((entry) => {
      entries += 1;
      bytes += 2 * (entry.key.length + entry.translation.length + entry.backend.length + entry.target.length) + 8;
    });
    return { entries, bytes };
  }

  async count(): Promise<number> {
    return this.db.translations.count();
  }

  async clear(): Promise<void> {
    await this.db.translations.clear();
    this.approximateCount = 0;
  }
}
