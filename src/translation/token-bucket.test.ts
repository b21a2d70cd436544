import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket';

describe('createTokenBucket', () => {
  it('lets a burst through at once, then spaces requests by the refill rate', async () => {
    const bucket = createTokenBucket(20, 3);
    const start = Date.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () => bucket.take().then(() => times.push(Date.now() - start))),
    );
    times.sort((a, b) => a - b);
    expect(times.slice(0, 3).every((t) => t < 30)).toBe(true);
    // Two more tokens at 20 per second: 50 ms apart.
    expect(times[3]!).toBeGreaterThanOrEqual(40);
    expect(times[4]!).toBeGreaterThanOrEqual(90);
  });

  it('refills while idle, up to the burst size', async () => {
    let now = 0;
    const bucket = createTokenBucket(10, 2, () => now);
    await bucket.take();
    await bucket.take();
    now += 10_000;
    const start = Date.now();
    await bucket.take();
    await bucket.take();
    expect(Date.now() - start).toBeLessThan(30);
  });
});
