import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import { TranslationError } from '../errors';
import {
  buildLibreTranslateRequest,
  createLibreTranslateBackend,
  libreLanguage,
  parseLibreTranslateResponse,
} from './libretranslate';

const zhToEn = { source: 'zh', target: 'en' };
const config = { url: 'http://libre.example:5000', apiKey: '' };

function bodyOf(texts: string[], languages = zhToEn, cfg = config): Record<string, unknown> {
  return JSON.parse(buildLibreTranslateRequest(texts, languages, cfg).init.body) as Record<string, unknown>;
}

/** The TranslationError `fn` throws (fails the test when it throws nothing or something else). */
function thrownBy(fn: () => unknown): TranslationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TranslationError);
    return error as TranslationError;
  }
  throw new Error('expected a TranslationError, nothing was thrown');
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
    [429, 'rate-limited', 'Too many request limits violations'],
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

describe('createLibreTranslateBackend against a local server', () => {
  interface Received {
    method: string | undefined;
    url: string | undefined;
    contentType: string | undefined;
    body: unknown;
  }
  let server: Server;
  let baseUrl: string;
  let received: Received[] = [];
  let answer: (body: Record<string, unknown>, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        received.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body });
        answer(body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received = [];
  });

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  function settingsFor(url: string, apiKey = ''): Settings {
    return { ...DEFAULT_SETTINGS, backend: 'libretranslate', backends: { ...DEFAULT_SETTINGS.backends, libretranslate: { url, apiKey } } };
  }

  it('sends the texts to /translate and returns the translations in order', async () => {
    answer = (body, res) => {
      const q = body.q as string[];
      json(res, 200, { translatedText: q.map((text) => `EN(${text})`) });
    };
    const backend = createLibreTranslateBackend(settingsFor(`${baseUrl}/`, 'key-1'));

    const translations = await backend.translate(['你好', '谢谢'], zhToEn, AbortSignal.timeout(5000));

    expect(translations).toEqual(['EN(你好)', 'EN(谢谢)']);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/translate',
        contentType: 'application/json',
        body: { q: ['你好', '谢谢'], source: 'zh', target: 'en', format: 'text', api_key: 'key-1' },
      },
    ]);
  });

  it('sends a single text as a string and reads a string back', async () => {
    answer = (body, res) => json(res, 200, { translatedText: `EN(${String(body.q)})` });
    const backend = createLibreTranslateBackend(settingsFor(baseUrl));

    expect(await backend.translate(['你好'], zhToEn, AbortSignal.timeout(5000))).toEqual(['EN(你好)']);
    expect(received[0]?.body).toEqual({ q: '你好', source: 'zh', target: 'en', format: 'text' });
  });

  it('rejects with rate-limited when the server answers 429', async () => {
    answer = (_body, res) => json(res, 429, { error: 'Too many requests' });
    const backend = createLibreTranslateBackend(settingsFor(baseUrl));

    const failure = backend.translate(['你好'], zhToEn, AbortSignal.timeout(5000));

    await expect(failure).rejects.toBeInstanceOf(TranslationError);
    await expect(failure).rejects.toMatchObject({ code: 'rate-limited', status: 429 });
    await expect(failure).rejects.toThrow(/Too many requests/);
  });

  it('rejects with timeout when the server does not answer in time', async () => {
    answer = () => undefined;
    const backend = createLibreTranslateBackend(settingsFor(baseUrl));

    await expect(backend.translate(['你好'], zhToEn, AbortSignal.timeout(100))).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('rejects with network when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const backend = createLibreTranslateBackend(settingsFor(`http://127.0.0.1:${port}`));

    await expect(backend.translate(['你好'], zhToEn, AbortSignal.timeout(5000))).rejects.toMatchObject({
      code: 'network',
    });
  });
});
