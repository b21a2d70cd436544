import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeDeepl, type FakeDeeplOptions } from '../../../../tests/fakes/fake-deepl';
import { fakeTranslate } from '../../../../tests/fakes/fake-translation';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import { TranslationError } from '../../errors';
import {
  buildDeeplRequest,
  createDeeplBackend,
  deeplBaseUrl,
  deeplSourceLanguage,
  deeplTargetLanguage,
  parseDeeplResponse,
} from './index';
import { thrownBy } from '../../../../tests/unit/thrown-by';

const zhToEn = { source: 'zh', target: 'en' };
const config = { apiKey: 'pro-key-123', apiUrl: 'https://deepl.example/' };

function bodyOf(texts: string[], languages = zhToEn, cfg = config): Record<string, unknown> {
  return JSON.parse(buildDeeplRequest(texts, languages, cfg).init.body) as Record<string, unknown>;
}

describe('deeplTargetLanguage', () => {
  it.each([
    ['en', 'EN-US'],
    ['en-US', 'EN-US'],
    ['en-GB', 'EN-GB'],
    ['pt-BR', 'PT-BR'],
    ['pt', 'PT-PT'],
    ['pt-PT', 'PT-PT'],
    ['zh', 'ZH-HANS'],
    ['zh-Hans', 'ZH-HANS'],
    ['zh-CN', 'ZH-HANS'],
    ['zh-TW', 'ZH-HANT'],
    ['zh-HK', 'ZH-HANT'],
    ['zh-Hant', 'ZH-HANT'],
    ['de', 'DE'],
    ['fr-CA', 'FR'],
    ['ja', 'JA'],
  ])('maps %s to %s', (code, expected) => {
    expect(deeplTargetLanguage(code)).toBe(expected);
  });
});

describe('deeplSourceLanguage', () => {
  it.each([
    ['zh', 'ZH'],
    ['zh-CN', 'ZH'],
    ['zh-TW', 'ZH'],
    ['zh-Hant', 'ZH'],
    ['en-GB', 'EN'],
    ['ja', 'JA'],
  ])('maps %s to %s', (code, expected) => {
    expect(deeplSourceLanguage(code)).toBe(expected);
  });

  it('leaves the source out for auto-detection', () => {
    expect(deeplSourceLanguage('auto')).toBeNull();
    expect(bodyOf(['你好'], { source: 'auto', target: 'en' })).not.toHaveProperty('source_lang');
  });
});

describe('deeplBaseUrl', () => {
  it('uses the free host for keys ending in :fx', () => {
    expect(deeplBaseUrl({ apiKey: 'abc-123:fx', apiUrl: '' })).toBe('https://api-free.deepl.com');
    expect(deeplBaseUrl({ apiKey: ' abc-123:fx\n', apiUrl: '' })).toBe('https://api-free.deepl.com');
  });

  it('uses the pro host for other keys', () => {
    expect(deeplBaseUrl({ apiKey: 'abc-123', apiUrl: '' })).toBe('https://api.deepl.com');
  });

  it('lets an explicit apiUrl win, without trailing slashes', () => {
    expect(deeplBaseUrl({ apiKey: 'abc-123:fx', apiUrl: 'https://proxy.example/deepl//' })).toBe('https://proxy.example/deepl');
  });
});

describe('buildDeeplRequest', () => {
  it('posts JSON to {apiUrl}/v2/translate with the key in the Authorization header', () => {
    const request = buildDeeplRequest(['你好'], zhToEn, config);
    expect(request.url).toBe('https://deepl.example/v2/translate');
    expect(request.init.method).toBe('POST');
    expect(request.init.headers.Authorization).toBe('DeepL-Auth-Key pro-key-123');
    expect(request.init.headers['Content-Type']).toBe('application/json');
  });

  it('trims whitespace pasted around the key', () => {
    const request = buildDeeplRequest(['你好'], zhToEn, { ...config, apiKey: '  pro-key-123\n' });
    expect(request.init.headers.Authorization).toBe('DeepL-Auth-Key pro-key-123');
  });

  it('sends every text in one array, with DeepL language codes and preserve_formatting', () => {
    expect(bodyOf(['一', '二\n三'], { source: 'zh-CN', target: 'en-GB' })).toEqual({
      text: ['一', '二\n三'],
      target_lang: 'EN-GB',
      source_lang: 'ZH',
      preserve_formatting: true,
    });
  });

  it('sends a single text as an array too', () => {
    expect(bodyOf(['你好']).text).toEqual(['你好']);
  });

  it.each(['', '   '])('rejects a missing key (%j) with auth, saying where to set it', (apiKey) => {
    const error = thrownBy(() => buildDeeplRequest(['你好'], zhToEn, { ...config, apiKey }));
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/DeepL needs an API key/);
    expect(error.message).toContain('backends.deepl.apiKey');
  });
});

