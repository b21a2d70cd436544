import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CACHE_KEY_VERSION, cacheKey, type CacheKeyParts } from './key';

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

  it('is the same as before tones existed when no tone is given, so existing caches stay valid', async () => {
    // The formula every key was written with before replies: SHA-256 of the JSON array of parts.
    const material = JSON.stringify([CACHE_KEY_VERSION, base.text, base.backend, base.source, base.target]);
    const expected = createHash('sha256').update(material).digest('hex');
    expect(await cacheKey(base)).toBe(expected);
    expect(await cacheKey({ ...base, tone: undefined })).toBe(expected);
    // Pinned as well, so changing the formula and this test together still fails here.
    if (CACHE_KEY_VERSION === 1) expect(expected).toBe('fbd20fae35d2d4945deb7cfec0a1ef3db6a0fc65c680a3c848c936163cdf2ad0');
  });

  it('changes with the tone, and differs between tones', async () => {
    const casual = await cacheKey({ ...base, tone: 'casual' });
    const polite = await cacheKey({ ...base, tone: 'polite' });
    expect(casual).not.toBe(await cacheKey(base));
    expect(polite).not.toBe(await cacheKey(base));
    expect(casual).not.toBe(polite);
    expect(casual).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not confuse parts whose concatenation is the same', async () => {
    const a = await cacheKey({ ...base, text: 'ab', source: 'c' });
    const b = await cacheKey({ ...base, text: 'a', source: 'bc' });
    expect(a).not.toBe(b);
  });
});
