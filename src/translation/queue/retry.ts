import { isTransient, type TranslationError } from '../errors';
import type { RetryPolicy } from './options';

/**
 * How long to wait before asking again after the `attempt`-th try of a request failed, or null
 * when it is not asked again: the failure will not pass (a refused key, a bad answer), the tries
 * are used up, or the backend wants a longer wait than the reader should have (its texts go to
 * the next backend instead). The backend's own `Retry-After` wins over the backoff.
 */
export function retryDelayMs(error: TranslationError, attempt: number, policy: RetryPolicy, random: () => number): number | null {
  // A backend that did not answer in 15 s is not asked again: the reader would wait too long.
  const retryable = isTransient(error) && error.code !== 'timeout';
  const worthWaiting = error.retryAfterMs === undefined || error.retryAfterMs <= policy.maxRetryAfterMs;
  if (!retryable || attempt >= policy.attempts || !worthWaiting) return null;
  return error.retryAfterMs ?? backoffMs(attempt, policy, random);
}

/** Exponential backoff with full jitter around the nominal delay (×0.5 to ×1.5). */
function backoffMs(attempt: number, { baseDelayMs, maxDelayMs }: RetryPolicy, random: () => number): number {
  const nominal = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(nominal * (0.5 + random()));
}
