/**
 * Spaces requests to one backend: `burst` requests may leave at once, then one every
 * `1 / requestsPerSecond` seconds. Callers wait their turn in order.
 */
export function createTokenBucket(
  requestsPerSecond: number,
  burst: number,
  now: () => number = () => Date.now(),
) {
  let tokens = burst;
  let refilledAt = now();
  let queue: Promise<void> = Promise.resolve();

  function refill(): void {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - refilledAt) / 1000) * requestsPerSecond);
    refilledAt = at;
  }

  async function takeInOrder(): Promise<void> {
    refill();
    if (tokens < 1) {
      const waitMs = Math.ceil(((1 - tokens) / requestsPerSecond) * 1000);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      refill();
    }
    tokens -= 1;
  }

  return {
    /** Resolves when the caller may send one request. */
    take(): Promise<void> {
      const turn = queue.then(takeInOrder);
      queue = turn;
      return turn;
    },
  };
}
