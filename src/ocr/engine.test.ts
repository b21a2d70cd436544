import { describe, expect, it } from 'vitest';
import { FakeOcrWorker } from '../../tests/unit/fake-ocr-worker';
import { OcrEngine, type EngineReading } from './engine';
import type { ImageReading } from './image-reading';
import { ImageReadError } from './read-error';

/** Timers the test moves by hand, through the engine's injectable setTimer/clearTimer. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { due: number; callback: () => void }>();
  return {
    setTimer: (callback: () => void, ms: number): unknown => {
      const id = nextId++;
      timers.set(id, { due: now + ms, callback });
      return id;
    },
    clearTimer: (timer: unknown): void => {
      if (typeof timer === 'number') timers.delete(timer);
    },
    /** Moves time on by `ms`, running each timer that falls due, in order. */
    advance(ms: number): void {
      const target = now + ms;
      for (;;) {
        let next: [number, { due: number; callback: () => void }] | undefined;
        for (const entry of timers) if (entry[1].due <= target && (!next || entry[1].due < next[1].due)) next = entry;
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].due;
        next[1].callback();
      }
      now = target;
    },
    get pendingTimers(): number {
      return timers.size;
    },
  };
}

const IDLE_MS = 1_000;
const TIMEOUT_MS = 5_000;

function setup(options: { idleMs?: number; timeoutMs?: number } = {}) {
  const clock = manualClock();
  const workers: FakeOcrWorker[] = [];
  const engine = new OcrEngine(
    () => {
      const worker = new FakeOcrWorker();
      workers.push(worker);
      return worker;
    },
    {
      idleMs: options.idleMs ?? IDLE_MS,
      timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    },
  );
  const worker = (index: number): FakeOcrWorker => {
    const found = workers[index];
    if (!found) throw new Error(`no worker ${index} was started`);
    return found;
  };
  return { engine, clock, workers, worker };
}

function readingWith(text: string): ImageReading {
  return { width: 800, height: 600, language: 'chinese', blocks: [{ text, bounds: { x: 40, y: 40, width: 300, height: 60 } }] };
}

function okAnswer(id: number, reading: ImageReading = readingWith('西湖一日游'), loadMs: number | null = null) {
  return { id, ok: true, reading, timings: { loadMs, decodeMs: 8, ocrMs: 900, detectMs: 1 } };
}

type Settled = { status: 'pending' } | { status: 'resolved'; value: EngineReading } | { status: 'rejected'; error: unknown };

