import type { CheckedTranslation } from '../answer';
import { BackendPausedError, type CircuitBreaker } from '../circuit-breaker';
import type { TranslationError, TranslationErrorCode } from '../errors';

/** Failures that say something about the backend, not about one text: they count towards a pause. */
const BACKEND_FAILURES: ReadonlySet<TranslationErrorCode> = new Set([
  'rate-limited',
  'server',
  'network',
  'timeout',
  'auth',
  'quota',
  'unavailable',
]);

/**
 * Tells the breaker how an answered request went. An answer with no translation in it at all
 * is the backend failing (as when Google answers 200 with no sentences): it counts towards a
 * pause. One odd text among good ones is that text's problem: it goes on to the next backend alone.
 */
export function recordAnswer(breaker: CircuitBreaker, checked: readonly CheckedTranslation[]): void {
  const refused = checked.find((result) => !result.ok);
  if (checked.some((result) => result.ok)) breaker.recordSuccess();
  else if (refused && !refused.ok) breaker.recordFailure(refused.error);
}

/** Tells the breaker about a request that failed for good; a refusal because it was paused says nothing new. */
export function recordRequestFailure(breaker: CircuitBreaker, error: TranslationError): void {
  if (BACKEND_FAILURES.has(error.code) && !(error instanceof BackendPausedError)) breaker.recordFailure(error);
}
