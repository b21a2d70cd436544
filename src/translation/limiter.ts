/**
 * Runs at most `max` tasks at once; the rest wait in order. A caller that must not wait (the
 * queue, which keeps its texts pending until a request can leave) checks `available` first:
 * `run` takes a free slot before it returns, so no other caller can take that slot in between.
 */
export function createLimiter(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function run<T>(task: () => Promise<T>): Promise<T> {
    // A finished task hands its slot straight to the first waiting one (`running` stays
    // counted), so a task arriving before the waiter wakes up cannot take the slot as well.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }
  return {
    run,
    get active() {
      return running;
    },
    /** Slots free right now: a `run` called now starts its task at once. */
    get available() {
      return max - running;
    },
  };
}
