import { afterEach, describe, expect, it } from 'vitest';
import { RedBridgeDb } from '../cache/db';
import { TranslationCache } from '../cache/translation-cache';
import { DEFAULT_SETTINGS, type BackendId, type Settings } from '../settings/schema';
import { TranslationError } from './errors';
import { chunkForBackend, TranslationService, type TranslateOutcome } from './service';
import type { Backend, BackendCapabilities, LanguagePair } from './types';

interface FakeBackend extends Backend {
  /** The texts of every request, in the order requests were made. */
  calls: { texts: string[]; languages: LanguagePair }[];
  /** Most requests that were running at the same time. */
  maxActive: number;
  /** Makes the next requests fail with this error. */
  failWith: Error | null;
}

/** An in-memory backend: answers `<target>:<text>` after `delayMs`, recording every request. */
function fakeBackend(
  options: { id?: BackendId; delayMs?: number; capabilities?: Partial<BackendCapabilities> } = {},
): FakeBackend {
  let active = 0;
  const backend: FakeBackend = {
    id: options.id ?? 'google',
    name: 'Fake',
    capabilities: {
      maxTextsPerRequest: 50,
      maxCharsPerRequest: 10_000,
      needsKey: false,
      runsOn: 'device',
      ...options.capabilities,
    },
    calls: [],
    maxActive: 0,
    failWith: null,
    async translate(texts, languages) {
      backend.calls.push({ texts: [...texts], languages });
      active += 1;
      backend.maxActive = Math.max(backend.maxActive, active);
      try {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
        if (backend.failWith) throw backend.failWith;
        return texts.map((text) => `${languages.target}:${text}`);
      } finally {
        active -= 1;
      }
    },
  };
  return backend;
}

/** Long enough that concurrent calls (hashing, one cache read each) always meet in one batch. */
const BATCH_WINDOW_MS = 30;

let dbCount = 0;
const opened: RedBridgeDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function setup(backend: FakeBackend, options: { maxConcurrentRequests?: number } = {}) {
  const db = new RedBridgeDb(`service-test-${++dbCount}`);
  opened.push(db);
  const cache = new TranslationCache(db);
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const service = new TranslationService({
    cache,
    settings: () => Promise.resolve(settings),
    backendFor: () => backend,
    batchWindowMs: BATCH_WINDOW_MS,
    ...options,
  });
  return {
    service,
    cache,
    setSettings(change: Partial<Settings>) {
      settings = { ...settings, ...change };
    },
  };
}

const allTexts = (backend: FakeBackend) => backend.calls.flatMap((call) => call.texts);
const translations = (outcomes: TranslateOutcome[]) => outcomes.map((o) => (o.ok ? o.translation : o.error.code));

