import { afterEach, describe, expect, it } from 'vitest';
import { RedBridgeDb, type CachedTranslation } from './db';
import { TranslationCache } from './translation-cache';

let dbCount = 0;
const opened: RedBridgeDb[] = [];

/** A database no other test uses. */
function freshDb(name = `cache-test-${++dbCount}`): RedBridgeDb {
  const db = new RedBridgeDb(name);
  opened.push(db);
  return db;
}

const NOW = 1_800_000_000_000;

function entry(key: string, translation: string, createdAt = NOW): CachedTranslation {
  return { key, translation, backend: 'google', target: 'en', createdAt };
}

/** A cache on a fresh database with a clock the test moves. */
function cacheWith(limits: { maxEntries: number; maxAgeMs: number }, db = freshDb()) {
  let now = NOW;
  const cache = new TranslationCache(db, () => limits, () => now);
  return { cache, db, advance: (ms: number) => (now += ms), at: () => now };
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('TranslationCache', () => {
  it('returns entries in the order of the keys asked for, undefined for misses', async () => {
    const cache = new TranslationCache(freshDb(), undefined, () => NOW);
    await cache.putMany([entry('a', 'A'), entry('b', 'B'), entry('c', 'C')]);

    const found = await cache.getMany(['c', 'missing', 'a']);

    expect(found.map((hit) => hit?.translation)).toEqual(['C', undefined, 'A']);
    expect(found[0]).toEqual({ ...entry('c', 'C'), usedAt: NOW });
  });

  it('answers an empty list of keys with an empty list', async () => {
    expect(await new TranslationCache(freshDb(), undefined, () => NOW).getMany([])).toEqual([]);
  });

  it('replaces an entry written again under the same key', async () => {
    const cache = new TranslationCache(freshDb(), undefined, () => NOW);
    await cache.putMany([entry('a', 'old')]);
    await cache.putMany([entry('a', 'new')]);
    expect((await cache.getMany(['a']))[0]?.translation).toBe('new');
    expect(await cache.count()).toBe(1);
  });

  it('is empty after clear', async () => {
    const cache = new TranslationCache(freshDb(), undefined, () => NOW);
    await cache.putMany([entry('a', 'A'), entry('b', 'B')]);
    await cache.clear();
    expect(await cache.count()).toBe(0);
    expect(await cache.getMany(['a'])).toEqual([undefined]);
  });

  it('keeps entries for a second database instance with the same name', async () => {
    const name = `cache-test-persist-${++dbCount}`;
    const first = freshDb(name);
    await new TranslationCache(first, undefined, () => NOW).putMany([entry('k1', '1'), entry('k2', '2')]);
    first.close();

    const second = new TranslationCache(freshDb(name), undefined, () => NOW);
    expect((await second.getMany(['k1', 'k2'])).map((hit) => hit?.translation)).toEqual(['1', '2']);
  });

  it('does not share entries between databases with different names', async () => {
    await new TranslationCache(freshDb(), undefined, () => NOW).putMany([entry('k', 'v')]);
    expect(await new TranslationCache(freshDb(), undefined, () => NOW).getMany(['k'])).toEqual([undefined]);
  });

  it('keeps the cache at its cap, evicting the least recently used entries first', async () => {
    const { cache, db, advance } = cacheWith({ maxEntries: 5, maxAgeMs: Number.POSITIVE_INFINITY });
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await cache.putMany([entry(key, key.toUpperCase())]);
      advance(2 * 60 * 60 * 1000);
    }
    // Reading `a` and `b` makes them recently used; `c` is now the least recently used.
    await cache.getMany(['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    advance(2 * 60 * 60 * 1000);

    await cache.putMany([entry('f', 'F'), entry('g', 'G')]);

    expect(await db.translations.count()).toBe(5);
    const left = (await db.translations.toCollection().primaryKeys()).sort();
    expect(left).toEqual(['a', 'b', 'e', 'f', 'g']);
  });

  it('stays at its cap however many entries arrive', async () => {
    const { cache, db } = cacheWith({ maxEntries: 50, maxAgeMs: Number.POSITIVE_INFINITY });
    for (let batch = 0; batch < 10; batch++) {
      await cache.putMany(Array.from({ length: 20 }, (_, i) => entry(`k${batch}-${i}`, 'x')));
    }
    expect(await db.translations.count()).toBe(50);
  });

  it('does not serve an entry older than the age limit, and deletes it', async () => {
    const day = 24 * 60 * 60 * 1000;
    const { cache, db, advance } = cacheWith({ maxEntries: 100, maxAgeMs: 30 * day });
    await cache.putMany([entry('old', 'Old', NOW), entry('new', 'New', NOW + 20 * day)]);
    advance(31 * day);

    const found = await cache.getMany(['old', 'new']);

    expect(found.map((hit) => hit?.translation)).toEqual([undefined, 'New']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await db.translations.get('old')).toBeUndefined();
  });
});
