import { describe, expect, it, vi } from 'vitest';
import { FakeOcrWorker } from '../../tests/unit/fake-ocr-worker';
import { OFFSCREEN_TARGET } from '../translation/on-device-translator';
import { OcrEngine } from './engine';
import type { ImageReading } from './image-reading';
import {
  answerOffscreenOcr,
  localOcrClient,
  offscreenOcrClient,
  parseEngineStatus,
  parseOffscreenOcrRequest,
  unavailableOcrClient,
  type OffscreenOcrRequest,
} from './ocr-client';
import { ImageReadError } from './read-error';
import type { WorkerReadRequest } from './worker-protocol';

const OWN_ID = 'redbridge-extension-id';
const BACKGROUND = { id: OWN_ID };

const reading: ImageReading = {
  width: 800,
  height: 600,
  language: 'chinese',
  blocks: [{ text: '西湖一日游', bounds: { x: 40, y: 40, width: 300, height: 60 } }],
};

/** A worker that answers each request, a tick later, with what `reply` makes of it. */
class AnsweringWorker extends FakeOcrWorker {
  constructor(private readonly reply: (request: WorkerReadRequest) => unknown) {
    super();
  }

  override postMessage(message: WorkerReadRequest, transfer: Transferable[]): void {
    super.postMessage(message, transfer);
    setTimeout(() => this.answer(this.reply(message)), 0);
  }

  /** What each request asked to be read, its image's bytes as numbers. */
  get received(): { id: number; bytes: number[]; crop?: WorkerReadRequest['crop'] }[] {
    return this.posted.map(({ message }) => ({ id: message.id, bytes: Array.from(new Uint8Array(message.bytes)), ...(message.crop ? { crop: message.crop } : {}) }));
  }
}

const readsWell = (request: WorkerReadRequest) => ({
  id: request.id,
  ok: true,
  reading,
  timings: { loadMs: 950, decodeMs: 10, ocrMs: 1200, detectMs: 1 },
});

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/**
 * The background and the offscreen page with a JSON channel between them, as Chrome's runtime
 * messages are: a real engine over a fake worker on the far side.
 */
