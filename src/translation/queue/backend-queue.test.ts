import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAST_CAPABILITIES } from '../../../tests/unit/fast-capabilities';
import { BackendPausedError } from '../circuit-breaker';
import { TranslationError } from '../errors';
import type { Backend, BackendCapabilities, LanguagePair } from '../types';
import { BackendQueue } from './backend-queue';
import { DEFAULT_QUEUE_OPTIONS } from './options';

/** One request to the controlled backend: it answers only when the test says so. */
interface HeldRequest {
  texts: string[];
  answer(): void;
  /** Answers with these strings instead of the usual `en:` translations. */
  answerWith(answer: string[]): void;
  fail(error: TranslationError): void;
}

/** A backend whose requests stay in flight until the test answers them, recording each one. */
function heldBackend(capabilities: Partial<BackendCapabilities>) {
  const requests: HeldRequest[] = [];
  const record = { active: 0, maxActive: 0 };
  const backend: Backend = {
    id: 'google',
    name: 'Fake',
    capabilities: { ...FAST_CAPABILITIES, ...capabilities },
    translate(texts) {
      record.active += 1;
      record.maxActive = Math.max(record.maxActive, record.active);
      return new Promise<string[]>((resolve, reject) => {
        const done = () => (record.active -= 1);
        requests.push({
          texts: [...texts],
          answer: () => {
            done();
            resolve(texts.map((text) => `en:${text}`));
          },
          answerWith: (answer) => {
            done();
            resolve(answer);
          },
          fail: (error) => {
            done();
            reject(error);
          },
        });
      });
    },
  };
  return { backend, requests, record };
}

