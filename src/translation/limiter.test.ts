import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter';

const tick = () => Promise.resolve();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task that records how many tasks were running while it ran. */
function recorder() {
  let active = 0;
  const record = { peak: 0, order: [] as number[] };
  const task = (id: number, ms = 5) => async () => {
    active += 1;
    record.peak = Math.max(record.peak, active);
    record.order.push(id);
    try {
      await sleep(ms);
      return id;
    } finally {
      active -= 1;
    }
  };
  return { record, task };
}

describe('createLimiter', () => {
  it('runs at most max tasks at once and returns each result', async () => {
    const limiter = createLimiter(2);
    const { record, task } = recorder();

    const results = await Promise.all([1, 2, 3, 4, 5].map((id) => limiter.run(task(id))));

    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(record.peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('starts waiting tasks in the order they came', async () => {
    const limiter = createLimiter(1);
    const { record, task } = recorder();

    await Promise.all([1, 2, 3, 4].map((id) => limiter.run(task(id, 1))));

    expect(record.order).toEqual([1, 2, 3, 4]);
  });

  it('frees the slot of a task that throws', async () => {
    const limiter = createLimiter(1);
    const failing = limiter.run(() => Promise.reject(new Error('boom')));
    const next = limiter.run(() => Promise.resolve('ran'));

    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
    expect(limiter.active).toBe(0);
  });

  it('takes a free slot as soon as run is called, and gives it back when the task ends', async () => {
    const limiter = createLimiter(2);
    let started = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));

    const running = limiter.run(async () => {
      started = true;
      await gate;
    });

    // Synchronously: a caller that saw a free slot gets it, with nothing in between.
    expect(started).toBe(true);
    expect(limiter.available).toBe(1);
    release();
    await running;
    expect(limiter.available).toBe(2);
  });

  it('hands a freed slot to a waiting task instead of making it available', async () => {
    const limiter = createLimiter(1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let releaseSecond!: () => void;
    const secondGate = new Promise<void>((resolve) => (releaseSecond = resolve));

    const first = limiter.run(() => gate);
    const second = limiter.run(() => secondGate);
    expect(limiter.available).toBe(0);

    release();
    await first;
    expect(limiter.available).toBe(0);
    releaseSecond();
    await second;
    expect(limiter.available).toBe(1);
  });

  // A task that arrives while a finished task's slot is being handed to a waiting task must
  // wait too. Which microtask that falls in depends on the implementation, so try them all.
  it.each(Array.from({ length: 10 }, (_, ticks) => ticks))(
    'never exceeds max when a task arrives %i microtasks after another finished',
    async (ticks) => {
      const limiter = createLimiter(1);
      const { record, task } = recorder();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));

      const first = limiter.run(async () => {
        await task(0, 0)();
        await gate;
      });
      const waiting = limiter.run(task(1));
      await sleep(1);
      release();
      for (let i = 0; i < ticks; i++) await tick();
      const late = limiter.run(task(2));
      await Promise.all([first, waiting, late]);

      expect(record.peak).toBe(1);
      expect(limiter.active).toBe(0);
    },
  );
});