describe('TranslationService', () => {
  it('translates texts in order through the backend', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const outcomes = await service.translate(['你好', '谢谢']);

    expect(outcomes).toEqual([
      { ok: true, translation: 'en:你好', backend: 'google', fromCache: false },
      { ok: true, translation: 'en:谢谢', backend: 'google', fromCache: false },
    ]);
  });

  it('sends identical texts of one call to the backend once', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const outcomes = await service.translate(['你好', '谢谢', '你好', '  你好 ']);

    expect(allTexts(backend).sort()).toEqual(['你好', '谢谢'].sort());
    expect(translations(outcomes)).toEqual(['en:你好', 'en:谢谢', 'en:你好', 'en:你好']);
  });

  it('sends a text asked for by concurrent calls to the backend once', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const [first, second] = await Promise.all([service.translate(['你好']), service.translate(['你好', '谢谢'])]);

    expect(allTexts(backend).filter((text) => text === '你好')).toHaveLength(1);
    expect(translations(first!)).toEqual(['en:你好']);
    expect(translations(second!)).toEqual(['en:你好', 'en:谢谢']);
  });

  it('sends texts from calls within the batch window together', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    await Promise.all([service.translate(['一', '二']), service.translate(['三']), service.translate(['四'])]);

    expect(backend.calls).toHaveLength(1);
    expect(backend.calls[0]!.texts.sort()).toEqual(['一', '二', '三', '四'].sort());
  });

  it('uses as few requests as maxTextsPerRequest allows', async () => {
    const backend = fakeBackend({ capabilities: { maxTextsPerRequest: 4 } });
    const { service } = setup(backend);
    const texts = Array.from({ length: 10 }, (_, i) => `第${i}条评论`);

    const outcomes = await service.translate(texts);

    expect(backend.calls.map((call) => call.texts.length)).toEqual([4, 4, 2]);
    expect(translations(outcomes)).toEqual(texts.map((text) => `en:${text}`));
  });

  it('answers a repeated call from the cache without calling the backend', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    await service.translate(['你好', '谢谢']);
    backend.calls.length = 0;

    const outcomes = await service.translate(['谢谢', '你好']);

    expect(backend.calls).toEqual([]);
    expect(outcomes).toEqual([
      { ok: true, translation: 'en:谢谢', backend: 'google', fromCache: true },
      { ok: true, translation: 'en:你好', backend: 'google', fromCache: true },
    ]);
  });

  it('shares the cache between texts that normalise alike', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    await service.translate(['好看 [赞R]']);
    backend.calls.length = 0;

    const [outcome] = await service.translate(['  好看 ']);

    expect(backend.calls).toEqual([]);
    expect(outcome).toMatchObject({ ok: true, translation: 'en:好看', fromCache: true });
  });

  it('reports a backend error for its texts, does not cache it, and retries later', async () => {
    const backend = fakeBackend();
    const { service, cache } = setup(backend);
    backend.failWith = new TranslationError('rate-limited', 'Fake is rate-limiting requests (HTTP 429)', 429);

    const failed = await service.translate(['你好', '谢谢']);

    expect(failed).toEqual([
      { ok: false, error: { code: 'rate-limited', message: 'Fake is rate-limiting requests (HTTP 429)' } },
      { ok: false, error: { code: 'rate-limited', message: 'Fake is rate-limiting requests (HTTP 429)' } },
    ]);
    expect(await cache.count()).toBe(0);

    backend.failWith = null;
    backend.calls.length = 0;
    const retried = await service.translate(['你好', '谢谢']);

    expect(allTexts(backend)).toEqual(['你好', '谢谢']);
    expect(retried).toEqual([
      { ok: true, translation: 'en:你好', backend: 'google', fromCache: false },
      { ok: true, translation: 'en:谢谢', backend: 'google', fromCache: false },
    ]);
  });

  it('reports an unexpected backend failure as a network error', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    backend.failWith = new Error('socket hang up');

    const [outcome] = await service.translate(['你好']);

    expect(outcome).toEqual({ ok: false, error: { code: 'network', message: expect.stringContaining('socket hang up') } });
  });

  it('rejects a text with nothing to translate without calling the backend', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const [outcome] = await service.translate(['[哇R] @小熊软糖']);

    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(backend.calls).toEqual([]);
  });

  it('reports a backend answer with too few translations as bad-response and caches none of it', async () => {
    const backend = fakeBackend();
    backend.translate = async (texts) => texts.slice(1).map((text) => `en:${text}`);
    const { service, cache } = setup(backend);
    const outcomes = await service.translate(['你好', '谢谢']);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual(['bad-response', 'bad-response']);
    expect(await cache.count()).toBe(0);
  });

  it('runs at most maxConcurrentRequests backend requests at once', async () => {
    const backend = fakeBackend({ delayMs: 20, capabilities: { maxTextsPerRequest: 1 } });
    const { service } = setup(backend, { maxConcurrentRequests: 2 });
    const texts = Array.from({ length: 7 }, (_, i) => `文本${i}`);

    const outcomes = await service.translate(texts);

    expect(backend.calls).toHaveLength(7);
    expect(backend.maxActive).toBe(2);
    expect(translations(outcomes)).toEqual(texts.map((text) => `en:${text}`));
  });

  it('translates again when the target language changes', async () => {
    const backend = fakeBackend();
    const { service, setSettings } = setup(backend);
    await service.translate(['你好']);

    setSettings({ targetLanguage: 'fr' });
    const [outcome] = await service.translate(['你好']);

    expect(backend.calls.map((call) => call.languages)).toEqual([
      { source: 'zh', target: 'en' },
      { source: 'zh', target: 'fr' },
    ]);
    expect(outcome).toEqual({ ok: true, translation: 'fr:你好', backend: 'google', fromCache: false });
  });

  it('translates again when the backend changes', async () => {
    const google = fakeBackend({ id: 'google' });
    const libre = fakeBackend({ id: 'libretranslate' });
    const db = new RedBridgeDb(`service-test-${++dbCount}`);
    opened.push(db);
    let settings: Settings = { ...DEFAULT_SETTINGS, backend: 'google' };
    const service = new TranslationService({
      cache: new TranslationCache(db),
      settings: () => Promise.resolve(settings),
      backendFor: (current) => (current.backend === 'google' ? google : libre),
      batchWindowMs: BATCH_WINDOW_MS,
    });
    await service.translate(['你好']);

    settings = { ...settings, backend: 'libretranslate' };
    const [outcome] = await service.translate(['你好']);

    expect(allTexts(libre)).toEqual(['你好']);
    expect(outcome).toMatchObject({ ok: true, backend: 'libretranslate', fromCache: false });
  });
});

describe('chunkForBackend', () => {
  const backendWith = (maxTextsPerRequest: number, maxCharsPerRequest: number) =>
    fakeBackend({ capabilities: { maxTextsPerRequest, maxCharsPerRequest } });
  const items = (...lengths: number[]) => lengths.map((length, i) => ({ id: i, text: 'x'.repeat(length) }));
  const ids = (chunks: { id: number }[][]) => chunks.map((chunk) => chunk.map((item) => item.id));

  it('fills requests up to the text limit', () => {
    expect(ids(chunkForBackend(items(1, 1, 1, 1, 1), backendWith(2, 100)))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('starts a new request before the character limit is passed', () => {
    expect(ids(chunkForBackend(items(4, 4, 4, 10, 1), backendWith(10, 10)))).toEqual([[0, 1], [2], [3], [4]]);
  });

  it('fills a request exactly to the character limit', () => {
    expect(ids(chunkForBackend(items(5, 5, 1), backendWith(10, 10)))).toEqual([[0, 1], [2]]);
  });

  it('sends a text longer than the character limit alone', () => {
    expect(ids(chunkForBackend(items(1, 30, 1), backendWith(10, 10)))).toEqual([[0], [1], [2]]);
  });

  it('makes no request for no texts', () => {
    expect(chunkForBackend([], backendWith(10, 10))).toEqual([]);
  });
});
