import { describe, expect, it } from 'vitest';
import { cacheKey, type CacheKeyParts } from './key';

const base: CacheKeyParts = { text: '救命 这个攻略也太详细了吧', backend: 'google', source: 'zh', target: 'en' };

describe('cacheKey', () => {
  it('is 64 lowercase hex characters', async () => {
    expect(await cacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has the same length for a very long text', async () => {
    expect(await cacheKey({ ...base, text: '长'.repeat(20_000) })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same parts', async () => {
    expect(await cacheKey({ ...base })).toBe(await cacheKey(base));
  });

  it.each<[string, Partial<CacheKeyParts>]>([
    ['text', { text: '救命 这个攻略也太详细了' }],
    ['backend', { backend: 'libretranslate' }],
    ['source', { source: 'zh-Hant' }],
    ['target', { target: 'fr' }],
  ])('changes when the %s changes', async (_part, change) => {
    expect(await cacheKey({ ...base, ...change })).not.toBe(await cacheKey(base));
  });

  it('does not confuse parts whose concatenation is the same', async () => {
    const a = await cacheKey({ ...base, text: 'ab', source: 'c' });
    const b = await cacheKey({ ...base, text: 'a', source: 'bc' });
    expect(a).not.toBe(b);
  });
});