/** Watches a read without leaving a rejection unhandled. */
function watch(promise: Promise<EngineReading>): { readonly current: Settled } {
  const box: { current: Settled } = { current: { status: 'pending' } };
  promise.then(
    (value) => (box.current = { status: 'resolved', value }),
    (error: unknown) => (box.current = { status: 'rejected', error }),
  );
  return box;
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function image(...bytes: number[]): ArrayBuffer {
  return Uint8Array.from(bytes).buffer;
}

describe('OcrEngine', () => {
  it('starts no worker until the first image, then one worker for many reads', () => {
    const { engine, workers, worker } = setup();
    expect(workers).toHaveLength(0);
    expect(engine.status()).toEqual({ state: 'not-loaded', imagesRead: 0 });

    void engine.read(image(1)).catch(() => undefined);
    expect(workers).toHaveLength(1);
    expect(engine.status().state).toBe('loading');

    void engine.read(image(2)).catch(() => undefined);
    void engine.read(image(3)).catch(() => undefined);
    expect(workers).toHaveLength(1);
    expect(worker(0).posted).toHaveLength(3);
    const ids = worker(0).posted.map((posted) => posted.message.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('transfers each image’s buffer with its request, and sends the crop only when given', () => {
    const { engine, worker } = setup();
    const whole = image(1, 2, 3);
    const part = image(4, 5);
    const crop = { x: 10, y: 20, width: 100, height: 50 };
    void engine.read(whole).catch(() => undefined);
    void engine.read(part, crop).catch(() => undefined);

    const [first, second] = worker(0).posted;
    expect(first?.message.bytes).toBe(whole);
    expect(first?.transfer).toEqual([whole]);
    expect(first?.transfer[0]).toBe(whole);
    expect(first?.message).not.toHaveProperty('crop');
    expect(second?.message.bytes).toBe(part);
    expect(second?.transfer[0]).toBe(part);
    expect(second?.message.crop).toEqual(crop);
  });

  it('matches each answer to its read by id, whatever order the answers come in', async () => {
    const { engine, worker } = setup();
    const first = engine.read(image(1));
    const second = engine.read(image(2));
    const w = worker(0);

    w.answer(okAnswer(w.idOf(1), readingWith('第二张'), null));
    w.answer(okAnswer(w.idOf(0), readingWith('第一张'), 950));

    await expect(first).resolves.toEqual({ reading: readingWith('第一张'), timings: { loadMs: 950, decodeMs: 8, ocrMs: 900, detectMs: 1 } });
    await expect(second).resolves.toMatchObject({ reading: readingWith('第二张') });
    expect(engine.status()).toEqual({ state: 'ready', imagesRead: 2, loadMs: 950 });
  });

  it('ignores malformed worker messages and answers to ids it is not waiting for', async () => {
    const { engine, worker } = setup();
    const read = watch(engine.read(image(1)));
    const w = worker(0);
    const id = w.idOf(0);

    for (const junk of [
      null,
      'done',
      42,
      { id },
      { id: String(id), ok: true, reading: readingWith('好'), timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } },
      { id, ok: true, reading: { width: 0, height: 0, language: 'chinese', blocks: [] }, timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } },
      { id, ok: true, reading: readingWith('好') },
      { id, ok: false, stage: 'network', message: 'x' },
      okAnswer(id + 100),
    ]) {
      w.answer(junk);
    }
    await flush();
    expect(read.current.status).toBe('pending');
    expect(engine.status()).toEqual({ state: 'loading', imagesRead: 0 });

    w.answer(okAnswer(id));
    await flush();
    expect(read.current).toMatchObject({ status: 'resolved', value: { reading: readingWith('西湖一日游') } });
  });

  it('answers a read once: a second answer with the same id is ignored', async () => {
    const { engine, worker } = setup();
    const read = engine.read(image(1));
    const w = worker(0);
    w.answer(okAnswer(w.idOf(0)));
    w.answer(okAnswer(w.idOf(0)));
    await read;
    expect(engine.status().imagesRead).toBe(1);
  });

  it('releases the worker after idleMs with no image: terminated, not-loaded, and the next read starts a new worker', async () => {
    const { engine, clock, workers, worker } = setup();
    const read = engine.read(image(1));
    worker(0).answer(okAnswer(worker(0).idOf(0), readingWith('好'), 900));
    await read;

    clock.advance(IDLE_MS - 1);
    expect(worker(0).terminated).toBe(false);
    expect(engine.status().state).toBe('ready');

    clock.advance(1);
    expect(worker(0).terminated).toBe(true);
    expect(engine.status()).toEqual({ state: 'not-loaded', imagesRead: 1, loadMs: 900 });

    void engine.read(image(2)).catch(() => undefined);
    expect(workers).toHaveLength(2);
    expect(worker(1).posted).toHaveLength(1);
    expect(worker(0).posted).toHaveLength(1);
    expect(engine.status().state).toBe('loading');
  });

  it('does not count idle time while an image is still being read', async () => {
    const { engine, clock, worker } = setup({ idleMs: IDLE_MS, timeoutMs: 100 * IDLE_MS });
    const first = engine.read(image(1));
    void engine.read(image(2)).catch(() => undefined);
    worker(0).answer(okAnswer(worker(0).idOf(0)));
    await first;

    clock.advance(10 * IDLE_MS);
    expect(worker(0).terminated).toBe(false);
  });

  it('keeps the worker when a new image comes before the idle time is up', async () => {
    const { engine, clock, workers, worker } = setup({ idleMs: IDLE_MS, timeoutMs: 100 * IDLE_MS });
    const first = engine.read(image(1));
    worker(0).answer(okAnswer(worker(0).idOf(0)));
    await first;

    clock.advance(IDLE_MS / 2);
    void engine.read(image(2)).catch(() => undefined);
    clock.advance(IDLE_MS);

    expect(worker(0).terminated).toBe(false);
    expect(workers).toHaveLength(1);
    expect(worker(0).posted).toHaveLength(2);
  });

  it('rejects a read that takes longer than timeoutMs with code timeout, and terminates the worker', async () => {
    const { engine, clock, workers, worker } = setup();
    const first = watch(engine.read(image(1)));
    clock.advance(TIMEOUT_MS / 2);
    const second = watch(engine.read(image(2)));

    clock.advance(TIMEOUT_MS / 2 - 1);
    await flush();
    expect(first.current.status).toBe('pending');
    expect(worker(0).terminated).toBe(false);

    clock.advance(1);
    await flush();
    // A worker stuck on one image is stuck for all: every read in flight fails with it.
    for (const read of [first, second]) {
      expect(read.current.status).toBe('rejected');
      const error = read.current.status === 'rejected' ? read.current.error : undefined;
      expect(error).toBeInstanceOf(ImageReadError);
      expect(error).toMatchObject({ code: 'timeout' });
    }
    expect(worker(0).terminated).toBe(true);
    expect(engine.status()).toMatchObject({ state: 'failed', failure: expect.stringContaining('too long') });

    // The stuck worker's late answer changes nothing; the next image gets a new worker.
    worker(0).answer(okAnswer(worker(0).idOf(0)));
    expect(engine.status().imagesRead).toBe(0);
    void engine.read(image(3)).catch(() => undefined);
    expect(workers).toHaveLength(2);
    expect(engine.status()).toEqual({ state: 'loading', imagesRead: 0 });
  });

  it('stops a read’s timeout once it is answered', async () => {
    const { engine, clock, worker } = setup({ idleMs: 100 * TIMEOUT_MS, timeoutMs: TIMEOUT_MS });
    const read = engine.read(image(1));
    worker(0).answer(okAnswer(worker(0).idOf(0)));
    await read;

    clock.advance(2 * TIMEOUT_MS);
    expect(worker(0).terminated).toBe(false);
    expect(engine.status().state).toBe('ready');
  });

  it('rejects every pending read with code read when the worker fails, and drops it', async () => {
    const { engine, workers, worker } = setup();
    const first = engine.read(image(1));
    const second = engine.read(image(2));
    first.catch(() => undefined);
    second.catch(() => undefined);

    worker(0).fail('out of memory');

    for (const read of [first, second]) {
      await expect(read).rejects.toBeInstanceOf(ImageReadError);
      await expect(read).rejects.toMatchObject({ code: 'read', message: expect.stringContaining('out of memory') });
    }
    expect(worker(0).terminated).toBe(true);
    expect(engine.status().state).toBe('failed');

    void engine.read(image(3)).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('says the worker failed when its error event has no message', async () => {
    const { engine, worker } = setup();
    const read = engine.read(image(1));
    read.catch(() => undefined);
    worker(0).fail('');
    await expect(read).rejects.toMatchObject({ code: 'read', message: expect.stringContaining('the worker failed') });
  });

  it('on a load-stage failure goes to state failed with the failure text and rejects with code engine', async () => {
    const { engine, clock, workers, worker } = setup();
    const read = engine.read(image(1));
    read.catch(() => undefined);
    worker(0).answer({ id: worker(0).idOf(0), ok: false, stage: 'load', message: '/ocr/det.onnx answered 404' });

    await expect(read).rejects.toBeInstanceOf(ImageReadError);
    await expect(read).rejects.toMatchObject({ code: 'engine', message: expect.stringContaining('/ocr/det.onnx answered 404') });
    expect(engine.status()).toEqual({ state: 'failed', failure: '/ocr/det.onnx answered 404', imagesRead: 0 });

    // Releasing the idle worker keeps the failure on show for the options page.
    clock.advance(IDLE_MS);
    expect(worker(0).terminated).toBe(true);
    expect(engine.status()).toMatchObject({ state: 'failed', failure: '/ocr/det.onnx answered 404' });

    // The next image tries again from scratch.
    void engine.read(image(2)).catch(() => undefined);
    expect(workers).toHaveLength(2);
    expect(engine.status()).toEqual({ state: 'loading', imagesRead: 0 });
  });

  it('drops the load failure from its status once a later read on the same worker loads the models', async () => {
    const { engine, worker } = setup();
    const first = engine.read(image(1));
    first.catch(() => undefined);
    worker(0).answer({ id: worker(0).idOf(0), ok: false, stage: 'load', message: 'network hiccup' });
    await expect(first).rejects.toMatchObject({ code: 'engine' });

    // The worker tries loading again on its next request, before any idle release.
    const second = engine.read(image(2));
    worker(0).answer(okAnswer(worker(0).idOf(1), readingWith('好'), 700));
    await second;

    // `failure` is documented as "why the models did not load, when state is failed".
    expect(engine.status()).toEqual({ state: 'ready', imagesRead: 1, loadMs: 700 });
  });

  it.each([
    ['decode', 'decode'],
    ['read', 'read'],
  ] as const)('rejects a %s-stage failure with code %s and leaves the engine usable', async (stage, code) => {
    const { engine, worker } = setup();
    const read = engine.read(image(1));
    read.catch(() => undefined);
    worker(0).answer({ id: worker(0).idOf(0), ok: false, stage, message: 'bad pixels' });

    await expect(read).rejects.toBeInstanceOf(ImageReadError);
    await expect(read).rejects.toMatchObject({ code, message: expect.stringContaining('bad pixels') });
    expect(engine.status().state).not.toBe('failed');
    expect(worker(0).terminated).toBe(false);
  });

  it('release() terminates the worker at once and the next read starts a new one', async () => {
    const { engine, workers, worker } = setup();
    const read = engine.read(image(1));
    worker(0).answer(okAnswer(worker(0).idOf(0)));
    await read;

    engine.release();
    expect(worker(0).terminated).toBe(true);
    expect(engine.status().state).toBe('not-loaded');

    void engine.read(image(2)).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('ignores messages and errors from a worker it has let go', async () => {
    const { engine, worker } = setup();
    const read = engine.read(image(1));
    worker(0).answer(okAnswer(worker(0).idOf(0)));
    await read;
    engine.release();

    const next = watch(engine.read(image(2)));
    worker(0).fail('late crash');
    worker(0).answer(okAnswer(worker(1).idOf(0)));
    await flush();
    expect(next.current.status).toBe('pending');
    expect(worker(1).terminated).toBe(false);
    expect(engine.status().state).toBe('loading');
  });

  it('does not let a read left in flight by release() time out the next worker’s reads', async () => {
    const { engine, clock, worker } = setup({ idleMs: IDLE_MS, timeoutMs: TIMEOUT_MS });
    void engine.read(image(1)).catch(() => undefined);
    // The options page frees the memory while a tab's image is still being read.
    engine.release();

    clock.advance(TIMEOUT_MS / 2);
    const next = watch(engine.read(image(2)));
    // The first read's timeout falls due while the new worker is reading.
    clock.advance(TIMEOUT_MS / 2);
    await flush();

    expect(worker(1).terminated).toBe(false);
    expect(next.current.status).toBe('pending');
    worker(1).answer(okAnswer(worker(1).idOf(0)));
    await flush();
    expect(next.current.status).toBe('resolved');
  });
});