const ZH_EN: LanguagePair = { source: 'zh', target: 'en' };
/** Jitter fixed at ×1: the first retry waits exactly `baseDelayMs`. */
const QUEUE_OPTIONS = { ...DEFAULT_QUEUE_OPTIONS, batchWindowMs: 20, random: () => 0.5 };
const numbered = (from: number, count: number) => Array.from({ length: count }, (_, i) => `文本${from + i}`);
const english = (texts: string[]) => texts.map((text) => `en:${text}`);
/** Runs due timers and the promise callbacks they lead to. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('BackendQueue batching', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A queue whose only request slot is taken by one text's request, still in flight. */
  async function busyQueue(capabilities: Partial<BackendCapabilities>) {
    const held = heldBackend({ maxConcurrentRequests: 1, ...capabilities });
    const queue = new BackendQueue(held.backend, QUEUE_OPTIONS);
    const first = queue.translate('第一', ZH_EN);
    await advance(20);
    expect(held.requests.map((request) => request.texts)).toEqual([['第一']]);
    return { ...held, queue, first };
  }

  /** Asks for each text, `gapMs` apart. */
  async function askSpread(queue: BackendQueue, texts: string[], gapMs: number) {
    const results: Promise<string>[] = [];
    for (const text of texts) {
      results.push(queue.translate(text, ZH_EN));
      await advance(gapMs);
    }
    return results;
  }

  it('sends a lone text alone, one batch window after it came, when the backend is idle', async () => {
    const { backend, requests } = heldBackend({ maxConcurrentRequests: 1 });
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);

    const result = queue.translate('你好', ZH_EN);
    await advance(19);
    expect(requests).toHaveLength(0);
    await advance(1);
    expect(requests.map((request) => request.texts)).toEqual([['你好']]);

    requests[0]!.answer();
    await expect(result).resolves.toBe('en:你好');
  });

  it('sends the texts that came while the only slot was busy in one request when it frees', async () => {
    const { queue, requests, record, first } = await busyQueue({ maxTextsPerRequest: 40 });

    // 30 texts over 150 ms: seven batch windows' worth, while request 1 is in flight.
    const texts = numbered(1, 30);
    const results = await askSpread(queue, texts, 5);
    expect(requests).toHaveLength(1);

    requests[0]!.answer();
    await advance(0);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.texts).toEqual(texts);

    await advance(1000);
    requests[1]!.answer();
    await expect(first).resolves.toBe('en:第一');
    await expect(Promise.all(results)).resolves.toEqual(english(texts));
    expect(requests).toHaveLength(2);
    expect(record.maxActive).toBe(1);
  });

  it('sends what exceeds the backend’s text limit in later requests, never more than the limit each', async () => {
    const { queue, requests, record } = await busyQueue({ maxTextsPerRequest: 10 });
    const texts = numbered(1, 30);
    const results = await askSpread(queue, texts, 5);

    requests[0]!.answer();
    await advance(0);
    expect(requests).toHaveLength(2);
    // Texts that come while the surplus waits join it, behind it.
    const late = numbered(31, 5);
    results.push(...(await askSpread(queue, late, 10)));
    expect(requests).toHaveLength(2);
    for (let i = 1; i <= 3; i++) {
      requests[i]!.answer();
      await advance(0);
    }

    expect(requests.map((request) => request.texts.length)).toEqual([1, 10, 10, 10, 5]);
    expect(requests.slice(1).flatMap((request) => request.texts)).toEqual([...texts, ...late]);
    requests[4]!.answer();
    await expect(Promise.all(results)).resolves.toEqual(english([...texts, ...late]));
    expect(record.maxActive).toBe(1);
  });

  it('fills every free slot, and sends the surplus with later texts when a slot frees', async () => {
    const { backend, requests, record } = heldBackend({ maxConcurrentRequests: 2, maxTextsPerRequest: 10 });
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);
    const texts = numbered(1, 25);
    for (const text of texts) void queue.translate(text, ZH_EN);
    await advance(20);
    expect(requests.map((request) => request.texts.length)).toEqual([10, 10]);

    const late = numbered(26, 3);
    for (const text of late) void queue.translate(text, ZH_EN);
    await advance(100);
    expect(requests).toHaveLength(2);
    requests[0]!.answer();
    await advance(0);

    expect(requests.map((request) => request.texts.length)).toEqual([10, 10, 8]);
    expect(requests[2]!.texts).toEqual([...texts.slice(20), ...late]);
    expect(record.maxActive).toBe(2);
  });

  it('holds texts back while the token bucket is empty, and sends them together when a token comes', async () => {
    // Slots to spare: only the bucket holds the texts back.
    const { backend, requests } = heldBackend({ maxConcurrentRequests: 3, requestsPerSecond: 1, burst: 1 });
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);
    const start = Date.now();
    const advanceTo = (ms: number) => advance(start + ms - Date.now());
    void queue.translate('一', ZH_EN);
    await advanceTo(20);
    expect(requests).toHaveLength(1);
    requests[0]!.answer();

    // The bucket's only token went at 20 ms; the next comes at 1020 ms.
    const results = [queue.translate('二', ZH_EN)];
    await advanceTo(100);
    results.push(queue.translate('三', ZH_EN));
    await advanceTo(600);
    results.push(queue.translate('四', ZH_EN));
    await advanceTo(1000);
    expect(requests).toHaveLength(1);

    await advanceTo(1030);
    expect(requests.map((request) => request.texts)).toEqual([['一'], ['二', '三', '四']]);
    requests[1]!.answer();
    await expect(Promise.all(results)).resolves.toEqual(['en:二', 'en:三', 'en:四']);
  });

  it('still sends a text asked for again while it waits or is in flight only once', async () => {
    const { queue, requests, first } = await busyQueue({});

    const again = queue.translate('第一', ZH_EN);
    const waiting = [queue.translate('你好', ZH_EN), queue.translate('你好', ZH_EN)];
    await advance(50);
    waiting.push(queue.translate('你好', ZH_EN));
    requests[0]!.answer();
    await advance(0);

    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['你好']]);
    requests[1]!.answer();
    await expect(Promise.all([first, again])).resolves.toEqual(['en:第一', 'en:第一']);
    await expect(Promise.all(waiting)).resolves.toEqual(['en:你好', 'en:你好', 'en:你好']);
  });

  it('keeps language pairs apart while they wait', async () => {
    const { queue, requests } = await busyQueue({});
    const toFrench: LanguagePair = { source: 'zh', target: 'fr' };
    void queue.translate('一', ZH_EN);
    void queue.translate('二', toFrench);
    void queue.translate('三', ZH_EN);
    await advance(50);

    requests[0]!.answer();
    await advance(0);
    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['一', '三']]);
    requests[1]!.answer();
    await advance(0);
    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['一', '三'], ['二']]);
  });

  it('refuses waiting texts once the backend is paused, but sends a reader’s Retry', async () => {
    const { queue, requests, first } = await busyQueue({});
    // Handled from the start: it is refused while the test still awaits the first request.
    const waitingRefused = expect(queue.translate('二', ZH_EN)).rejects.toBeInstanceOf(BackendPausedError);
    const retried = queue.translate('三', ZH_EN, true);
    // Asked for normally, then again with the reader's Retry while it waits.
    const upgraded = queue.translate('四', ZH_EN);
    await advance(50);
    expect(queue.translate('四', ZH_EN, true)).toBe(upgraded);

    // A Retry-After too long to wait for pauses the backend at once.
    requests[0]!.fail(new TranslationError('rate-limited', 'Fake is rate-limiting requests (HTTP 429)', 429, 60_000));
    await expect(first).rejects.toMatchObject({ code: 'rate-limited' });
    await advance(0);

    expect(queue.paused).toBe(true);
    await waitingRefused;
    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['三', '四']]);
    requests[1]!.answer();
    await expect(Promise.all([retried, upgraded])).resolves.toEqual(['en:三', 'en:四']);
  });

  it('gives a freed slot to a retry before the texts waiting in a batch', async () => {
    const { queue, requests } = await busyQueue({});
    const waiting = queue.translate('二', ZH_EN);
    await advance(20);

    // Request 1 fails for a passing reason: its retry waits 500 ms, the waiting text goes meanwhile.
    requests[0]!.fail(new TranslationError('server', 'Fake had a server error (HTTP 500)', 500));
    await advance(0);
    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['二']]);
    const later = queue.translate('三', ZH_EN);
    await advance(500);
    expect(requests).toHaveLength(2);

    requests[1]!.answer();
    await advance(0);
    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['二'], ['第一']]);
    requests[2]!.answer();
    await advance(0);
    expect(requests.map((request) => request.texts)).toEqual([['第一'], ['二'], ['第一'], ['三']]);
    requests[3]!.answer();
    await expect(Promise.all([waiting, later])).resolves.toEqual(['en:二', 'en:三']);
  });

  it('asks for each text of a request the backend answered badly on its own', async () => {
    const { queue, requests } = await busyQueue({});
    const results = [queue.translate('二', ZH_EN), queue.translate('三', ZH_EN)];
    requests[0]!.answer();
    await advance(20);
    expect(requests[1]!.texts).toEqual(['二', '三']);

    requests[1]!.fail(new TranslationError('bad-response', 'Fake sent nonsense'));
    await advance(0);
    expect(requests.slice(2).map((request) => request.texts)).toEqual([['二']]);
    requests[2]!.answer();
    await advance(0);
    expect(requests.slice(2).map((request) => request.texts)).toEqual([['二'], ['三']]);
    requests[3]!.answer();
    await expect(Promise.all(results)).resolves.toEqual(['en:二', 'en:三']);
  });

  it('uses the good translations of an answer and sends only its empty one on, without asking again', async () => {
    const { queue, requests } = await busyQueue({});
    const results = [queue.translate('二', ZH_EN), queue.translate('三', ZH_EN)];
    requests[0]!.answer();
    await advance(20);
    const refused = expect(results[0]).rejects.toMatchObject({ code: 'bad-response', message: 'Fake sent an empty translation' });

    requests[1]!.answerWith(['  ', 'en:三']);
    await refused;
    await expect(results[1]).resolves.toBe('en:三');
    await advance(1000);
    expect(requests).toHaveLength(2);
    expect(queue.breaker.health().state).toBe('working');
  });

  it('counts an answer with no translation in it as the backend failing, and pauses it', async () => {
    const { queue, requests, first } = await busyQueue({});
    requests[0]!.answerWith(['']);
    await expect(first).rejects.toMatchObject({ code: 'bad-response' });
    expect(queue.breaker.health()).toMatchObject({ state: 'failing', lastError: 'Fake sent an empty translation' });

    const second = queue.translate('二', ZH_EN);
    await advance(20);
    requests[1]!.answerWith(['二']);
    await expect(second).rejects.toMatchObject({ code: 'bad-response', message: 'Fake sent the text back untranslated' });
    expect(queue.paused).toBe(true);
  });
});

