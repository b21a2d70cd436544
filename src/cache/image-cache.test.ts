import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageReading } from '../ocr/image-reading';
import { RedBridgeDb } from './db';
import { ImageReadingCache } from './image-cache';
import type { CacheLimits } from './translation-cache';

let dbCount = 0;
const opened: Dexie[] = [];

/** A database no other test uses. */
function freshDb(name = `image-cache-test-${++dbCount}`): RedBridgeDb {
  const db = new RedBridgeDb(name);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const NOW = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function readingWith(text: string): ImageReading {
  return { width: 800, height: 600, language: 'chinese', blocks: [{ text, bounds: { x: 40, y: 40, width: 300, height: 60 } }] };
}

/** A cache on a fresh database with a clock the test moves. */
function setup(limits: CacheLimits = { maxEntries: 1000, maxAgeMs: 30 * DAY }) {
  const db = freshDb();
  let now = NOW;
  const cache = new ImageReadingCache(db, () => limits, () => now);
  return { cache, db, advance: (ms: number) => (now += ms) };
}

/** Lets the cache's fire-and-forget writes land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('ImageReadingCache', () => {
  it('gives back a stored reading by its key, and undefined for an unknown key', async () => {
    const { cache } = setup();
    await cache.put('img/a', readingWith('西湖'));
    expect(await cache.get('img/a')).toEqual(readingWith('西湖'));
    expect(await cache.get('img/missing')).toBeUndefined();
  });

  it('finds a reading by the hash of its bytes under another key, only when the hash is given', async () => {
    const { cache } = setup();
    await cache.put('img/a', readingWith('西湖'), HASH_A);
    expect(await cache.get('img/a-copy', HASH_A)).toEqual(readingWith('西湖'));
    expect(await cache.get('img/a-copy')).toBeUndefined();
    expect(await cache.get('img/a-copy', HASH_B)).toBeUndefined();
  });

  it('prefers the entry under the key to one with the same hash', async () => {
    const { cache } = setup();
    await cache.put('img/a', readingWith('按哈希'), HASH_A);
    await cache.put('img/b', readingWith('按键'), HASH_B);
    expect(await cache.get('img/b', HASH_A)).toEqual(readingWith('按键'));
  });

  it('replaces the reading stored again under the same key', async () => {
    const { cache, db } = setup();
    await cache.put('img/a', readingWith('旧'));
    await cache.put('img/a', readingWith('新'), HASH_A);
    expect(await cache.get('img/a')).toEqual(readingWith('新'));
    expect(await db.imageReadings.count()).toBe(1);
    expect(await db.imageReadings.get('img/a')).toMatchObject({ hash: HASH_A, createdAt: NOW, usedAt: NOW });
  });

  it('stores no hash field when none is given', async () => {
    const { cache, db } = setup();
    await cache.put('img/a', readingWith('西湖'));
    expect(await db.imageReadings.get('img/a')).not.toHaveProperty('hash');
  });

  it('serves an entry up to the age limit, then not, and deletes it', async () => {
    const { cache, db, advance } = setup({ maxEntries: 1000, maxAgeMs: 30 * DAY });
    await cache.put('img/a', readingWith('西湖'), HASH_A);

    advance(30 * DAY);
    expect(await cache.get('img/a')).toEqual(readingWith('西湖'));

    advance(1);
    expect(await cache.get('img/a')).toBeUndefined();
    expect(await db.imageReadings.get('img/a')).toBeUndefined();
  });

  it('does not serve an expired entry found by hash either, and deletes it', async () => {
    const { cache, db, advance } = setup({ maxEntries: 1000, maxAgeMs: DAY });
    await cache.put('img/a', readingWith('西湖'), HASH_A);
    advance(DAY + 1);
    expect(await cache.get('img/other', HASH_A)).toBeUndefined();
    expect(await db.imageReadings.count()).toBe(0);
  });

  it.each([
    ['an unknown language', { ...readingWith('西湖'), language: 'klingon' }],
    ['a zero width', { ...readingWith('西湖'), width: 0 }],
    ['a block outside the image', { ...readingWith('西湖'), blocks: [{ text: '西湖', bounds: { x: 5000, y: 0, width: 10, height: 10 } }] }],
    ['a string', '西湖'],
  ])('does not serve a stored reading with %s, and deletes it', async (_what, stored) => {
    const { cache, db } = setup();
    await db.imageReadings.put({ key: 'img/bad', reading: stored as unknown as ImageReading, createdAt: NOW, usedAt: NOW });
    expect(await cache.get('img/bad')).toBeUndefined();
    expect(await db.imageReadings.get('img/bad')).toBeUndefined();
  });

  it('gives back only the known fields of a stored reading', async () => {
    const { cache, db } = setup();
    const stored = { ...readingWith('西湖'), script: 'alert(1)' };
    await db.imageReadings.put({ key: 'img/a', reading: stored, createdAt: NOW, usedAt: NOW });
    expect(await cache.get('img/a')).toEqual(readingWith('西湖'));
  });

  it('refreshes an entry’s last use on a read only when it is over an hour old', async () => {
    const { cache, db, advance } = setup();
    await cache.put('img/a', readingWith('西湖'));

    advance(HOUR);
    await cache.get('img/a');
    await settle();
    expect((await db.imageReadings.get('img/a'))?.usedAt).toBe(NOW);

    advance(1);
    await cache.get('img/a');
    await settle();
    expect((await db.imageReadings.get('img/a'))?.usedAt).toBe(NOW + HOUR + 1);
  });

  it('keeps the cache at its cap, evicting the least recently used first', async () => {
    const { cache, db, advance } = setup({ maxEntries: 3, maxAgeMs: 365 * DAY });
    for (const key of ['a', 'b', 'c']) {
      await cache.put(key, readingWith(key));
      advance(2 * HOUR);
    }
    // Reading `a` makes it recently used; `b` is now the least recently used.
    await cache.get('a');
    await settle();
    advance(2 * HOUR);

    await cache.put('d', readingWith('d'));

    expect((await db.imageReadings.toCollection().primaryKeys()).sort()).toEqual(['a', 'c', 'd']);
  });

  it('stays at its cap however many images arrive', async () => {
    const { cache, db, advance } = setup({ maxEntries: 5, maxAgeMs: 365 * DAY });
    for (let i = 0; i < 12; i++) {
      await cache.put(`img/${i}`, readingWith(`图${i}`));
      advance(1);
    }
    expect(await db.imageReadings.count()).toBe(5);
    expect((await db.imageReadings.orderBy('usedAt').primaryKeys()).sort()).toEqual(['img/10', 'img/11', 'img/7', 'img/8', 'img/9']);
  });

  it('evict() deletes every expired entry, and the least recently used beyond the cap', async () => {
    const limits = { maxEntries: 1000, maxAgeMs: 10 * DAY };
    const { cache, db, advance } = setup(limits);
    await cache.put('old-1', readingWith('旧'));
    await cache.put('old-2', readingWith('旧'));
    advance(5 * DAY);
    await cache.put('new-1', readingWith('新'));
    advance(1);
    await cache.put('new-2', readingWith('新'));
    advance(5 * DAY + 1);

    await cache.evict();
    expect((await db.imageReadings.toCollection().primaryKeys()).sort()).toEqual(['new-1', 'new-2']);

    limits.maxEntries = 1;
    await cache.evict();
    expect(await db.imageReadings.toCollection().primaryKeys()).toEqual(['new-2']);
  });

  it('counts the images stored and roughly what they take', async () => {
    const { cache } = setup();
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });

    await cache.put('img/a', readingWith('西湖'), HASH_A);
    await cache.put('img/bb', readingWith('记得带伞'));

    const expected =
      2 * ('img/a'.length + HASH_A.length + JSON.stringify(readingWith('西湖')).length) +
      16 +
      2 * ('img/bb'.length + JSON.stringify(readingWith('记得带伞')).length) +
      16;
    expect(await cache.stats()).toEqual({ entries: 2, bytes: expected });
  });

  it('is empty after clear, leaving translations alone', async () => {
    const { cache, db } = setup();
    await db.translations.put({ key: 't', translation: 'Hi', backend: 'google', target: 'en', createdAt: NOW, usedAt: NOW });
    await cache.put('img/a', readingWith('西湖'), HASH_A);
    await cache.put('img/b', readingWith('记得'));

    await cache.clear();

    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(await cache.get('img/a', HASH_A)).toBeUndefined();
    expect(await db.translations.count()).toBe(1);
  });

  it('keeps readings for a second database instance with the same name', async () => {
    const name = `image-cache-persist-${++dbCount}`;
    const first = freshDb(name);
    await new ImageReadingCache(first, () => ({ maxEntries: 10, maxAgeMs: DAY }), () => NOW).put('img/a', readingWith('西湖'), HASH_A);
    first.close();

    const second = new ImageReadingCache(freshDb(name), () => ({ maxEntries: 10, maxAgeMs: DAY }), () => NOW);
    expect(await second.get('img/other', HASH_A)).toEqual(readingWith('西湖'));
  });
});

describe('RedBridgeDb version 4', () => {
  it('opens a version 3 database, keeping its translations, with an empty image table indexed by hash and last use', async () => {
    const name = `image-cache-upgrade-${++dbCount}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({ translations: 'key, createdAt, usedAt' });
    opened.push(v3);
    await v3.table('translations').put({ key: 'k', translation: 'Thanks', backend: 'google', target: 'en', createdAt: 42, usedAt: 42 });
    v3.close();

    const current = freshDb(name);
    expect(await current.translations.get('k')).toMatchObject({ translation: 'Thanks', usedAt: 42 });
    expect(await current.imageReadings.count()).toBe(0);

    await current.imageReadings.put({ key: 'img/a', hash: HASH_A, reading: readingWith('西湖'), createdAt: 1, usedAt: 2 });
    expect(await current.imageReadings.where('hash').equals(HASH_A).primaryKeys()).toEqual(['img/a']);
    expect(await current.imageReadings.orderBy('usedAt').primaryKeys()).toEqual(['img/a']);
    expect(await current.imageReadings.where('createdAt').below(2).primaryKeys()).toEqual(['img/a']);
  });
});