function offscreenPair(answer: (request: WorkerReadRequest) => unknown = readsWell, timeoutMs?: number) {
  const workers: AnsweringWorker[] = [];
  const engine = new OcrEngine(
    () => {
      const worker = new AnsweringWorker(answer);
      workers.push(worker);
      return worker;
    },
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  const sent: unknown[] = [];
  const ask = async (message: OffscreenOcrRequest): Promise<unknown> => {
    const crossed = clone(message);
    sent.push(crossed);
    return clone(await answerOffscreenOcr(crossed, BACKGROUND, OWN_ID, () => engine));
  };
  return { client: offscreenOcrClient(ask), engine, workers, sent };
}

describe('parseOffscreenOcrRequest', () => {
  const read = { target: OFFSCREEN_TARGET, type: 'ocr-read', image: 'AQID' };

  it('accepts a read, with or without a crop, a status request and a release', () => {
    expect(parseOffscreenOcrRequest(read)).toEqual(read);
    const crop = { x: 0, y: 12.5, width: 100, height: 50 };
    expect(parseOffscreenOcrRequest({ ...read, crop })).toEqual({ ...read, crop });
    expect(parseOffscreenOcrRequest({ target: OFFSCREEN_TARGET, type: 'ocr-status' })).toEqual({
      target: OFFSCREEN_TARGET,
      type: 'ocr-status',
    });
    expect(parseOffscreenOcrRequest({ target: OFFSCREEN_TARGET, type: 'ocr-release' })).toEqual({
      target: OFFSCREEN_TARGET,
      type: 'ocr-release',
    });
  });

  it('keeps only the known fields', () => {
    expect(parseOffscreenOcrRequest({ ...read, url: 'https://evil.example', crop: { x: 1, y: 2, width: 3, height: 4, z: 9 } })).toEqual({
      ...read,
      crop: { x: 1, y: 2, width: 3, height: 4 },
    });
    expect(parseOffscreenOcrRequest({ target: OFFSCREEN_TARGET, type: 'ocr-status', image: 'AQID' })).toEqual({
      target: OFFSCREEN_TARGET,
      type: 'ocr-status',
    });
  });

  it.each([
    ['null', null],
    ['a string', 'ocr-read'],
    ['no target', { type: 'ocr-read', image: 'AQID' }],
    ['another target', { ...read, target: 'someone-else' }],
    ['the on-device translator’s request', { target: OFFSCREEN_TARGET, type: 'translate-on-device', texts: ['你好'] }],
    ['a read with no image', { target: OFFSCREEN_TARGET, type: 'ocr-read' }],
    ['a read whose image is bytes', { ...read, image: [1, 2, 3] }],
    ['a read whose image is too long', { ...read, image: 'A'.repeat(54_000_001) }],
    ['a null crop', { ...read, crop: null }],
    ['a crop with a negative x', { ...read, crop: { x: -1, y: 0, width: 10, height: 10 } }],
    ['a crop with a zero width', { ...read, crop: { x: 0, y: 0, width: 0, height: 10 } }],
    ['a crop with a NaN', { ...read, crop: { x: 0, y: Number.NaN, width: 10, height: 10 } }],
    ['a crop with a side as a string', { ...read, crop: { x: 0, y: 0, width: '10', height: 10 } }],
    ['a crop with a missing side', { ...read, crop: { x: 0, y: 0, width: 10 } }],
  ])('rejects %s', (_what, message) => {
    expect(parseOffscreenOcrRequest(message)).toBeNull();
  });
});

describe('answerOffscreenOcr', () => {
  const status = { target: OFFSCREEN_TARGET, type: 'ocr-status' };

  it('ignores messages from a tab, even with the extension’s own id, and from other extensions', () => {
    const engine = vi.fn(() => new OcrEngine(() => new AnsweringWorker(readsWell)));
    expect(answerOffscreenOcr(status, { id: OWN_ID, tab: { id: 3 } }, OWN_ID, engine)).toBeUndefined();
    expect(answerOffscreenOcr(status, { id: 'another-extension' }, OWN_ID, engine)).toBeUndefined();
    expect(answerOffscreenOcr(status, {}, OWN_ID, engine)).toBeUndefined();
    expect(engine).not.toHaveBeenCalled();
  });

  it('leaves messages that are not its requests to other listeners, without touching the engine', () => {
    const engine = vi.fn(() => new OcrEngine(() => new AnsweringWorker(readsWell)));
    for (const message of [
      { target: OFFSCREEN_TARGET, type: 'translate-on-device', texts: ['你好'] },
      { target: OFFSCREEN_TARGET, type: 'ocr-read', image: 42 },
      { type: 'ocr-status' },
      null,
    ]) {
      expect(answerOffscreenOcr(message, BACKGROUND, OWN_ID, engine)).toBeUndefined();
    }
    expect(engine).not.toHaveBeenCalled();
  });

  it('answers a failed read with the error as data, never a rejection', async () => {
    const engine = new OcrEngine(
      () => new AnsweringWorker((request) => ({ id: request.id, ok: false, stage: 'decode', message: 'not a PNG' })),
    );
    const answer = answerOffscreenOcr({ target: OFFSCREEN_TARGET, type: 'ocr-read', image: 'AQID' }, BACKGROUND, OWN_ID, () => engine);
    await expect(answer).resolves.toEqual({
      ok: false,
      error: { code: 'decode', message: expect.stringContaining('not a PNG') },
    });
  });
});

describe('offscreenOcrClient over a JSON channel to a real engine', () => {
  it('sends the image as base64 and gives back the worker’s reading and timings', async () => {
    const { client, workers, sent } = offscreenPair();
    const bytes = Uint8Array.from([137, 80, 78, 71, 0, 255, 1]);

    await expect(client.read(bytes)).resolves.toEqual({ reading, timings: { loadMs: 950, decodeMs: 10, ocrMs: 1200, detectMs: 1 } });

    expect(sent).toEqual([{ target: OFFSCREEN_TARGET, type: 'ocr-read', image: Buffer.from(bytes).toString('base64') }]);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received).toEqual([{ id: expect.any(Number), bytes: [137, 80, 78, 71, 0, 255, 1] }]);
  });

  it('passes a crop through to the worker', async () => {
    const { client, workers } = offscreenPair();
    const crop = { x: 10, y: 20, width: 300, height: 200 };
    await client.read(Uint8Array.from([1, 2, 3]), crop);
    expect(workers[0]?.received[0]?.crop).toEqual(crop);
  });

  it('reports the engine’s status, and frees it on release', async () => {
    const { client, workers } = offscreenPair();
    expect(await client.status()).toEqual({ state: 'not-loaded', imagesRead: 0 });

    await client.read(Uint8Array.from([1, 2, 3]));
    expect(await client.status()).toEqual({ state: 'ready', imagesRead: 1, loadMs: 950 });

    await client.release();
    expect(workers[0]?.terminated).toBe(true);
    expect(await client.status()).toEqual({ state: 'not-loaded', imagesRead: 1, loadMs: 950 });
  });

  it.each([
    ['load', 'engine'],
    ['decode', 'decode'],
    ['read', 'read'],
  ] as const)('turns a %s failure into an ImageReadError with code %s and the engine’s message', async (stage, code) => {
    const { client, engine } = offscreenPair((request) => ({ id: request.id, ok: false, stage, message: 'it broke' }));
    const local = localOcrClient(new OcrEngine(() => new AnsweringWorker((request) => ({ id: request.id, ok: false, stage, message: 'it broke' }))));
    const expected = await local.read(Uint8Array.from([1])).then(
      () => null,
      (error: unknown) => error,
    );

    const error = await client.read(Uint8Array.from([1])).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImageReadError);
    expect(error).toMatchObject({ code, message: (expected as ImageReadError).message });
    expect((error as ImageReadError).message).toContain('it broke');
    expect(engine.status().state).toBe(stage === 'load' ? 'failed' : 'loading');
  });

  it('passes the engine’s timeout through as code timeout', async () => {
    const { client } = offscreenPair(() => undefined, 5);
    await expect(client.read(Uint8Array.from([1]))).rejects.toMatchObject({ name: 'ImageReadError', code: 'timeout' });
  });

  it('says unavailable when the offscreen page cannot be reached', async () => {
    const client = offscreenOcrClient(() => Promise.reject(new Error('Could not establish connection')));
    const error = await client.read(Uint8Array.from([1])).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImageReadError);
    expect(error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('Could not establish connection') });
    await expect(client.release()).rejects.toMatchObject({ code: 'unavailable' });
    // The options page still gets a status.
    await expect(client.status()).resolves.toEqual({ state: 'not-loaded', imagesRead: 0 });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'ok'],
    ['ok with no reading', { ok: true, timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } }],
    ['ok with a bad reading', { ok: true, reading: { ...reading, width: -1 }, timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } }],
    ['ok with no timings', { ok: true, reading }],
    ['an error with an unknown code', { ok: false, error: { code: 'auth', message: 'odd' } }],
    ['an error with no message', { ok: false, error: { code: 'decode' } }],
  ])('rejects an answer that is %s with code read', async (_what, reply) => {
    const client = offscreenOcrClient(async () => reply);
    await expect(client.read(Uint8Array.from([1]))).rejects.toMatchObject({ name: 'ImageReadError', code: 'read' });
  });

  it('keeps an error answer’s code and message, shortened to 500 characters', async () => {
    const client = offscreenOcrClient(async () => ({ ok: false, error: { code: 'fetch', message: 'x'.repeat(800) } }));
    const error = await client.read(Uint8Array.from([1])).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImageReadError);
    expect(error).toMatchObject({ code: 'fetch', message: 'x'.repeat(500) });
  });

  it('answers a status that cannot be read as not-loaded', async () => {
    await expect(offscreenOcrClient(async () => ({ state: 'exploded' })).status()).resolves.toEqual({ state: 'not-loaded', imagesRead: 0 });
  });
});

