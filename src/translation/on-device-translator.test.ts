import { describe, expect, it } from 'vitest';
import {
  answerOffscreenMessage,
  answerOffscreenRequest,
  findTranslatorApi,
  NOT_IN_THIS_BROWSER,
  OFFSCREEN_TARGET,
  onDeviceLanguage,
  parseOffscreenRequest,
  readOffscreenResponse,
  translateOnDevice,
  type OnDeviceTranslator,
  type TranslatorApi,
  type TranslatorLanguages,
} from './on-device-translator';
import { failureOf } from '../../tests/unit/thrown-by';

const zhToEn = { source: 'zh', target: 'en' };

interface FakeOptions {
  availability?: string;
  /** Thrown by the first `translate()` of each translator, then it works again. */
  translateError?: unknown;
  createError?: unknown;
  availabilityError?: unknown;
  /** `translate()` never settles unless aborted. */
  hang?: boolean;
}

/** Chrome's `Translator` as far as RedBridge uses it; translations are `[target] text`. */
function fakeTranslatorApi(options: FakeOptions = {}) {
  const created: Array<TranslatorLanguages & { destroyed: boolean }> = [];
  const availabilityAsked: TranslatorLanguages[] = [];
  let translateError = options.translateError;
  let createError = options.createError;
  const api: TranslatorApi = {
    async availability(pair) {
      availabilityAsked.push({ ...pair });
      if (options.availabilityError) throw options.availabilityError;
      return options.availability ?? 'available';
    },
    async create(pair) {
      if (createError) {
        const error = createError;
        createError = undefined;
        throw error;
      }
      const record = { sourceLanguage: pair.sourceLanguage, targetLanguage: pair.targetLanguage, destroyed: false };
      created.push(record);
      const translator: OnDeviceTranslator = {
        async translate(text, translateOptions) {
          if (record.destroyed) throw new DOMException('The translator has been destroyed.', 'InvalidStateError');
          if (translateError) {
            const error = translateError;
            translateError = undefined;
            throw error;
          }
          if (options.hang) {
            return new Promise((_, reject) =>
              translateOptions?.signal?.addEventListener('abort', () => reject(translateOptions.signal?.reason)),
            );
          }
          return `[${record.targetLanguage}] ${text}`;
        },
        destroy() {
          record.destroyed = true;
        },
      };
      return translator;
    },
  };
  return { api, created, availabilityAsked };
}

