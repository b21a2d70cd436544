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

function entry(key: string, translation: string): CachedTranslation {
  return { key, translation, backend: 'google', target: 'en', createdAt: 1_700_000_000_000 };
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('TranslationCache', () => {
  it('returns entries in the order of the keys asked for, undefined for misses', async () => {
    const cache = new TranslationCache(freshDb());
    await cache.putMany([entry('a', 'A'), entry('b', 'B'), entry('c', 'C')]);

    const found = await cache.getMany(['c', 'missing', 'a']);

    expect(found.map((hit) => hit?.translation)).toEqual(['C', undefined, 'A']);
    expect(found[0]).toEqual(entry('c', 'C'));
  });

  it('answers an empty list of keys with an empty list', async () => {
    expect(await new TranslationCache(freshDb()).getMany([])).toEqual([]);
  });

  it('replaces an entry written again under the same key', async () => {
    const cache = new TranslationCache(freshDb());
    await cache.putMany([entry('a', 'old')]);
    await cache.putMany([entry('a', 'new')]);
    expect((await cache.getMany(['a']))[0]?.translation).toBe('new');
    expect(await cache.count()).toBe(1);
  });

  it('is empty after clear', async () => {
    const cache = new TranslationCache(freshDb());
    await cache.putMany([entry('a', 'A'), entry('b', 'B')]);
    await cache.clear();
    expect(await cache.count()).toBe(0);
    expect(await cache.getMany(['a'])).toEqual([undefined]);
  });

  it('keeps entries for a second database instance with the same name', async () => {
    const name = `cache-test-persist-${++dbCount}`;
    const first = freshDb(name);
    await new TranslationCache(first).putMany([entry('k1', '1'), entry('k2', '2')]);
    first.close();

    const second = new TranslationCache(freshDb(name));
    expect((await second.getMany(['k1', 'k2'])).map((hit) => hit?.translation)).toEqual(['1', '2']);
  });

  it('does not share entries between databases with different names', async () => {
    await new TranslationCache(freshDb()).putMany([entry('k', 'v')]);
    expect(await new TranslationCache(freshDb()).getMany(['k'])).toEqual([undefined]);
  });
});
