/**
 * Waits for `promise`, or rejects as soon as `signal` fires: with `abortError()`, by default
 * the signal's reason. For work that cannot be cancelled itself but whose caller stops waiting
 * (a token request shared by several callers, an on-device model loading).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  abortError: () => unknown = () => signal?.reason,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