describe('translateOnDevice', () => {
  it('translates every text, in order, when the pack is available', async () => {
    const { api } = fakeTranslatorApi();
    expect(await translateOnDevice(api, ['一', '二', '三'], zhToEn)).toEqual(['[en] 一', '[en] 二', '[en] 三']);
  });

  it('creates one translator per language pair and reuses it', async () => {
    const { api, created, availabilityAsked } = fakeTranslatorApi();
    await translateOnDevice(api, ['一'], zhToEn);
    await translateOnDevice(api, ['二'], zhToEn);
    await translateOnDevice(api, ['三'], { source: 'zh', target: 'fr' });
    expect(created.map((pair) => pair.targetLanguage)).toEqual(['en', 'fr']);
    expect(availabilityAsked).toHaveLength(2);
  });

  it('loads the model once for concurrent first calls', async () => {
    const { api, created } = fakeTranslatorApi();
    const results = await Promise.all([
      translateOnDevice(api, ['一'], zhToEn),
      translateOnDevice(api, ['二'], zhToEn),
    ]);
    expect(results).toEqual([['[en] 一'], ['[en] 二']]);
    expect(created).toHaveLength(1);
  });

  it("uses Chrome's codes for Chinese", async () => {
    expect(onDeviceLanguage('zh-CN')).toBe('zh');
    expect(onDeviceLanguage('zh-TW')).toBe('zh-Hant');
    expect(onDeviceLanguage('en-GB')).toBe('en-GB');
    const { api, availabilityAsked } = fakeTranslatorApi();
    await translateOnDevice(api, ['你好'], { source: 'zh-TW', target: 'en' });
    expect(availabilityAsked).toEqual([{ sourceLanguage: 'zh-Hant', targetLanguage: 'en' }]);
  });

  it('says the language pack is missing when it is only downloadable, without creating a translator', async () => {
    const { api, created } = fakeTranslatorApi({ availability: 'downloadable' });
    const error = await failureOf(translateOnDevice(api, ['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('has not downloaded its Chinese → English language pack yet');
    expect(error.message).toContain("Pick another backend in RedBridge's settings");
    expect(created).toHaveLength(0);
  });

  it('says the language pack is on its way while it downloads', async () => {
    const { api } = fakeTranslatorApi({ availability: 'downloading' });
    const error = await failureOf(translateOnDevice(api, ['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('is still downloading its Chinese → English language pack');
  });

  it('says the device cannot translate the pair when it is unavailable', async () => {
    const { api } = fakeTranslatorApi({ availability: 'unavailable' });
    const error = await failureOf(translateOnDevice(api, ['你好'], { source: 'zh', target: 'fr' }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      "Chrome on this device cannot translate Chinese to French on device. Pick another backend in RedBridge's settings.",
    );
  });

  it('asks availability again after a refusal: the pack may have arrived since', async () => {
    const fake = fakeTranslatorApi({ availability: 'downloadable' });
    await failureOf(translateOnDevice(fake.api, ['你好'], zhToEn));
    await failureOf(translateOnDevice(fake.api, ['你好'], zhToEn));
    expect(fake.availabilityAsked).toHaveLength(2);
  });

  it('is unavailable, with a clear message, when the browser has no Translator API', async () => {
    const error = await failureOf(translateOnDevice(undefined, ['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(NOT_IN_THIS_BROWSER);
    expect(error.message).toContain('needs Chrome 138 or later on desktop');
  });

  it('maps a failing translate() to a TranslationError and replaces the broken translator', async () => {
    const { api, created } = fakeTranslatorApi({ translateError: new DOMException('Other generic failures occurred.', 'UnknownError') });
    const error = await failureOf(translateOnDevice(api, ['你好'], zhToEn));
    expect(error.code).toBe('server');
    expect(error.message).toContain('Other generic failures occurred.');
    expect(created[0]!.destroyed).toBe(true);
    expect(await translateOnDevice(api, ['你好'], zhToEn)).toEqual(['[en] 你好']);
    expect(created).toHaveLength(2);
  });

  it('reports a text over the input quota as a bad request', async () => {
    const { api } = fakeTranslatorApi({ translateError: new DOMException('The input is too large.', 'QuotaExceededError') });
    expect((await failureOf(translateOnDevice(api, ['长'], zhToEn))).code).toBe('bad-request');
  });

  it('maps a failing create() to unavailable and tries again next time', async () => {
    const { api } = fakeTranslatorApi({
      createError: new DOMException('Unable to create translator for the given source and target language.', 'NotSupportedError'),
    });
    const error = await failureOf(translateOnDevice(api, ['你好'], zhToEn));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('cannot translate Chinese to English on device');
    expect(await translateOnDevice(api, ['你好'], zhToEn)).toEqual(['[en] 你好']);
  });

  it('maps an invalid language tag to unavailable', async () => {
    const { api } = fakeTranslatorApi({ availabilityError: new RangeError('Invalid language tag: x-') });
    const error = await failureOf(translateOnDevice(api, ['你好'], { source: 'zh', target: 'x-' }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Invalid language tag');
  });

  it('gives up with timeout when the signal fires', async () => {
    const { api } = fakeTranslatorApi({ hang: true });
    const error = await failureOf(translateOnDevice(api, ['你好'], zhToEn, AbortSignal.timeout(20)));
    expect(error.code).toBe('timeout');
  });
});

describe('findTranslatorApi', () => {
  it('finds a Translator with availability() and create()', () => {
    const { api } = fakeTranslatorApi();
    expect(findTranslatorApi({ Translator: api })).toBe(api);
  });

  it('finds nothing where there is no Translator or it is something else', () => {
    expect(findTranslatorApi({})).toBeUndefined();
    expect(findTranslatorApi({ Translator: { availability: 'no' } })).toBeUndefined();
    // Node, like Firefox, has none.
    expect(findTranslatorApi()).toBeUndefined();
  });
});

describe('the offscreen protocol', () => {
  const request = { target: OFFSCREEN_TARGET, type: 'translate-on-device', texts: ['你好'], languages: zhToEn };
  const background = { id: 'redbridge' };

  it('accepts only well-formed messages marked for the offscreen page', () => {
    expect(parseOffscreenRequest(request)).toEqual(request);
    expect(parseOffscreenRequest({ ...request, target: undefined })).toBeNull();
    expect(parseOffscreenRequest({ type: 'translate', texts: ['你好'] })).toBeNull();
    expect(parseOffscreenRequest({ ...request, texts: [1] })).toBeNull();
    expect(parseOffscreenRequest({ ...request, texts: Array.from({ length: 21 }, () => '字') })).toBeNull();
    expect(parseOffscreenRequest({ ...request, texts: ['字'.repeat(5001)] })).toBeNull();
    expect(parseOffscreenRequest({ ...request, languages: { source: 'zh', target: 'en"; drop' } })).toBeNull();
    expect(parseOffscreenRequest(null)).toBeNull();
  });

  it('answers the background and ignores content scripts, other extensions and other messages', async () => {
    const { api } = fakeTranslatorApi();
    await expect(answerOffscreenMessage(request, background, 'redbridge', api)).resolves.toEqual({
      ok: true,
      translations: ['[en] 你好'],
    });
    expect(answerOffscreenMessage(request, { id: 'redbridge', tab: { id: 3 } }, 'redbridge', api)).toBeUndefined();
    expect(answerOffscreenMessage(request, { id: 'someone-else' }, 'redbridge', api)).toBeUndefined();
    expect(answerOffscreenMessage({ type: 'translate', texts: ['你好'] }, background, 'redbridge', api)).toBeUndefined();
  });

  it('sends errors as data, never as a rejection', async () => {
    const answer = await answerOffscreenRequest(undefined, parseOffscreenRequest(request)!);
    expect(answer).toEqual({ ok: false, error: { code: 'unavailable', message: NOT_IN_THIS_BROWSER } });
  });

  it('turns the answer back into translations or a TranslationError', () => {
    expect(readOffscreenResponse({ ok: true, translations: ['a', 'b'] }, 2)).toEqual(['a', 'b']);
    expect(() => readOffscreenResponse({ ok: false, error: { code: 'unavailable', message: 'no pack' } }, 1)).toThrow(
      expect.objectContaining({ code: 'unavailable', message: 'no pack' }),
    );
    expect(() => readOffscreenResponse({ ok: true, translations: ['a'] }, 2)).toThrow(
      expect.objectContaining({ code: 'bad-response' }),
    );
    expect(() => readOffscreenResponse({ ok: false, error: { code: 'auth', message: 'odd' } }, 1)).toThrow(
      expect.objectContaining({ code: 'bad-response', message: 'odd' }),
    );
    expect(() => readOffscreenResponse('hello', 1)).toThrow(expect.objectContaining({ code: 'bad-response' }));
  });
});
