import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeRequestRecord } from '../../../../tests/fakes/fake-backend';
import { startFakeGoogle } from '../../../../tests/fakes/fake-google';
import { fakeTranslate } from '../../../../tests/fakes/fake-translation';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import { TranslationError } from '../../errors';
import { BackendQueue } from '../../queue/backend-queue';
import type { Backend } from '../../types';
import { createGoogleBackend, googleLanguage, planGoogleQueries, splitGoogleTranslation } from './index';

/**
 * The backend behind its queue, as the service uses it: the queue splits a failed batch. Its
 * pace is lifted and one request goes at a time, so the requests' order is the split's own.
 */
function queueOf(backend: Backend): BackendQueue {
  const capabilities = { ...backend.capabilities, maxConcurrentRequests: 1, requestsPerSecond: 1000, burst: 1000 };
  return new BackendQueue({ ...backend, capabilities });
}

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
 * reach the fake. In the extension bundle node-fetch resolves to its `browser` entry instead,
 * which re-exports whatever `globalThis.fetch` was when the module loaded.
 */
describe('createGoogleBackend against the shared fake of Google', () => {
  /** A fresh fake for the running test, closed when it finishes. */
  async function fakeGoogle() {
    const google = await startFakeGoogle();
    onTestFinished(() => google.close());
    return google;
  }

  function backendFor(url: string) {
    const settings: Settings = { ...DEFAULT_SETTINGS, backends: { ...DEFAULT_SETTINGS.backends, google: { host: url } } };
    return createGoogleBackend(settings);
  }

  function formOf(request: FakeRequestRecord | undefined): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(request?.body));
  }

  const zhToEn = { source: 'zh', target: 'en' };
  const signal = () => AbortSignal.timeout(5000);

  it('sends several single-line texts in one request and splits the answer back', async () => {
    const google = await fakeGoogle();

    const translations = await backendFor(google.url).translate(['你好', '谢谢', '再见'], zhToEn, signal());

    expect(translations).toEqual([fakeTranslate('你好'), fakeTranslate('谢谢'), fakeTranslate('再见')]);
    expect(google.requests).toHaveLength(1);
    expect(google.requests[0]).toMatchObject({
      method: 'POST',
      path: '/translate_a/single',
      search: '?client=at&dt=t&dt=rm&dj=1',
      contentType: 'application/x-www-form-urlencoded;charset=utf-8',
    });
    expect(formOf(google.requests[0])).toEqual({ sl: 'auto', tl: 'en', q: '你好\n谢谢\n再见' });
  });

  it('gives a multi-line text its own request and keeps its lines', async () => {
    const google = await fakeGoogle();

    const translations = await backendFor(google.url).translate(['你好', '第一行\n第二行', '再见'], zhToEn, signal());

    expect(translations).toEqual([fakeTranslate('你好'), `${fakeTranslate('第一行')}\n${fakeTranslate('第二行')}`, fakeTranslate('再见')]);
    expect(google.requests.map((request) => formOf(request).q).sort()).toEqual(['你好\n再见', '第一行\n第二行'].sort());
  });

  it('asks for the target language in Google code', async () => {
    const google = await fakeGoogle();

    await backendFor(google.url).translate(['你好'], { source: 'zh', target: 'zh-Hant' }, signal());

    expect(formOf(google.requests[0])).toMatchObject({ sl: 'auto', tl: 'zh-TW' });
  });

  it('asks again one text at a time when Google merges lines', async () => {
    const google = await fakeGoogle();
    google.setMode({ kind: 'merge-lines' });
    const queue = queueOf(backendFor(google.url));

    const translations = await Promise.all(['你好', '谢谢'].map((text) => queue.translate(text, zhToEn)));

    expect(translations).toEqual([fakeTranslate('你好'), fakeTranslate('谢谢')]);
    expect(google.requests.map((request) => formOf(request).q)).toEqual(['你好\n谢谢', '你好', '谢谢']);
  });

  it('rejects merged lines as bad-response, for the queue to split, after one request', async () => {
    const google = await fakeGoogle();
    google.setMode({ kind: 'merge-lines' });

    await expect(backendFor(google.url).translate(['你好', '谢谢'], zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
    expect(google.requests).toHaveLength(1);
  });

  it('answers blank translations, after one request, when Google sends no sentences at all', async () => {
    const google = await fakeGoogle();
    google.setMode({ kind: 'empty' });

    const translations = await backendFor(google.url).translate(['你好', '谢谢'], zhToEn, signal());

    // Blank, so the queue's check refuses them; asking line by line would only cost requests.
    expect(translations).toEqual(['', '']);
    expect(google.requests).toHaveLength(1);
  });

  // Error codes shared by every backend are checked in contract.test.ts; these are Google's own.
  it('explains a 429 as Google rate-limiting this network', async () => {
    const google = await fakeGoogle();
    google.setMode({ kind: 'fail', status: 429 });

    await expect(backendFor(google.url).translate(['你好'], zhToEn, signal())).rejects.toThrow(
      /rate-limiting requests \(HTTP 429\): too many requests from this network/,
    );
  });

  it('says when Google answers 200 with a body that is not JSON', async () => {
    const google = await fakeGoogle();
    google.setMode({ kind: 'malformed' });

    const failure = backendFor(google.url).translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toBeInstanceOf(TranslationError);
    await expect(failure).rejects.toMatchObject({ message: 'Google Translate sent an answer that is not JSON' });
  });
});
