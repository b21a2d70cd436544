import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAST_CAPABILITIES } from '../../tests/unit/fast-capabilities';
import { RedBridgeDb } from '../cache/db';
import { TranslationCache } from '../cache/translation-cache';
import { DEFAULT_SETTINGS, type BackendId, type Settings } from '../settings/schema';
import { TranslationError } from './errors';
import type { TranslateOutcome } from '../messaging/wire';
import { TranslationService } from './service';
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
    capabilities: { ...FAST_CAPABILITIES, ...options.capabilities },
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

/** Retries and pauses short enough for a unit test, long enough to measure. */
const FAST_QUEUES = {
  batchWindowMs: BATCH_WINDOW_MS,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 300 },
  breaker: { failureThreshold: 2, basePauseMs: 300, maxPauseMs: 1000 },
};

function setup(primary: FakeBackend, ...fallbacks: FakeBackend[]) {
  const db = new RedBridgeDb(`service-test-${++dbCount}`);
  opened.push(db);
  const cache = new TranslationCache(db);
  const all = [primary, ...fallbacks];
  let settings: Settings = { ...DEFAULT_SETTINGS, backend: primary.id, fallbacks: fallbacks.map((b) => b.id) };
  const service = new TranslationService({
    cache,
    settings: () => Promise.resolve(settings),
    backendFor: (_, id) => all.find((backend) => backend.id === id)!,
    queue: FAST_QUEUES,
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

  it('looks texts up in the cache without asking a backend: hits as translations, misses as null', async () => {
    const primary = fakeBackend({ id: 'google' });
    const fallback = fakeBackend({ id: 'libretranslate' });
    const { service } = setup(primary, fallback);
    await service.translate(['你好']);
    primary.failWith = new TranslationError('auth', 'Key refused');
    await service.translate(['谢谢']);
    const callsBefore = primary.calls.length + fallback.calls.length;

    const found = await service.cached(['  你好 ', '没见过', '谢谢']);

    expect(primary.calls.length + fallback.calls.length).toBe(callsBefore);
    expect(found).toEqual([
      { ok: true, translation: 'en:你好', backend: 'google', fromCache: true },
      null,
      // What the fallback translated is found under the fallback.
      { ok: true, translation: 'en:谢谢', backend: 'libretranslate', fromCache: true },
    ]);
  });

  it('counts a cache lookup’s hits in the cache use, and leaves its misses to the translation', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    await service.translate(['你好']);
    const before = service.cacheUse();

    await service.cached(['你好', '没见过']);

    expect(service.cacheUse()).toEqual({ lookups: before.lookups + 1, hits: before.hits + 1 });
  });

  it('shares the cache between texts that normalise alike', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    await service.translate(['好看  呀']);
    backend.calls.length = 0;

    const [outcome] = await service.translate(['  好看 呀 ']);

    expect(backend.calls).toEqual([]);
    expect(outcome).toMatchObject({ ok: true, translation: 'en:好看 呀', fromCache: true });
  });

  it('translates every text through a cache that throws on every call, and says the cache is failing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backend = fakeBackend();
    const { service, cache } = setup(backend);
    const closed = () => Promise.reject(new Error('DatabaseClosedError: Database has been closed'));
    cache.getMany = closed;
    cache.putMany = closed;

    expect(translations(await service.translate(['你好', '谢谢']))).toEqual(['en:你好', 'en:谢谢']);
    expect(await service.cached(['你好'])).toEqual([null]);
    expect((await service.health()).cache).toEqual({
      state: 'failing',
      lastError: 'Error: DatabaseClosedError: Database has been closed',
    });
    vi.restoreAllMocks();
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

  it('reports an unexpected backend failure as a bad answer, with its message', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    backend.failWith = new Error('socket hang up');

    const [outcome] = await service.translate(['你好']);

    expect(outcome).toEqual({ ok: false, error: { code: 'bad-response', message: 'Fake failed: socket hang up' } });
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
    const backend = fakeBackend({ delayMs: 20, capabilities: { maxTextsPerRequest: 1, maxConcurrentRequests: 2 } });
    const { service } = setup(backend);
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
    let settings: Settings = { ...DEFAULT_SETTINGS, backend: 'google', fallbacks: [] };
    const service = new TranslationService({
      cache: new TranslationCache(db),
      settings: () => Promise.resolve(settings),
      backendFor: (_, id) => (id === 'google' ? google : libre),
      queue: FAST_QUEUES,
    });
    await service.translate(['你好']);

    settings = { ...settings, backend: 'libretranslate' };
    const [outcome] = await service.translate(['你好']);

    expect(allTexts(libre)).toEqual(['你好']);
    expect(outcome).toMatchObject({ ok: true, backend: 'libretranslate', fromCache: false });
  });
});


