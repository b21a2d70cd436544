import { TranslationError } from './errors';

export interface CircuitBreakerOptions {
  /** Failed requests in a row (after their retries) that pause the backend. */
  failureThreshold: number;
  /** First pause when the backend gave no `Retry-After`; doubles with each pause in a row. */
  basePauseMs: number;
  maxPauseMs: number;
}

/** Refused without asking the backend, because it is paused: says nothing new about it. */
export class BackendPausedError extends TranslationError {}

export const DEFAULT_BREAKER: CircuitBreakerOptions = { failureThreshold: 2, basePauseMs: 30_000, maxPauseMs: 5 * 60_000 };

/**
 * Pauses a backend that keeps failing, so the fallback chain skips it instead of hammering it.
 * After the pause, requests flow again; the first one to fail pauses it again, for longer,
 * and the first success forgets the failures.
 */
/**
 * `unused`: not asked since the background started. `working`: its last request succeeded.
 * `rate-limited` / `failing`: its last request failed (with a 429, or otherwise). `paused`: it
 * failed often enough to be rested for `pausedForMs`.
 */
export type BackendHealth =
  | { state: 'unused' | 'working' }
  | { state: 'rate-limited' | 'failing' | 'paused'; lastError: string; pausedForMs?: number };

export class CircuitBreaker {
  private failures = 0;
  private pauses = 0;
  private pausedUntil = 0;
  private lastError: TranslationError | null = null;
  private lastOutcome: 'success' | 'failure' | null = null;

  constructor(
    private readonly backendName: string,
    private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Milliseconds left in the current pause; 0 when requests may go. */
  remainingPauseMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** The error a request gets while the backend is paused. */
  pausedError(): BackendPausedError {
    const seconds = Math.ceil(this.remainingPauseMs() / 1000);
    const last = this.lastError;
    return new BackendPausedError(
      last?.code ?? 'server',
      `${last?.message ?? `${this.backendName} keeps failing`} (RedBridge will ask ${this.backendName} again in ${seconds} s)`,
      last?.status,
    );
  }

  recordSuccess(): void {
    this.failures = 0;
    this.pauses = 0;
    this.lastError = null;
    this.lastOutcome = 'success';
  }

  /** How the backend is doing, for the popup: its last answer and any pause. */
  health(): BackendHealth {
    if (this.lastOutcome === null) return { state: 'unused' };
    if (!this.lastError) return { state: 'working' };
    const lastError = this.lastError.message;
    if (this.remainingPauseMs() > 0) {
      return { state: this.lastError.code === 'rate-limited' ? 'rate-limited' : 'paused', lastError, pausedForMs: this.remainingPauseMs() };
    }
    return { state: this.lastError.code === 'rate-limited' ? 'rate-limited' : 'failing', lastError };
  }

  recordFailure(error: TranslationError): void {
    this.failures += 1;
    this.lastError = error;
    this.lastOutcome = 'failure';
    // A backend that names its own wait is taken at its word, even on the first failure.
    const serverWait = error.retryAfterMs;
    if (serverWait === undefined && this.failures < this.options.failureThreshold) return;
    const ownWait = Math.min(this.options.maxPauseMs, this.options.basePauseMs * 2 ** this.pauses);
    this.pauses += 1;
    this.pausedUntil = this.now() + (serverWait ?? ownWait);
  }
}
