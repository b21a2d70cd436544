import type { Table } from 'dexie';
import type { CacheLimits } from './translation-cache';

/** What both caches' entries carry for eviction (`usedAt` is indexed; older entries may lack it). */
interface Dated {
  createdAt: number;
  usedAt?: number;
}

/** Deletes every expired entry of `table`, then the least recently used beyond the cap. */
export async function evictTable<T extends Dated>(table: Table<T, string>, limits: CacheLimits, now: number): Promise<void> {
  await table.where('createdAt').below(now - limits.maxAgeMs).delete();
  const count = await table.count();
  if (count > limits.maxEntries) {
    const oldest = await table.orderBy('usedAt').limit(count - limits.maxEntries).primaryKeys();
    await table.bulkDelete(oldest);
  }
}