describe('parseEngineStatus', () => {
  it('accepts a status and keeps only its known fields', () => {
    expect(parseEngineStatus({ state: 'ready', imagesRead: 3, loadMs: 900, memory: 1 })).toEqual({ state: 'ready', imagesRead: 3, loadMs: 900 });
    expect(parseEngineStatus({ state: 'failed', imagesRead: 0, failure: 'no WASM' })).toEqual({
      state: 'failed',
      imagesRead: 0,
      failure: 'no WASM',
    });
  });

  it('shortens a long failure to 500 characters', () => {
    expect(parseEngineStatus({ state: 'failed', imagesRead: 0, failure: 'x'.repeat(900) })?.failure).toHaveLength(500);
  });

  it.each([
    ['null', null],
    ['an unknown state', { state: 'busy', imagesRead: 0 }],
    ['no count', { state: 'ready' }],
    ['a count as a string', { state: 'ready', imagesRead: '3' }],
  ])('rejects %s', (_what, value) => {
    expect(parseEngineStatus(value)).toBeNull();
  });
});

describe('localOcrClient and unavailableOcrClient', () => {
  it('reads through the engine in the same context', async () => {
    const workers: AnsweringWorker[] = [];
    const engine = new OcrEngine(() => {
      const worker = new AnsweringWorker(readsWell);
      workers.push(worker);
      return worker;
    });
    const client = localOcrClient(engine);
    await expect(client.read(Uint8Array.from([5, 6, 7]), { x: 1, y: 2, width: 3, height: 4 })).resolves.toMatchObject({ reading });
    expect(workers[0]?.received[0]).toMatchObject({ bytes: [5, 6, 7], crop: { x: 1, y: 2, width: 3, height: 4 } });
    await expect(client.status()).resolves.toMatchObject({ state: 'ready', imagesRead: 1 });
    await client.release();
    expect(workers[0]?.terminated).toBe(true);
  });

  it('says unavailable for every read where no engine can run', async () => {
    const client = unavailableOcrClient();
    await expect(client.read(Uint8Array.from([1]))).rejects.toMatchObject({ name: 'ImageReadError', code: 'unavailable' });
    await expect(client.status()).resolves.toMatchObject({ state: 'failed', imagesRead: 0, failure: expect.any(String) });
    await expect(client.release()).resolves.toBeUndefined();
  });
});
