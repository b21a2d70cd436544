import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeLibreTranslate, type FakeLibreTranslateOptions } from '../../../../tests/fakes/fake-libretranslate';
import { fakeTranslate } from '../../../../tests/fakes/fake-translation';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import { TranslationError } from '../../errors';
import {
  buildLibreTranslateRequest,
  createLibreTranslateBackend,
  libreLanguage,
  parseLibreTranslateResponse,
} from './index';
import { thrownBy } from '../../../../tests/unit/thrown-by';

const zhToEn = { source: 'zh', target: 'en' };
const config = { url: 'http://libre.example:5000', apiKey: '' };

function bodyOf(texts: string[], languages = zhToEn, cfg = config): Record<string, unknown> {
  return JSON.parse(buildLibreTranslateRequest(texts, languages, cfg).init.body) as Record<string, unknown>;
}

describe('buildLibreTranslateRequest', () => {
  it('posts JSON to {url}/translate', () => {
    const request = buildLibreTranslateRequest(['你好'], zhToEn, config);
    expect(request.url).toBe('http://libre.example:5000/translate');
    expect(request.init.method).toBe('POST');
    expect(request.init.headers['Content-Type']).toBe('application/json');
  });

  it('trims trailing slashes from the configured URL', () => {
    const request = buildLibreTranslateRequest(['你好'], zhToEn, { ...config, url: 'https://libre.example/api//' });
    expect(request.url).toBe('https://libre.example/api/translate');
  });

  it('sends one text as a string', () => {
    expect(bodyOf(['你好'])).toEqual({ q: '你好', source: 'zh', target: 'en', format: 'text' });
  });

  it('sends several texts as an array, in order', () => {
    expect(bodyOf(['一', '二', '三']).q).toEqual(['一', '二', '三']);
  });

  it('adds api_key only when a key is set', () => {
    expect(bodyOf(['你好'])).not.toHaveProperty('api_key');
    expect(bodyOf(['你好'], zhToEn, { ...config, apiKey: 'k-123' }).api_key).toBe('k-123');
  });

  it('maps language codes to LibreTranslate codes', () => {
    expect(bodyOf(['你好'], { source: 'zh-CN', target: 'en-GB' })).toMatchObject({ source: 'zh', target: 'en' });
    expect(bodyOf(['你好'], { source: 'zh-TW', target: 'EN' })).toMatchObject({ source: 'zh-Hant', target: 'en' });
  });
});

describe('libreLanguage', () => {
  it.each([
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-Hans', 'zh'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['pt-BR', 'pt'],
  ])('maps %s to %s', (code, expected) => {
    expect(libreLanguage(code)).toBe(expected);
  });
});

describe('parseLibreTranslateResponse', () => {
  it('reads a single translatedText string', () => {
    expect(parseLibreTranslateResponse(200, '{"translatedText":"Hello"}', 1)).toEqual(['Hello']);
  });

  it('reads an array of translations', () => {
    expect(parseLibreTranslateResponse(200, '{"translatedText":["One","Two"]}', 2)).toEqual(['One', 'Two']);
  });

  it.each([
    ['too few', '{"translatedText":["One"]}', 2],
    ['too many', '{"translatedText":["One","Two","Three"]}', 2],
    ['none', '{}', 1],
    ['a non-string', '{"translatedText":["One",2]}', 2],
  ])('rejects %s translations as bad-response', (_what, body, expected) => {
    expect(thrownBy(() => parseLibreTranslateResponse(200, body, expected)).code).toBe('bad-response');
  });

  it.each([
    [400, 'bad-request', 'Invalid request: missing q parameter'],
    [403, 'auth', 'Visit https://portal.libretranslate.com to get an API key'],
    [429, 'rate-limited', 'Slowdown: 10 per 1 minute'],
    [500, 'server', 'Cannot translate text: model crashed'],
  ])('maps HTTP %i with an {error} body to %s, keeping the server message', (status, code, message) => {
    const error = thrownBy(() => parseLibreTranslateResponse(status, JSON.stringify({ error: message }), 1));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toContain(message);
  });

  it('maps an HTTP error without a JSON body by its status', () => {
    const error = thrownBy(() => parseLibreTranslateResponse(502, '<html>Bad Gateway</html>', 1));
    expect(error.code).toBe('server');
    expect(error.status).toBe(502);
  });

  it('rejects a 200 answer that is not JSON as bad-response', () => {
    expect(thrownBy(() => parseLibreTranslateResponse(200, '<html>hello</html>', 1)).code).toBe('bad-response');
  });
});

describe('createLibreTranslateBackend against the shared fake of LibreTranslate', () => {
  /** A fresh fake for the running test, closed when it finishes. */
  async function fakeLibre(options?: FakeLibreTranslateOptions) {
    const libre = await startFakeLibreTranslate(options);
    onTestFinished(() => libre.close());
    return libre;
  }

  function backendFor(url: string, apiKey = '') {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      backend: 'libretranslate',
      backends: { ...DEFAULT_SETTINGS.backends, libretranslate: { url, apiKey } },
    };
    return createLibreTranslateBackend(settings);
  }

  const signal = () => AbortSignal.timeout(5000);

  it('sends the texts to /translate and returns the translations in order', async () => {
    const libre = await fakeLibre({ apiKey: 'key-1' });

    const translations = await backendFor(`${libre.url}/`, 'key-1').translate(['你好', '谢谢'], zhToEn, signal());

    expect(translations).toEqual([fakeTranslate('你好'), fakeTranslate('谢谢')]);
    expect(libre.requests).toHaveLength(1);
    expect(libre.requests[0]).toMatchObject({ method: 'POST', path: '/translate', search: '', contentType: 'application/json' });
    expect(JSON.parse(libre.requests[0]!.body)).toEqual({
      q: ['你好', '谢谢'],
      source: 'zh',
      target: 'en',
      format: 'text',
      api_key: 'key-1',
    });
  });

  it('sends a single text as a string and reads a string back', async () => {
    const libre = await fakeLibre();

    expect(await backendFor(libre.url).translate(['你好'], zhToEn, signal())).toEqual([fakeTranslate('你好')]);
    expect(JSON.parse(libre.requests[0]!.body)).toEqual({ q: '你好', source: 'zh', target: 'en', format: 'text' });
  });

  // Error codes shared by every backend are checked in contract.test.ts; these are LibreTranslate's own.
  it('rejects with rate-limited when the server answers 429, keeping its message', async () => {
    const libre = await fakeLibre();
    libre.setMode({ kind: 'fail', status: 429 });

    const failure = backendFor(libre.url).translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toBeInstanceOf(TranslationError);
    await expect(failure).rejects.toMatchObject({ code: 'rate-limited', status: 429 });
    await expect(failure).rejects.toThrow(/Slowdown: 10 per 1 minute/);
  });

  it('rejects with auth when the server refuses the API key', async () => {
    const libre = await fakeLibre({ apiKey: 'key-1' });

    const failure = backendFor(libre.url, 'wrong-key').translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toMatchObject({ code: 'auth', status: 403 });
    await expect(failure).rejects.toThrow(/Invalid API key/);
  });
});
