import type { CachedTranslation, RedBridgeDb } from './db';

/** Bulk reads and writes of translations, so a screenful of units costs one query. */
export class TranslationCache {
  constructor(private readonly db: RedBridgeDb) {}

  /** One entry per key, `undefined` where nothing is cached. */
  async getMany(keys: readonly string[]): Promise<(CachedTranslation | undefined)[]> {
    if (keys.length === 0) return [];
    return this.db.translations.bulkGet([...keys]);
  }

  async putMany(entries: readonly CachedTranslation[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.translations.bulkPut([...entries]);
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
  }
}