describe('TranslationService fallback chain', () => {
  const rateLimited = (retryAfterMs?: number) =>
    new TranslationError('rate-limited', 'Fake is rate-limiting requests (HTTP 429)', 429, retryAfterMs);

  it('retries a passing failure with backoff and keeps the primary when it recovers', async () => {
    const google = fakeBackend({ id: 'google' });
    const microsoft = fakeBackend({ id: 'microsoft' });
    const { service } = setup(google, microsoft);
    const translate = google.translate.bind(google);
    let failures = 2;
    google.translate = async (texts, languages, signal) => {
      if (failures-- > 0) throw rateLimited();
      return translate(texts, languages, signal);
    };

    const [outcome] = await service.translate(['你好']);

    expect(outcome).toMatchObject({ ok: true, translation: 'en:你好', backend: 'google' });
    expect(microsoft.calls).toEqual([]);
  });

  it('sends a unit to the fallback after the primary’s retries, and caches it under the fallback', async () => {
    const google = fakeBackend({ id: 'google' });
    const microsoft = fakeBackend({ id: 'microsoft' });
    const { service } = setup(google, microsoft);
    google.failWith = rateLimited();

    const outcomes = await service.translate(['你好', '谢谢']);

    expect(google.calls).toHaveLength(FAST_QUEUES.retry.attempts);
    expect(outcomes).toEqual([
      { ok: true, translation: 'en:你好', backend: 'microsoft', fromCache: false },
      { ok: true, translation: 'en:谢谢', backend: 'microsoft', fromCache: false },
    ]);

    google.calls.length = 0;
    microsoft.calls.length = 0;
    const again = await service.translate(['你好']);
    expect(again).toEqual([{ ok: true, translation: 'en:你好', backend: 'microsoft', fromCache: true }]);
    expect([...google.calls, ...microsoft.calls]).toEqual([]);
  });

  it('sends a text the primary answered with nothing to the fallback, and caches nothing for the primary', async () => {
    const google = fakeBackend({ id: 'google' });
    const microsoft = fakeBackend({ id: 'microsoft' });
    const { service, setSettings } = setup(google, microsoft);
    google.translate = async (texts) => texts.map(() => '');

    const outcomes = await service.translate(['你好', '谢谢']);

    expect(outcomes).toEqual([
      { ok: true, translation: 'en:你好', backend: 'microsoft', fromCache: false },
      { ok: true, translation: 'en:谢谢', backend: 'microsoft', fromCache: false },
    ]);
    // Only Google in the chain: had its blank answer been cached, it would be served now.
    setSettings({ fallbacks: [] });
    expect(await service.cached(['你好', '谢谢'])).toEqual([null, null]);
  });

  it('does not retry a refused key but goes straight to the fallback', async () => {
    const deepl = fakeBackend({ id: 'deepl' });
    const google = fakeBackend({ id: 'google' });
    const { service } = setup(deepl, google);
    deepl.failWith = new TranslationError('auth', 'DeepL refused the API key (HTTP 403)', 403);

    const [outcome] = await service.translate(['你好']);

    expect(deepl.calls).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: true, backend: 'google' });
  });

  it('waits for the backend’s Retry-After before asking again', async () => {
    const google = fakeBackend({ id: 'google' });
    const { service } = setup(google);
    const translate = google.translate.bind(google);
    const times: number[] = [];
    google.translate = async (texts, languages, signal) => {
      times.push(Date.now());
      if (times.length === 1) throw rateLimited(150);
      return translate(texts, languages, signal);
    };

    const [outcome] = await service.translate(['你好']);

    expect(outcome).toMatchObject({ ok: true, backend: 'google' });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(145);
  });

  it('pauses a backend whose Retry-After is too long to wait for, and asks it again after the pause', async () => {
    const google = fakeBackend({ id: 'google' });
    const microsoft = fakeBackend({ id: 'microsoft' });
    const { service } = setup(google, microsoft);
    google.failWith = rateLimited(400);

    const [first] = await service.translate(['一']);
    expect(first).toMatchObject({ ok: true, backend: 'microsoft' });
    expect(google.calls).toHaveLength(1);

    google.failWith = null;
    const [during] = await service.translate(['二']);
    expect(during).toMatchObject({ ok: true, backend: 'microsoft' });
    expect(google.calls).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 450));
    const [after] = await service.translate(['三']);
    expect(after).toMatchObject({ ok: true, backend: 'google' });
  });

  it('opens the circuit after repeated failures: the paused primary gets no requests until its pause ends', async () => {
    const google = fakeBackend({ id: 'google' });
    const microsoft = fakeBackend({ id: 'microsoft' });
    const { service } = setup(google, microsoft);
    google.failWith = new TranslationError('server', 'Fake had a server error (HTTP 500)', 500);

    await service.translate(['一']);
    await service.translate(['二']);
    const callsWhenOpened = google.calls.length;
    expect(callsWhenOpened).toBe(2 * FAST_QUEUES.retry.attempts);

    const [during] = await service.translate(['三']);
    expect(during).toMatchObject({ ok: true, backend: 'microsoft' });
    expect(google.calls).toHaveLength(callsWhenOpened);

    google.failWith = null;
    await new Promise((resolve) => setTimeout(resolve, FAST_QUEUES.breaker.basePauseMs + 50));
    const [after] = await service.translate(['四']);
    expect(after).toMatchObject({ ok: true, backend: 'google' });
  });

  it('reports the primary’s error, and what the fallbacks said, when every backend fails', async () => {
    const google = fakeBackend({ id: 'google' });
    const microsoft = fakeBackend({ id: 'microsoft' });
    const { service, cache } = setup(google, microsoft);
    google.failWith = rateLimited();
    microsoft.failWith = new TranslationError('server', 'Microsoft had a server error (HTTP 500)', 500);

    const [outcome] = await service.translate(['你好']);

    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'rate-limited',
        message:
          'Fake is rate-limiting requests (HTTP 429). Fallbacks failed too (Fake: Microsoft had a server error (HTTP 500))',
      },
    });
    expect(await cache.count()).toBe(0);
  });
});

