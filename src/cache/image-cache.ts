import { parseImageReading, type ImageReading } from '../ocr/image-reading';
import type { CachedImageReading, RedBridgeDb } from './db';
import { evictTable } from './evict';
import type { CacheLimits } from './translation-cache';

/** A read refreshes an entry's `usedAt` only when it is older than this. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/**
 * What OCR read on each image, under the same limits as translations: entries older than the
 * age limit are read again, and beyond the cap the least recently used go first. Each entry is
 * checked on the way out: the database is input too.
 */
export class ImageReadingCache {
  constructor(
    private readonly db: RedBridgeDb,
    private readonly limits: () => CacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** The reading stored for the image `key` (or, when given, for bytes with this `hash`). */
  async get(key: string, hash?: string): Promise<ImageReading | undefined> {
    const entry =
      (await this.db.imageReadings.get(key)) ??
      (hash === undefined ? undefined : await this.db.imageReadings.where('hash').equals(hash).first());
    if (!entry) return undefined;
    const reading = parseImageReading(entry.reading);
    const now = this.now();
    if (!reading || now - entry.createdAt > this.limits().maxAgeMs) {
      await this.db.imageReadings.delete(entry.key);
      return undefined;
    }
    if (now - entry.usedAt > TOUCH_AFTER_MS) {
      void this.db.imageReadings.update(entry.key, { usedAt: now }).catch(() => undefined);
    }
    return reading;
  }

  async put(key: string, reading: ImageReading, hash?: string): Promise<void> {
    const now = this.now();
    await this.db.imageReadings.put({ key, reading, createdAt: now, usedAt: now, ...(hash ? { hash } : {}) });
    const count = await this.db.imageReadings.count();
    if (count > this.limits().maxEntries) await this.evict();
  }

  /** Deletes every expired entry, and the least recently used beyond the cap. */
  async evict(): Promise<void> {
    await evictTable(this.db.imageReadings, this.limits(), this.now());
  }

  /** Images stored, and roughly how much they take (UTF-16 code units × 2). */
  async stats(): Promise<{ entries: number; bytes: number }> {
    let entries = 0;
    let bytes = 0;
    await this.db.imageReadings.each((entry: CachedImageReading) => {
      entries += 1;
      bytes += 2 * (entry.key.length + (entry.hash?.length ?? 0) + JSON.stringify(entry.reading).length) + 16;
    });
    return { entries, bytes };
  }

  async clear(): Promise<void> {
    await this.db.imageReadings.clear();
  }
}