describe('BackendQueue dedupe, split on failure and error mapping', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends equal texts asked for in one batch window once, in one request, and answers each', async () => {
    const { backend, requests } = heldBackend({});
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);

    const results = [queue.translate('你好', ZH_EN), queue.translate('谢谢', ZH_EN), queue.translate('你好', ZH_EN)];
    await advance(20);

    expect(requests.map((request) => request.texts)).toEqual([['你好', '谢谢']]);
    requests[0]!.answer();
    await expect(Promise.all(results)).resolves.toEqual(['en:你好', 'en:谢谢', 'en:你好']);
  });

  it('keeps equal texts of different language pairs apart', async () => {
    const { backend, requests } = heldBackend({});
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);

    void queue.translate('你好', ZH_EN);
    void queue.translate('你好', { source: 'zh', target: 'fr' });
    await advance(20);

    expect(requests.map((request) => request.texts)).toEqual([['你好'], ['你好']]);
  });

  it('asks for each text of a failed batch on its own only as fast as the token bucket allows', async () => {
    // Slots to spare: only the bucket can hold the split requests back.
    const { backend, requests } = heldBackend({ maxConcurrentRequests: 3, requestsPerSecond: 1, burst: 1 });
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);
    const start = Date.now();
    const advanceTo = (ms: number) => advance(start + ms - Date.now());
    const results = [queue.translate('一', ZH_EN), queue.translate('二', ZH_EN)];
    await advanceTo(20);
    expect(requests.map((request) => request.texts)).toEqual([['一', '二']]);

    // The bucket's only token went at 20 ms; the next come at 1020 and 2020 ms.
    requests[0]!.fail(new TranslationError('bad-response', 'Fake returned 1 translations for 2 texts'));
    await advanceTo(1000);
    expect(requests).toHaveLength(1);
    await advanceTo(1030);
    expect(requests.map((request) => request.texts)).toEqual([['一', '二'], ['一']]);
    await advanceTo(2000);
    expect(requests).toHaveLength(2);
    await advanceTo(2030);
    expect(requests.map((request) => request.texts)).toEqual([['一', '二'], ['一'], ['二']]);

    requests[1]!.answer();
    requests[2]!.answer();
    await expect(Promise.all(results)).resolves.toEqual(['en:一', 'en:二']);
  });

  it('rejects only the text that fails on its own after a split, and answers its neighbour', async () => {
    const { backend, requests } = heldBackend({});
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);
    const odd = queue.translate('一', ZH_EN);
    const fine = queue.translate('二', ZH_EN);
    const oddRefused = expect(odd).rejects.toMatchObject({ code: 'bad-request', message: 'Fake rejected the request (HTTP 400)' });
    await advance(20);

    requests[0]!.fail(new TranslationError('bad-request', 'Fake rejected the request (HTTP 400)', 400));
    await advance(0);
    expect(requests.slice(1).map((request) => request.texts)).toEqual([['一'], ['二']]);
    requests[1]!.fail(new TranslationError('bad-request', 'Fake rejected the request (HTTP 400)', 400));
    requests[2]!.answer();

    await oddRefused;
    await expect(fine).resolves.toBe('en:二');
  });

  it('maps what a backend throws that is not a TranslationError to a bad answer naming the backend', async () => {
    const backend: Backend = {
      id: 'google',
      name: 'Fake',
      capabilities: FAST_CAPABILITIES,
      translate: () => Promise.reject(new Error('socket hang up')),
    };
    const queue = new BackendQueue(backend, QUEUE_OPTIONS);

    const failure = queue.translate('你好', ZH_EN);
    const checked = expect(failure).rejects.toMatchObject({ code: 'bad-response', message: 'Fake failed: socket hang up' });
    await advance(20);

    await checked;
    await expect(failure).rejects.toBeInstanceOf(TranslationError);
  });
});