describe('parseDeeplResponse', () => {
  const answer = (...texts: string[]) =>
    JSON.stringify({ translations: texts.map((text) => ({ detected_source_language: 'ZH', text })) });

  it('reads the translations in order', () => {
    expect(parseDeeplResponse(200, answer('One', 'Two'), 2)).toEqual(['One', 'Two']);
  });

  it.each([
    ['too few', answer('One'), 2],
    ['too many', answer('One', 'Two', 'Three'), 2],
    ['none', '{}', 1],
    ['a translation without text', '{"translations":[{"detected_source_language":"ZH"}]}', 1],
    ['a non-string text', '{"translations":[{"text":7}]}', 1],
  ])('rejects %s as bad-response', (_what, body, expected) => {
    expect(thrownBy(() => parseDeeplResponse(200, body, expected)).code).toBe('bad-response');
  });

  it('rejects a 200 answer that is not JSON as bad-response', () => {
    expect(thrownBy(() => parseDeeplResponse(200, '<html>hello</html>', 1)).code).toBe('bad-response');
  });

  it('maps 403 to auth, keeping DeepL message', () => {
    const error = thrownBy(() => parseDeeplResponse(403, '{"message":"Authorization failure, check auth_key"}', 1));
    expect(error).toMatchObject({ code: 'auth', status: 403 });
    expect(error.message).toContain('Authorization failure, check auth_key');
  });

  it('maps a wrong-endpoint 403 to auth and points at apiUrl', () => {
    const body = '{"message":"Wrong endpoint. Use https://api-free.deepl.com"}';
    const error = thrownBy(() => parseDeeplResponse(403, body, 1));
    expect(error).toMatchObject({ code: 'auth', status: 403 });
    expect(error.message).toContain('Use https://api-free.deepl.com');
    expect(error.message).toContain('backends.deepl.apiUrl');
  });

  it('maps 456 to quota with a message a reader can act on', () => {
    const error = thrownBy(() => parseDeeplResponse(456, '{"message":"Quota Exceeded"}', 1));
    expect(error).toMatchObject({ code: 'quota', status: 456 });
    expect(error.message).toBe("DeepL: this key's character quota for the billing period is used up (HTTP 456)");
  });

  it('maps 429 to rate-limited and keeps Retry-After in milliseconds', () => {
    const error = thrownBy(() => parseDeeplResponse(429, '{"message":"Too many requests"}', 1, '7'));
    expect(error).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 7000 });
    expect(error.message).toContain('Too many requests');
  });

  it('includes the detail DeepL gives with a 400', () => {
    const body = '{"message":"Bad request","detail":"Value for \'target_lang\' not supported."}';
    const error = thrownBy(() => parseDeeplResponse(400, body, 1));
    expect(error).toMatchObject({ code: 'bad-request', status: 400 });
    expect(error.message).toContain("Value for 'target_lang' not supported.");
  });

  it.each([500, 503, 529])('maps HTTP %i to server', (status) => {
    expect(thrownBy(() => parseDeeplResponse(status, '{"message":"Internal server error"}', 1))).toMatchObject({
      code: 'server',
      status,
    });
  });

  it('maps an HTTP error without a JSON body by its status', () => {
    expect(thrownBy(() => parseDeeplResponse(502, '<html>Bad Gateway</html>', 1))).toMatchObject({ code: 'server', status: 502 });
  });
});

