import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import { TranslationError } from '../errors';
import { createGoogleBackend, googleLanguage, planGoogleQueries, splitGoogleTranslation } from './google';

describe('planGoogleQueries', () => {
  it('groups single-line texts into one query', () => {
    expect(planGoogleQueries(['一', '二', '三'])).toEqual([[0, 1, 2]]);
  });

  it('sends a text with its own line breaks alone', () => {
    expect(planGoogleQueries(['一', '二\n三', '四'])).toEqual([[1], [0, 2]]);
  });

  it('puts at most 40 texts in one query', () => {
    const plan = planGoogleQueries(Array.from({ length: 85 }, (_, i) => `第${i}条`));
    expect(plan.map((query) => query.length)).toEqual([40, 40, 5]);
    expect(plan.flat()).toEqual(Array.from({ length: 85 }, (_, i) => i));
  });

  it('keeps each query, line breaks included, within 4500 characters', () => {
    const texts = Array.from({ length: 10 }, () => '字'.repeat(1000));
    const plan = planGoogleQueries(texts);
    expect(plan).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    for (const query of plan) {
      expect(query.map((i) => texts[i]!).join('\n').length).toBeLessThanOrEqual(4500);
    }
  });

  it('still sends a text longer than the limit, alone', () => {
    expect(planGoogleQueries(['短', '长'.repeat(5000), '短'])).toEqual([[0], [1], [2]]);
  });

  it('plans nothing for no texts', () => {
    expect(planGoogleQueries([])).toEqual([]);
  });
});

describe('splitGoogleTranslation', () => {
  it('gives one trimmed translation per line', () => {
    expect(splitGoogleTranslation('Hello \n Thanks\nBye', 3)).toEqual(['Hello', 'Thanks', 'Bye']);
  });

  it('keeps a single multi-line translation whole', () => {
    expect(splitGoogleTranslation('Line one\nLine two\n', 1)).toEqual(['Line one\nLine two']);
  });

  it('rejects a line count that does not match as bad-response', () => {
    expect(() => splitGoogleTranslation('Hello Thanks', 2)).toThrow(TranslationError);
    try {
      splitGoogleTranslation('a\nb\nc', 2);
      expect.unreachable();
    } catch (error) {
      expect((error as TranslationError).code).toBe('bad-response');
    }
  });
});

describe('googleLanguage', () => {
  it.each([
    ['auto', 'auto'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hant', 'zh-TW'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['FR', 'fr'],
  ])('maps %s to %s', (code, expected) => {
    expect(googleLanguage(code)).toBe(expected);
  });
});

/**
 * Under vitest's node environment @vitalets/google-translate-api loads its CJS build, which
 * imports node-fetch's Node entry (real sockets, `User-Agent: node-fetch/1.0`), so requests do
 * reach this server. In the extension bundle node-fetch resolves to its `browser` entry instead,
 * which re-exports whatever `globalThis.fetch` was when the module loaded.
 *
 * A stand-in for translate.google.com that speaks the wire format @vitalets/google-translate-api
 * expects: `POST /translate_a/single?client=at&dt=t&dt=rm&dj=1` with a form body, answered with
 * one sentence per input line (each but the last keeping its `\n`) and Google's extras.
 */
describe('createGoogleBackend against a local fake of Google', () => {
  interface Received {
    method: string | undefined;
    url: string | undefined;
    contentType: string | undefined;
    form: Record<string, string>;
  }
  let server: Server;
  let baseUrl: string;
  let received: Received[] = [];
  let answer: (form: Record<string, string>, res: ServerResponse) => void;

  function translateLikeGoogle(form: Record<string, string>, res: ServerResponse): void {
    const lines = (form.q ?? '').split('\n');
    const sentences = lines.map((line, i) => {
      const end = i < lines.length - 1 ? '\n' : '';
      return { trans: `EN(${line})${end}`, orig: `${line}${end}` };
    });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        sentences: [...sentences, { src_translit: '' }],
        src: 'zh-CN',
        confidence: 1,
        ld_result: { srclangs: ['zh-CN'], srclangs_confidences: [1], extended_srclangs: ['zh-CN'] },
      }),
    );
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(raw));
        received.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], form });
        answer(form, res);
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
    answer = translateLikeGoogle;
  });

  function backend() {
    const settings: Settings = { ...DEFAULT_SETTINGS, backends: { ...DEFAULT_SETTINGS.backends, google: { host: baseUrl } } };
    return createGoogleBackend(settings);
  }
  const zhToEn = { source: 'zh', target: 'en' };
  const signal = () => AbortSignal.timeout(5000);

  it('sends several single-line texts in one request and splits the answer back', async () => {
    const translations = await backend().translate(['你好', '谢谢', '再见'], zhToEn, signal());

    expect(translations).toEqual(['EN(你好)', 'EN(谢谢)', 'EN(再见)']);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/translate_a/single?client=at&dt=t&dt=rm&dj=1',
        contentType: 'application/x-www-form-urlencoded;charset=utf-8',
        form: { sl: 'auto', tl: 'en', q: '你好\n谢谢\n再见' },
      },
    ]);
  });

  it('gives a multi-line text its own request and keeps its lines', async () => {
    const translations = await backend().translate(['你好', '第一行\n第二行', '再见'], zhToEn, signal());

    expect(translations).toEqual(['EN(你好)', 'EN(第一行)\nEN(第二行)', 'EN(再见)']);
    expect(received.map((request) => request.form.q).sort()).toEqual(['你好\n再见', '第一行\n第二行'].sort());
  });

  it('asks for the target language in Google code', async () => {
    await backend().translate(['你好'], { source: 'zh', target: 'zh-Hant' }, signal());
    expect(received[0]?.form).toMatchObject({ sl: 'auto', tl: 'zh-TW' });
  });

  it('asks again one text at a time when Google merges lines', async () => {
    answer = (form, res) => {
      // The grouped query comes back as one line; single texts are answered normally.
      translateLikeGoogle({ ...form, q: (form.q ?? '').replaceAll('\n', ' ') }, res);
    };
    const translations = await backend().translate(['你好', '谢谢'], zhToEn, signal());

    expect(translations).toEqual(['EN(你好)', 'EN(谢谢)']);
    expect(received.map((request) => request.form.q)).toEqual(['你好\n谢谢', '你好', '谢谢']);
  });

  it('rejects with rate-limited when Google answers 429', async () => {
    answer = (_form, res) => {
      res.writeHead(429, { 'Content-Type': 'text/html' });
      res.end(
        '<html><body>Our systems have detected unusual traffic from your computer network.<br>' +
          'IP address: 127.0.0.1<br>Time: 2025-10-20T12:00:00Z<br>URL: https://translate.google.com/translate_a/single?client=at&amp;dt=t<br></body></html>',
      );
    };
    const failure = backend().translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toBeInstanceOf(TranslationError);
    await expect(failure).rejects.toMatchObject({ code: 'rate-limited', status: 429 });
  });

  it('rejects with timeout when Google does not answer in time', async () => {
    answer = () => undefined;
    await expect(backend().translate(['你好'], zhToEn, AbortSignal.timeout(100))).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('rejects with server when Google answers 500', async () => {
    answer = (_form, res) => {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end('<html>Server Error</html>');
    };
    await expect(backend().translate(['你好'], zhToEn, signal())).rejects.toMatchObject({
      code: 'server',
      status: 500,
    });
  });
});
