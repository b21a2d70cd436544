import { afterEach, describe, expect, it } from 'vitest';
import { RedBridgeDb } from './db';
import { SubtitleCache, subtitleKey } from './subtitle-cache';

const NOW = 1_800_000_000_000;
const DAY = 24 * 60 * 60 * 1000;
const opened: RedBridgeDb[] = [];
let count = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function setup(now = () => NOW) {
  const db = new RedBridgeDb(`subtitle-cache-test-${++count}`);
  opened.push(db);
  return { db, cache: new SubtitleCache(db, () => ({ maxEntries: 2, maxAgeMs: 30 * DAY }), now) };
}

const KEY = subtitleKey('n1', { group: 'zh-CN', language: 'zh-CN' });
const CUES = [{ start: 0, end: 1, text: '你好' }];

describe('SubtitleCache', () => {
  it('keeps a track’s cues by note, group and language', async () => {
    const { cache } = setup();
    await cache.put(KEY, CUES);
    expect(await cache.get(KEY)).toEqual(CUES);
    expect(await cache.get(subtitleKey('n1', { group: 'en-US', language: 'en-US' }))).toBeUndefined();
  });

  it('stores nothing for a track with no cues', async () => {
    const { db, cache } = setup();
    await cache.put(KEY, []);
    expect(await db.subtitles.count()).toBe(0);
  });

  it('deletes a stored entry that is not well-formed cues, or too old', async () => {
    let now = NOW;
    const { db, cache } = setup(() => now);
    await db.subtitles.put({ key: KEY, cues: [{ start: 1, end: 0, text: '<b>x</b>' }], createdAt: NOW, usedAt: NOW });
    expect(await cache.get(KEY)).toBeUndefined();
    expect(await db.subtitles.count()).toBe(0);
    await cache.put(KEY, CUES);
    now = NOW + 31 * DAY;
    expect(await cache.get(KEY)).toBeUndefined();
  });

  it('keeps at most its cap, dropping the least recently used', async () => {
    let now = NOW;
    const { db, cache } = setup(() => now);
    for (const id of ['a', 'b', 'c']) {
      await cache.put(subtitleKey(id, { group: 'zh-CN', language: 'zh-CN' }), CUES);
      now += 1000;
    }
    expect((await db.subtitles.toCollection().primaryKeys()).map((key) => key.split('\n')[0])).toEqual(['b', 'c']);
  });
});
