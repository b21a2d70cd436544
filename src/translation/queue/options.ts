import { DEFAULT_BREAKER, type CircuitBreakerOptions } from '../circuit-breaker';

export interface RetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the texts go to the next backend. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 10_000 };

export interface QueueOptions {
  /** How long the first text of a batch waits for company when the backend could take it at once. */
  batchWindowMs: number;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  breaker: CircuitBreakerOptions;
  /** Jitter source, 0 ≤ x < 1. */
  random: () => number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  batchWindowMs: 20,
  requestTimeoutMs: 15_000,
  retry: DEFAULT_RETRY,
  breaker: DEFAULT_BREAKER,
  random: Math.random,
};