describe('createDeeplBackend against the fake of DeepL', () => {
  const KEY = 'test-key-1:fx';

  /** A fresh fake for the running test, closed when it finishes. */
  async function fakeDeepl(options: FakeDeeplOptions = { apiKey: KEY }) {
    const deepl = await startFakeDeepl(options);
    onTestFinished(() => deepl.close());
    return deepl;
  }

  function backendFor(apiUrl: string, apiKey = KEY) {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      backend: 'deepl',
      backends: { ...DEFAULT_SETTINGS.backends, deepl: { apiKey, apiUrl } },
    };
    return createDeeplBackend(settings);
  }

  const signal = () => AbortSignal.timeout(5000);

  it('declares DeepL limits', () => {
    const backend = backendFor('');
    expect(backend).toMatchObject({ id: 'deepl', name: 'DeepL' });
    expect(backend.capabilities).toEqual({
      maxTextsPerRequest: 50,
      maxCharsPerRequest: 20000,
      kind: 'machine',
      maxConcurrentRequests: 2,
      requestsPerSecond: 3,
      burst: 6,
    });
  });

  it('sends the texts with the key to /v2/translate and returns the translations in order', async () => {
    const deepl = await fakeDeepl();

    const translations = await backendFor(`${deepl.url}/`).translate(['你好', '谢谢', '再见'], zhToEn, signal());

    expect(translations).toEqual([fakeTranslate('你好'), fakeTranslate('谢谢'), fakeTranslate('再见')]);
    expect(deepl.requests).toHaveLength(1);
    expect(deepl.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/translate',
      contentType: 'application/json',
      texts: ['你好', '谢谢', '再见'],
      status: 200,
    });
  });

  it('rejects with auth when DeepL refuses the key', async () => {
    const deepl = await fakeDeepl();

    const failure = backendFor(deepl.url, 'wrong-key').translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toBeInstanceOf(TranslationError);
    await expect(failure).rejects.toMatchObject({ code: 'auth', status: 403 });
    await expect(failure).rejects.toThrow(/Authorization failure, check auth_key/);
  });

  it('rejects with quota when the key has used up its characters', async () => {
    const deepl = await fakeDeepl();
    deepl.setMode({ kind: 'fail', status: 456 });

    const failure = backendFor(deepl.url).translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toMatchObject({ code: 'quota', status: 456 });
    await expect(failure).rejects.toThrow(/quota for the billing period is used up/);
  });

  it('passes on the Retry-After of a 429', async () => {
    const deepl = await fakeDeepl();
    deepl.setMode({ kind: 'fail', status: 429, retryAfterSeconds: 3 });

    await expect(backendFor(deepl.url).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({
      code: 'rate-limited',
      retryAfterMs: 3000,
    });
  });

  it('rejects with auth and sends nothing when no key is set', async () => {
    const deepl = await fakeDeepl();

    const failure = backendFor(deepl.url, '').translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toMatchObject({ code: 'auth' });
    await expect(failure).rejects.toThrow(/backends\.deepl\.apiKey/);
    expect(deepl.requests).toHaveLength(0);
  });

  it('rejects with timeout when the answer comes after the signal fires', async () => {
    const deepl = await fakeDeepl();
    deepl.setMode({ kind: 'slow', delayMs: 2000 });

    await expect(backendFor(deepl.url).translate(['你好'], zhToEn, AbortSignal.timeout(100))).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(deepl.requests).toHaveLength(1);
  });

  it('rejects with network when nothing listens at the address', async () => {
    const deepl = await fakeDeepl();
    await deepl.close();

    await expect(backendFor(deepl.url).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects with bad-response when a 200 answer is cut off', async () => {
    const deepl = await fakeDeepl();
    deepl.setMode({ kind: 'malformed' });

    await expect(backendFor(deepl.url).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
  });
});

describe('the DeepL fake', () => {
  async function post(url: string, headers: Record<string, string>, body: unknown) {
    const response = await fetch(`${url}/v2/translate`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it('answers 403 without a DeepL-Auth-Key header, and 400 without text or target_lang', async () => {
    const deepl = await startFakeDeepl();
    onTestFinished(() => deepl.close());
    const json = { 'Content-Type': 'application/json' };
    const auth = { ...json, Authorization: 'DeepL-Auth-Key any' };

    expect(await post(deepl.url, json, { text: ['你好'], target_lang: 'EN-US' })).toEqual({
      status: 403,
      body: { message: 'Authorization failure, check auth_key' },
    });
    expect((await post(deepl.url, auth, { target_lang: 'EN-US' })).status).toBe(400);
    expect((await post(deepl.url, auth, { text: ['你好'] })).status).toBe(400);
    expect(await post(deepl.url, auth, { text: ['你好'], target_lang: 'EN-US' })).toEqual({
      status: 200,
      body: { translations: [{ detected_source_language: 'ZH', text: fakeTranslate('你好') }] },
    });
  });
});
