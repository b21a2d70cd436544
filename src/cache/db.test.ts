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
});
