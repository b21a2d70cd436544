import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../settings/schema';
import {
  answerOffscreenMessage,
  NOT_IN_THIS_BROWSER,
  type OffscreenTranslateRequest,
  type TranslatorApi,
} from '../../on-device-translator';
import type { OffscreenHost } from '../../../background/offscreen-channel';
import { createChromeBuiltinBackend, OffscreenTranslator } from './index';
import { failureOf } from '../../../../tests/unit/thrown-by';

const zhToEn = { source: 'zh', target: 'en' };
const EXTENSION_ID = 'redbridge';

/** A Translator whose pack is on the device (or not); translations are `[target] text`. */
function fakeTranslatorApi(availability = 'available'): TranslatorApi & { created: number } {
  return {
    created: 0,
    async availability() {
      return availability;
    },
    async create(pair) {
      this.created += 1;
      return { translate: async (text: string) => `[${pair.targetLanguage}] ${text}`, destroy() {} };
    },
  };
}

/**
 * Chrome's offscreen API and runtime messaging, with the offscreen page's real listener
 * (`answerOffscreenMessage`) behind `sendMessage`. Messages are cloned like Chrome does.
 */
function fakeOffscreenHost(api: TranslatorApi | undefined) {
  const state = { open: false, created: 0, sent: 0, failCreate: undefined as Error | undefined, silent: false };
  const host: OffscreenHost = {
    async hasDocument() {
      return state.open;
    },
    async createDocument() {
      // Let concurrent callers interleave, as the real asynchronous API does.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.failCreate) throw state.failCreate;
      if (state.open) throw new Error('Only a single offscreen document may be created.');
      state.created += 1;
      state.open = true;
    },
    async sendMessage(message: OffscreenTranslateRequest) {
      state.sent += 1;
      if (!state.open || state.silent) throw new Error('Could not establish connection. Receiving end does not exist.');
      const answer = answerOffscreenMessage(structuredClone(message), { id: EXTENSION_ID }, EXTENSION_ID, api);
      return answer === undefined ? undefined : structuredClone(await answer);
    },
  };
  return { host, state };
}

const signal = () => AbortSignal.timeout(5000);

describe('createChromeBuiltinBackend', () => {
  it('describes itself as an on-device machine translator', () => {
    const backend = createChromeBuiltinBackend(DEFAULT_SETTINGS);
    expect(backend.id).toBe('chrome');
    expect(backend.name).toBe("Chrome's on-device translator");
    expect(backend.capabilities).toEqual({
      maxTextsPerRequest: 20,
      maxCharsPerRequest: 5000,
      kind: 'machine',
      maxConcurrentRequests: 1,
      requestsPerSecond: 20,
      burst: 20,
    });
  });

  it("uses this context's Translator when it has one, without opening an offscreen page", async () => {
    const api = fakeTranslatorApi();
    const offscreen = fakeOffscreenHost(fakeTranslatorApi());
    const backend = createChromeBuiltinBackend(DEFAULT_SETTINGS, {
      localApi: () => api,
      offscreen: () => new OffscreenTranslator(offscreen.host),
    });
    expect(await backend.translate(['一', '二'], zhToEn, signal())).toEqual(['[en] 一', '[en] 二']);
    expect(offscreen.state.sent).toBe(0);
  });

  it('goes through the offscreen page when this context has no Translator', async () => {
    const { host, state } = fakeOffscreenHost(fakeTranslatorApi());
    const offscreen = new OffscreenTranslator(host);
    const backend = createChromeBuiltinBackend(DEFAULT_SETTINGS, { localApi: () => undefined, offscreen: () => offscreen });
    expect(await backend.translate(['一', '二', '三'], zhToEn, signal())).toEqual(['[en] 一', '[en] 二', '[en] 三']);
    expect(state.created).toBe(1);
  });

  it('is unavailable with a clear message where there is neither (Firefox)', async () => {
    const backend = createChromeBuiltinBackend(DEFAULT_SETTINGS, { localApi: () => undefined, offscreen: () => undefined });
    const error = await failureOf(backend.translate(['你好'], zhToEn, signal()));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(NOT_IN_THIS_BROWSER);
  });
});

