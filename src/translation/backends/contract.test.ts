import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeBackend } from '../../../tests/fakes/fake-backend';
import { startFakeDeepl } from '../../../tests/fakes/fake-deepl';
import { startFakeGoogle } from '../../../tests/fakes/fake-google';
import { startFakeLibreTranslate } from '../../../tests/fakes/fake-libretranslate';
import { startFakeMicrosoft } from '../../../tests/fakes/fake-microsoft';
import { startFakeOpenAi } from '../../../tests/fakes/fake-openai';
import { FAKE_REPLIES, fakeTranslate } from '../../../tests/fakes/fake-translation';
import { RedBridgeDb } from '../../cache/db';
import { TranslationCache } from '../../cache/translation-cache';
import { DEFAULT_SETTINGS, type BackendId, type Settings } from '../../settings/schema';
import { BACKEND_IDS } from '../../settings/schema';
import { createBackend } from './registry';
import { TranslationService } from '../service';

/** The backends that speak HTTP; Chrome's on-device one has its own tests. */
type HttpBackendId = Exclude<BackendId, 'chrome'>;

const DEEPL_KEY = 'contract-test-key:fx';

/** Settings that make one backend the only one, pointed at its local fake. */
const pointedAt: Record<HttpBackendId, (url: string) => Settings> = {
  google: (url) => only('google', { google: { host: url } }),
  microsoft: (url) => only('microsoft', { microsoft: { authUrl: `${url}/translate/auth`, translateUrl: `${url}/translate` } }),
  deepl: (url) => only('deepl', { deepl: { apiKey: DEEPL_KEY, apiUrl: url } }),
  libretranslate: (url) => only('libretranslate', { libretranslate: { url, apiKey: '' } }),
  openai: (url) => only('openai', { openai: { baseUrl: `${url}/v1`, apiKey: '', model: 'test-model' } }),
};

function only(backend: BackendId, backends: Partial<Settings['backends']>): Settings {
  return { ...DEFAULT_SETTINGS, backend, fallbacks: [], backends: { ...DEFAULT_SETTINGS.backends, ...backends } };
}

const fakes: Record<HttpBackendId, () => Promise<FakeBackend>> = {
  google: startFakeGoogle,
  microsoft: () => startFakeMicrosoft(),
  deepl: () => startFakeDeepl({ apiKey: DEEPL_KEY }),
  libretranslate: () => startFakeLibreTranslate(),
  openai: () => startFakeOpenAi(),
};

const HTTP_BACKENDS = Object.keys(fakes) as HttpBackendId[];
const zhToEn = { source: 'zh', target: 'en' };
const signal = () => AbortSignal.timeout(5000);
/** Requests that carried texts (Microsoft also asks for a token first). */
const translateRequests = (fake: FakeBackend) => fake.requests.filter((request) => request.texts.length > 0);

it('covers every backend but the on-device one', () => {
  expect([...HTTP_BACKENDS, 'chrome'].sort()).toEqual([...BACKEND_IDS].sort());
});

/**
 * What every backend promises the service, checked against each backend's fake server on
 * 127.0.0.1: translations in order, and the same error codes for the same failures.
 */
describe.each(HTTP_BACKENDS)('the %s backend against its fake', (id) => {
  async function started() {
    const fake = await fakes[id]();
    onTestFinished(() => fake.close());
    return { fake, settings: pointedAt[id](fake.url), backend: createBackend(pointedAt[id](fake.url), id) };
  }

  it('returns one translation per text, in order', async () => {
    const { backend } = await started();
    const texts = ['你好', '谢谢你', '这个攻略也太详细了吧'];
    expect(await backend.translate(texts, zhToEn, signal())).toEqual(texts.map(fakeTranslate));
  });

  // Each fake answers in the language its request names: Chinese only if the adapter sent the target right.
  it('translates replies from English into Chinese, and the Chinese back into English', async () => {
    const { backend } = await started();
    const replies = [FAKE_REPLIES.whereTaken, FAKE_REPLIES.thanks];

    const chinese = await backend.translate(
      replies.map((reply) => reply.english),
      { source: 'en', target: 'zh-CN' },
      signal(),
    );
    const english = await backend.translate(chinese, { source: 'zh-CN', target: 'en' }, signal());

    expect(chinese).toEqual(replies.map((reply) => reply.chinese));
    expect(english).toEqual(replies.map((reply) => reply.backTranslation));
  });

  it('translates a polite reply through the service, following the tone only if it is an LLM', async () => {
    const { settings } = await started();
    const db = new RedBridgeDb(`contract-reply-${id}-${Date.now()}`);
    onTestFinished(() => db.close());
    const service = new TranslationService({ cache: new TranslationCache(db), settings: async () => settings });
    const { english, chinese, politeChinese } = FAKE_REPLIES.whereTaken;
    const llm = createBackend(settings, id).capabilities.kind === 'llm';

    const [outcome] = await service.translate([english], { direction: 'reply', tone: 'polite' });

    expect(outcome).toEqual({
      ok: true,
      translation: llm ? politeChinese : chinese,
      backend: id,
      fromCache: false,
      toneApplied: llm,
    });
  });

  it.each([
    [429, 'rate-limited'],
    [500, 'server'],
  ])('rejects an HTTP %i answer with code %s', async (status, code) => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'fail', status });
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code, status });
  });

  it('reads Retry-After from a 429 answer', async () => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'fail', status: 429, retryAfterSeconds: 7 });
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'rate-limited', retryAfterMs: 7000 });
  });

  it('rejects with timeout when the answer comes too late', async () => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'slow', delayMs: 2000 });
    await expect(backend.translate(['你好'], zhToEn, AbortSignal.timeout(300))).rejects.toMatchObject({ code: 'timeout' });
    expect(translateRequests(fake)).toHaveLength(1);
  });

  it('rejects with timeout, after one request, when the answer’s body stalls', async () => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'stalled-body', delayMs: 2000 });
    await expect(backend.translate(['你好', '谢谢你', '再见'], zhToEn, AbortSignal.timeout(300))).rejects.toMatchObject({ code: 'timeout' });
    expect(translateRequests(fake)).toHaveLength(1);
  });

  it('rejects with network when nothing listens at the address', async () => {
    const { fake, backend } = await started();
    await fake.close();
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects with bad-response when a 200 answer is not JSON', async () => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'malformed' });
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('keeps hashtags, mentions, links and emoji byte-identical through the service, never sending them', async () => {
    const { fake, settings } = await started();
    const db = new RedBridgeDb(`contract-${id}-${Date.now()}`);
    onTestFinished(() => db.close());
    const service = new TranslationService({ cache: new TranslationCache(db), settings: async () => settings });
    const tokens = ['#大理旅行', '#旅行攻略[话题]#', '@小鹿今天不加班', 'https://xhslink.com/a/9kQpZ2mXv', '[笑哭R]', '[doge]', '🌊', '👍🏽'];
    const texts = [
      '姐妹们冲！#大理旅行 #旅行攻略[话题]# 问 @小鹿今天不加班 就好',
      '链接在这 https://xhslink.com/a/9kQpZ2mXv 绝绝子[笑哭R][doge]',
      '好美🌊 点赞👍🏽',
    ];

    const outcomes = await service.translate(texts);

    const sent = translateRequests(fake).flatMap((request) => request.texts).join('\n');
    outcomes.forEach((outcome, i) => {
      expect(outcome.ok).toBe(true);
      const translation = outcome.ok ? outcome.translation : '';
      for (const token of tokens.filter((token) => texts[i]!.includes(token))) {
        expect(translation).toContain(token);
        expect(sent).not.toContain(token);
      }
    });
  });
});