describe('TranslationService text preparation', () => {
  it('sends hashtags, mentions, links and emoji as placeholders and restores them byte-identical', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    const text = '#大理旅行 好美🌊 问 @小熊软糖 [笑哭R] https://xhslink.com/a/9kQ';

    const [outcome] = await service.translate([text]);

    const sent = allTexts(backend).join('\n');
    for (const token of ['#大理旅行', '🌊', '@小熊软糖', '[笑哭R]', 'https://xhslink.com/a/9kQ']) {
      expect(sent).not.toContain(token);
      expect(outcome!.ok && outcome!.translation).toContain(token);
    }
  });

  it('keeps only the mentions the page marked as names, and translates a plain @ with its words', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const outcomes = await service.translate(['@一下他们哈哈哈', '@小熊软糖 快看'], { mentions: [[], ['@小熊软糖']] });

    expect(allTexts(backend)).toEqual(['@一下他们哈哈哈', '{0} 快看']);
    expect(translations(outcomes)).toEqual(['en:@一下他们哈哈哈', 'en:@小熊软糖 快看']);
  });

  it('caches a text with an @ apart for marked and guessed mentions, since they translate differently', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    await service.translate(['@一下他们哈哈哈'], { mentions: [[]] });

    expect(await service.cached(['@一下他们哈哈哈'])).toEqual([null]);
    expect(await service.cached(['@一下他们哈哈哈'], [[]])).toMatchObject([{ ok: true, fromCache: true }]);
  });

  it('translates the plain text when a backend mangles a placeholder', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);
    backend.translate = async (texts, languages) => {
      backend.calls.push({ texts: [...texts], languages });
      return texts.map((text) => `en:${text.replace(/\{\d+\}/g, '{9}')}`);
    };

    const [outcome] = await service.translate(['好美🌊 真的']);

    expect(allTexts(backend)).toEqual([expect.stringMatching(/\{0\}/), '好美🌊 真的']);
    expect(outcome).toMatchObject({ ok: true, translation: 'en:好美🌊 真的' });
  });

  it('splits a text longer than the backend’s limit at sentences and joins the translations in order', async () => {
    const backend = fakeBackend({ capabilities: { maxCharsPerRequest: 12 } });
    const { service } = setup(backend);
    const text = '第一句话很长很长。第二句话也很长。第三句话结束！';

    const [outcome] = await service.translate([text]);

    expect(allTexts(backend)).toEqual(['第一句话很长很长。', '第二句话也很长。', '第三句话结束！']);
    expect(outcome).toMatchObject({ ok: true, translation: 'en:第一句话很长很长。 en:第二句话也很长。 en:第三句话结束！' });
  });

  it('explains the slang a machine translation met, and leaves it to an LLM otherwise', async () => {
    const machine = fakeBackend({ id: 'google' });
    const { service } = setup(machine);
    const [fromMachine] = await service.translate(['这支口红绝绝子 yyds']);
    expect(fromMachine!.ok && fromMachine!.slang?.map((entry) => entry.term)).toEqual(['绝绝子', 'yyds']);

    const llm = fakeBackend({ id: 'openai', capabilities: { kind: 'llm' } });
    const { service: llmService } = setup(llm);
    const [fromLlm] = await llmService.translate(['这支口红绝绝子']);
    expect(fromLlm).toMatchObject({ ok: true, backend: 'openai' });
    expect(fromLlm!.ok && fromLlm!.slang).toBeUndefined();
  });

  it('asks only the backend the reader chose, and caches its answer under it', async () => {
    const google = fakeBackend({ id: 'google' });
    const deepl = fakeBackend({ id: 'deepl' });
    const { service } = setup(google, deepl);
    await service.translate(['你好']);
    const [chosen] = await service.translate(['你好'], { only: 'deepl' });
    const [again] = await service.translate(['你好'], { only: 'deepl' });
    expect(chosen).toMatchObject({ ok: true, backend: 'deepl', fromCache: false });
    expect(again).toMatchObject({ ok: true, backend: 'deepl', fromCache: true });
    expect(google.calls).toHaveLength(1);
    expect(deepl.calls).toHaveLength(1);
  });

  it('explains no slang when slang notes are turned off, cached or not', async () => {
    const machine = fakeBackend({ id: 'google' });
    const { service, setSettings } = setup(machine);
    setSettings({ slangNotes: false });
    const [fresh] = await service.translate(['这支口红绝绝子 yyds']);
    const [cached] = await service.translate(['这支口红绝绝子 yyds']);
    expect(fresh).toMatchObject({ ok: true, fromCache: false });
    expect(fresh).not.toHaveProperty('slang');
    expect(cached).toMatchObject({ ok: true, fromCache: true });
    expect(cached).not.toHaveProperty('slang');
  });
});