describe('OffscreenTranslator', () => {
  it('opens one document for concurrent first calls and reuses it', async () => {
    const api = fakeTranslatorApi();
    const { host, state } = fakeOffscreenHost(api);
    const offscreen = new OffscreenTranslator(host);
    const results = await Promise.all([
      offscreen.translate(['一'], zhToEn),
      offscreen.translate(['二'], zhToEn),
      offscreen.translate(['三'], { source: 'zh', target: 'de' }),
    ]);
    expect(results).toEqual([['[en] 一'], ['[en] 二'], ['[de] 三']]);
    await offscreen.translate(['四'], zhToEn);
    expect(state.created).toBe(1);
    expect(api.created).toBe(2);
  });

  it('uses the document a previous service worker left open', async () => {
    const { host, state } = fakeOffscreenHost(fakeTranslatorApi());
    state.open = true;
    expect(await new OffscreenTranslator(host).translate(['一'], zhToEn)).toEqual(['[en] 一']);
    expect(state.created).toBe(0);
  });

  it('takes a document someone else created in the meantime', async () => {
    const { host, state } = fakeOffscreenHost(fakeTranslatorApi());
    host.createDocument = async () => {
      state.open = true;
      throw new Error('Only a single offscreen document may be created.');
    };
    expect(await new OffscreenTranslator(host).translate(['一'], zhToEn)).toEqual(['[en] 一']);
  });

  it('opens the document again when it went away', async () => {
    const { host, state } = fakeOffscreenHost(fakeTranslatorApi());
    const offscreen = new OffscreenTranslator(host);
    await offscreen.translate(['一'], zhToEn);
    state.open = false;
    expect(await offscreen.translate(['二'], zhToEn)).toEqual(['[en] 二']);
    expect(state.created).toBe(2);
  });

  it('carries the offscreen page’s errors back as TranslationErrors', async () => {
    const { host } = fakeOffscreenHost(fakeTranslatorApi('downloadable'));
    const error = await failureOf(new OffscreenTranslator(host).translate(['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('has not downloaded its Chinese → English language pack yet');
  });

  it('reports the not-in-this-browser error when the offscreen page has no Translator (Chrome before 138)', async () => {
    const { host } = fakeOffscreenHost(undefined);
    const error = await failureOf(new OffscreenTranslator(host).translate(['你好'], zhToEn));
    expect(error).toMatchObject({ code: 'unavailable', message: NOT_IN_THIS_BROWSER });
  });

  it('is unavailable when the document cannot be opened, and tries again on the next request', async () => {
    const { host, state } = fakeOffscreenHost(fakeTranslatorApi());
    state.failCreate = new Error('Offscreen documents are disabled');
    const offscreen = new OffscreenTranslator(host);
    const error = await failureOf(offscreen.translate(['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Offscreen documents are disabled');
    state.failCreate = undefined;
    expect(await offscreen.translate(['你好'], zhToEn)).toEqual(['[en] 你好']);
  });

  it('is unavailable when the page never answers', async () => {
    const { host, state } = fakeOffscreenHost(fakeTranslatorApi());
    state.silent = true;
    const error = await failureOf(new OffscreenTranslator(host).translate(['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(state.sent).toBe(2);
  });

  it('stops waiting with timeout when the signal fires', async () => {
    const { host } = fakeOffscreenHost(fakeTranslatorApi());
    host.sendMessage = () => new Promise(() => {});
    const error = await failureOf(new OffscreenTranslator(host).translate(['你好'], zhToEn, AbortSignal.timeout(20)));
    expect(error.code).toBe('timeout');
  });
});
