import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucket } from './token-bucket';

describe('createTokenBucket', () => {
  // The page clock is faked: the spacing is asserted exactly, whatever the machine's load.
  it('lets a burst through at once, then spaces requests by the refill rate', async () => {
    vi.useFakeTimers();
    const bucket = createTokenBucket(20, 3);
    const start = Date.now();
    const times: number[] = [];
    const all = Promise.all(Array.from({ length: 5 }, () => bucket.take().then(() => times.push(Date.now() - start))));
    await vi.runAllTimersAsync();
    await all;
    // Three at once, then two more tokens at 20 per second: 50 ms apart.
    expect(times).toEqual([0, 0, 0, 50, 100]);
    vi.useRealTimers();
  });

  it('refills while idle, up to the burst size', async () => {
    vi.useFakeTimers();
    let now = 0;
    const bucket = createTokenBucket(10, 2, () => now);
    await bucket.take();
    await bucket.take();
    now += 10_000;
    const taken: number[] = [];
    const both = Promise.all([bucket.take(), bucket.take()].map((turn) => turn.then(() => taken.push(Date.now()))));
    // Two tokens refilled: neither take waits for a timer.
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toHaveLength(2);
    expect(bucket.msUntilToken()).toBe(100);
    await both;
    vi.useRealTimers();
  });

  it('tryTake takes a token only while one is there, and says when the next comes', () => {
    let now = 0;
    const bucket = createTokenBucket(4, 2, () => now);

    expect(bucket.msUntilToken()).toBe(0);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    // Four tokens a second: the next one in 250 ms.
    expect(bucket.msUntilToken()).toBe(250);

    now += 100;
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.msUntilToken()).toBe(150);

    now += 150;
    expect(bucket.msUntilToken()).toBe(0);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  describe('with waiting callers', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('tryTake does not take the token a waiting take is owed', async () => {
      vi.useFakeTimers();
      const bucket = createTokenBucket(10, 1);

      // The token is there, but `take` asked first: it gets it, without waiting.
      let taken = false;
      void bucket.take().then(() => (taken = true));
      expect(bucket.tryTake()).toBe(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(taken).toBe(true);
    });

    it('msUntilToken counts the tokens owed to waiting callers', async () => {
      vi.useFakeTimers();
      const bucket = createTokenBucket(10, 1);
      expect(bucket.tryTake()).toBe(true);
      let taken = false;
      const waiter = bucket.take().then(() => (taken = true));

      // The waiter's token comes in 100 ms, the next free one 100 ms later.
      expect(bucket.msUntilToken()).toBe(200);
      await vi.advanceTimersByTimeAsync(100);
      await waiter;
      expect(taken).toBe(true);
      expect(bucket.tryTake()).toBe(false);
      expect(bucket.msUntilToken()).toBe(100);

      await vi.advanceTimersByTimeAsync(100);
      expect(bucket.tryTake()).toBe(true);
    });
  });
});