describe('TranslationService directions and tones', () => {
  /** An LLM-kind fake whose answer depends on the tone, as a real model's does: `<target>/<tone>:<text>`. */
  function toneFollowingLlm(): FakeBackend {
    const backend = fakeBackend({ id: 'openai', capabilities: { kind: 'llm' } });
    backend.translate = async (texts, languages) => {
      backend.calls.push({ texts: [...texts], languages });
      if (backend.failWith) throw backend.failWith;
      return texts.map((text) => `${languages.target}/${languages.tone ?? 'none'}:${text}`);
    };
    return backend;
  }

  const reply = 'Where was this taken?';

  it('sends a reply from English into the reply language, with the tone asked for', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const [outcome] = await service.translate([reply], { direction: 'reply', tone: 'polite' });

    expect(backend.calls.map((call) => call.languages)).toEqual([{ source: 'en', target: 'zh-CN', tone: 'polite' }]);
    expect(outcome).toMatchObject({ ok: true, translation: `zh-CN:${reply}` });
  });

  it('follows the replyLanguage setting, and takes the replyTone setting when no tone is asked for', async () => {
    const backend = fakeBackend();
    const { service, setSettings } = setup(backend);
    setSettings({ replyLanguage: 'zh-TW', replyTone: 'polite' });

    await service.translate([reply], { direction: 'reply' });

    expect(backend.calls.map((call) => call.languages)).toEqual([{ source: 'en', target: 'zh-TW', tone: 'polite' }]);
  });

  it('checks a reply from the reply language back into English, without a tone', async () => {
    const backend = fakeBackend();
    const { service, setSettings } = setup(backend);
    setSettings({ replyLanguage: 'zh-TW', targetLanguage: 'fr' });

    const [outcome] = await service.translate(['請問在哪裡拍的？'], { direction: 'check', tone: 'polite' });

    // English whatever the reading language: the user wrote the reply in English.
    expect(backend.calls.map((call) => call.languages)).toEqual([{ source: 'zh-TW', target: 'en' }]);
    expect(outcome).toEqual({ ok: true, translation: 'en:請問在哪裡拍的？', backend: 'google', fromCache: false });
  });

  it('reads from Chinese into the target language by default, ignoring a tone', async () => {
    const backend = fakeBackend();
    const { service } = setup(backend);

    const [outcome] = await service.translate(['你好'], { tone: 'polite' });

    expect(backend.calls.map((call) => call.languages)).toEqual([{ source: 'zh', target: 'en' }]);
    expect(outcome).toEqual({ ok: true, translation: 'en:你好', backend: 'google', fromCache: false });
  });

  it('caches an LLM’s reply per tone: polite and casual are separate translations', async () => {
    const llm = toneFollowingLlm();
    const { service } = setup(llm);

    const [casual] = await service.translate([reply], { direction: 'reply', tone: 'casual' });
    const [polite] = await service.translate([reply], { direction: 'reply', tone: 'polite' });
    const [casualAgain] = await service.translate([reply], { direction: 'reply', tone: 'casual' });
    const [politeAgain] = await service.translate([reply], { direction: 'reply', tone: 'polite' });

    expect(casual).toMatchObject({ ok: true, translation: `zh-CN/casual:${reply}`, fromCache: false });
    expect(polite).toMatchObject({ ok: true, translation: `zh-CN/polite:${reply}`, fromCache: false });
    expect(casualAgain).toMatchObject({ ok: true, translation: `zh-CN/casual:${reply}`, fromCache: true });
    expect(politeAgain).toMatchObject({ ok: true, translation: `zh-CN/polite:${reply}`, fromCache: true });
    expect(llm.calls.map((call) => call.languages.tone)).toEqual(['casual', 'polite']);
  });

  it('does not serve a reply a fallback translated once the primary LLM is back, so the tone is followed', async () => {
    const llm = toneFollowingLlm();
    const machine = fakeBackend({ id: 'google' });
    const { service } = setup(llm, machine);
    llm.failWith = new TranslationError('auth', 'The key was refused (HTTP 401)', 401);

    const [fromFallback] = await service.translate([reply], { direction: 'reply', tone: 'polite' });
    llm.failWith = null;
    const [again] = await service.translate([reply], { direction: 'reply', tone: 'polite' });

    expect(fromFallback).toMatchObject({ ok: true, backend: 'google', toneApplied: false });
    expect(again).toMatchObject({ ok: true, backend: 'openai', translation: `zh-CN/polite:${reply}`, toneApplied: true });
  });

  it('caches a machine backend’s reply once for every tone, since its output does not depend on it', async () => {
    const machine = fakeBackend();
    const { service } = setup(machine);

    await service.translate([reply], { direction: 'reply', tone: 'casual' });
    const [polite] = await service.translate([reply], { direction: 'reply', tone: 'polite' });

    expect(machine.calls).toHaveLength(1);
    expect(polite).toMatchObject({ ok: true, translation: `zh-CN:${reply}`, fromCache: true, toneApplied: false });
  });

  it('sends casual and polite texts asked for at once in separate requests, each with its tone', async () => {
    const llm = toneFollowingLlm();
    const { service } = setup(llm);

    const [[casual], [polite]] = await Promise.all([
      service.translate(['Nice!'], { direction: 'reply', tone: 'casual' }),
      service.translate(['Thanks!'], { direction: 'reply', tone: 'polite' }),
    ]);

    expect(llm.calls.map((call) => [call.texts, call.languages.tone]).sort()).toEqual([
      [['Nice!'], 'casual'],
      [['Thanks!'], 'polite'],
    ]);
    expect(casual).toMatchObject({ translation: 'zh-CN/casual:Nice!' });
    expect(polite).toMatchObject({ translation: 'zh-CN/polite:Thanks!' });
  });

  it('says whether the tone was applied: yes for an LLM, no for a machine backend, fresh or cached', async () => {
    const { service: llmService } = setup(toneFollowingLlm());
    const { service: machineService } = setup(fakeBackend());

    for (let round = 0; round < 2; round++) {
      const [fromLlm] = await llmService.translate([reply], { direction: 'reply', tone: 'polite' });
      const [fromMachine] = await machineService.translate([reply], { direction: 'reply', tone: 'polite' });
      expect(fromLlm).toMatchObject({ ok: true, toneApplied: true, fromCache: round === 1 });
      expect(fromMachine).toMatchObject({ ok: true, toneApplied: false, fromCache: round === 1 });
    }
  });

  it('leaves toneApplied out when no tone was involved (reading and checking)', async () => {
    const { service } = setup(toneFollowingLlm());

    const [read] = await service.translate(['你好']);
    const [check] = await service.translate(['你好呀'], { direction: 'check' });

    expect(read).toMatchObject({ ok: true });
    expect(read).not.toHaveProperty('toneApplied');
    expect(check).toMatchObject({ ok: true });
    expect(check).not.toHaveProperty('toneApplied');
  });

  it('never explains slang for a reply or its check, only when reading', async () => {
    const machine = fakeBackend();
    const { service } = setup(machine);

    const [replied] = await service.translate(['This lipstick is yyds'], { direction: 'reply', tone: 'casual' });
    const [checked] = await service.translate(['这支口红绝绝子 yyds'], { direction: 'check' });
    const [read] = await service.translate(['这支口红绝绝子 yyds']);

    expect(replied).toMatchObject({ ok: true });
    expect(replied).not.toHaveProperty('slang');
    expect(checked).toMatchObject({ ok: true });
    expect(checked).not.toHaveProperty('slang');
    expect(read!.ok && read!.slang?.map((entry) => entry.term)).toEqual(['绝绝子', 'yyds']);
  });
});
