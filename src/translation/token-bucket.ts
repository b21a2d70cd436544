/**
 * Spaces requests to one backend: `burst` requests may leave at once, then one every
 * `1 / requestsPerSecond` seconds. Callers of `take` wait their turn in order; `tryTake` is
 * for a caller that would rather not wait (the queue keeps its texts pending meanwhile, so
 * more of them share the request), and never takes a token a waiting `take` is owed.
 */
export function createTokenBucket(
  requestsPerSecond: number,
  burst: number,
  now: () => number = () => Date.now(),
) {
  let tokens = burst;
  let refilledAt = now();
  let queue: Promise<void> = Promise.resolve();
  /** Callers of `take` whose token has not been taken yet. */
  let waiting = 0;

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
    // Both at once, so `msUntilToken` never counts this token twice.
    tokens -= 1;
    waiting -= 1;
  }

  return {
    /** Resolves when the caller may send one request. */
    take(): Promise<void> {
      waiting += 1;
      const turn = queue.then(takeInOrder);
      queue = turn;
      return turn;
    },

    /** Takes a token if one is there and nobody is waiting for it; never waits. */
    tryTake(): boolean {
      if (waiting > 0) return false;
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },

    /** Milliseconds until `tryTake` can succeed, the tokens owed to waiting callers counted: 0 if now. */
    msUntilToken(): number {
      refill();
      const missing = waiting + 1 - tokens;
      return missing <= 0 ? 0 : Math.ceil((missing / requestsPerSecond) * 1000);
    },
  };
}
