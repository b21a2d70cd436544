import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RedBridgeDb } from './db';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('RedBridgeDb upgrades', () => {
  it('gives entries cached by version 1 a last-use time, so eviction can order them', async () => {
    const name = 'db-upgrade-test';
    // Version 1 as it shipped: no `usedAt`.
    const v1 = new Dexie(name);
    v1.version(1).stores({ translations: 'key, createdAt' });
    opened.push(v1);
    await v1.table('translations').put({ key: 'k', translation: 'Hi', backend: 'google', target: 'en', createdAt: 42 });
    v1.close();

    const current = new RedBridgeDb(name);
    opened.push(current);
    expect(await current.translations.get('k')).toMatchObject({ translation: 'Hi', createdAt: 42, usedAt: 42 });
    expect(await current.translations.orderBy('usedAt').primaryKeys()).toEqual(['k']);
  });

  it('deletes translations that version 2 cached blank, and takes bidi controls out of the rest', async () => {
    const name = 'db-upgrade-test-v2';
    // Version 2 as it shipped: it cached whatever a backend answered.
    const v2 = new Dexie(name);
    v2.version(2).stores({ translations: 'key, createdAt, usedAt' });
    opened.push(v2);
    const entry = { backend: 'google', target: 'en', createdAt: 42, usedAt: 42 };
    await v2.table('translations').bulkPut([
      { ...entry, key: 'empty', translation: '' },
      { ...entry, key: 'blank', translation: ' \n\u200B' },
      { ...entry, key: 'bidi', translation: '\u202EHello\u202C' },
      { ...entry, key: 'good', translation: 'Thanks' },
    ]);
    v2.close();

    const current = new RedBridgeDb(name);
    opened.push(current);
    expect(await current.translations.orderBy('key').primaryKeys()).toEqual(['bidi', 'good']);
    expect(await current.translations.get('bidi')).toMatchObject({ translation: 'Hello' });
    expect(await current.translations.get('good')).toMatchObject({ translation: 'Thanks', usedAt: 42 });
  });
});
