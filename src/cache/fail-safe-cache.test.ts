import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedTranslation } from './db';
import { FailSafeCache } from './fail-safe-cache';

const ENTRY: CachedTranslation = { key: 'k', translation: 'Hello', backend: 'google', target: 'en', createdAt: 1 };

/** A cache whose every call throws, as IndexedDB does in some private windows. */
const throwing = {
  getMany: () => Promise.reject(new DOMException('The operation failed for reasons unrelated to the database itself', 'UnknownError')),
  putMany: () => Promise.reject(new DOMException('The quota has been exceeded', 'QuotaExceededError')),
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('FailSafeCache', () => {
  it('passes entries through from a working cache, and says it works', async () => {
    const cache = new FailSafeCache({ getMany: async () => [ENTRY, undefined], putMany: async () => {} });
    expect(await cache.getMany(['k', 'other'])).toEqual([ENTRY, undefined]);
    expect(cache.health()).toEqual({ state: 'working' });
  });

  it('reads a cache that throws as empty, and a write to it as done, without rejecting', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cache = new FailSafeCache(throwing);
    await expect(cache.getMany(['a', 'b'])).resolves.toEqual([undefined, undefined]);
    await expect(cache.putMany([ENTRY])).resolves.toBeUndefined();
    expect(cache.health()).toEqual({ state: 'failing', lastError: 'QuotaExceededError: The quota has been exceeded' });
  });

  it('warns once while the cache keeps failing, and again only after it worked in between', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let broken = true;
    const cache = new FailSafeCache({
      getMany: async (keys) => {
        if (broken) throw new Error('Database has been closed');
        return keys.map(() => undefined);
      },
      putMany: async () => {},
    });
    for (let i = 0; i < 5; i++) await cache.getMany(['k']);
    expect(warn).toHaveBeenCalledTimes(1);
    broken = false;
    await cache.getMany(['k']);
    expect(cache.health()).toEqual({ state: 'working' });
    broken = true;
    await cache.getMany(['k']);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('stops waiting for a cache that does not answer', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cache = new FailSafeCache({ getMany: () => new Promise(() => {}), putMany: () => new Promise(() => {}) }, 1000);
    const read = cache.getMany(['k']);
    const write = cache.putMany([ENTRY]);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(read).resolves.toEqual([undefined]);
    await expect(write).resolves.toBeUndefined();
    expect(cache.health()).toMatchObject({ state: 'failing', lastError: 'Error: the cache did not write within 1 s' });
  });

  it('does not serve an entry that holds no translation', async () => {
    const blank = { ...ENTRY, translation: '  ' };
    const cache = new FailSafeCache({ getMany: async () => [blank, ENTRY], putMany: async () => {} });
    expect(await cache.getMany(['a', 'b'])).toEqual([undefined, ENTRY]);
  });
});
