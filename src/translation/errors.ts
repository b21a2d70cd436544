/**
 * What can go wrong when asking a backend, in words a reader can act on. The code decides
 * what the service does next (retry the same backend, move on to the next one) and what the
 * UI offers; the message is shown as is.
 */
import { messageOf } from '../untyped';

export type TranslationErrorCode =
  | 'rate-limited'
  | 'auth'
  | 'quota'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'unavailable'
  | 'invalid-request';

/** Failures that may pass on their own: worth retrying the same backend after a wait. */
export const TRANSIENT_CODES: ReadonlySet<TranslationErrorCode> = new Set(['rate-limited', 'server', 'network', 'timeout']);

export class TranslationError extends Error {
  override readonly name = 'TranslationError';

  constructor(
    readonly code: TranslationErrorCode,
    message: string,
    readonly status?: number,
    /** How long the backend asked us to wait (its `Retry-After`), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The serialisable form sent to content scripts. */
export interface TranslationErrorInfo {
  code: TranslationErrorCode;
  message: string;
}

/** A TranslationError as it travels; a caught value becomes one through `toTranslationError` first. */
export function errorInfo(error: TranslationError): TranslationErrorInfo {
  return { code: error.code, message: error.message };
}

/**
 * The one way a caught value becomes a TranslationError, in the background and in content
 * scripts alike. A TranslationError already says what went wrong and is kept as it is. Anything
 * else (a library's own error, a bug, a message that found no background) is worded by the
 * place that caught it, which alone knows who failed: `code` and `describe(its words)`.
 */
export function toTranslationError(
  caught: unknown,
  code: TranslationErrorCode,
  describe: (detail: string) => string,
): TranslationError {
  if (caught instanceof TranslationError) return caught;
  return new TranslationError(code, describe(messageOf(caught)));
}

/**
 * What a backend throws that is not a TranslationError: an answer RedBridge cannot use
 * (`bad-response`), so the request is not retried and its texts may go to the next backend.
 */
export function backendFailure(caught: unknown, backendName: string): TranslationError {
  return toTranslationError(caught, 'bad-response', (detail) => `${backendName} failed: ${detail}`);
}

export function isTransient(error: unknown): boolean {
  return error instanceof TranslationError && TRANSIENT_CODES.has(error.code);
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds from
 * `now`, or undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Maps an HTTP status to an error, with the backend's own explanation when it gave one. */
export function httpError(backendName: string, status: number, detail?: string, retryAfterMs?: number): TranslationError {
  const why = detail ? `: ${detail}` : '';
  if (status === 429) {
    return new TranslationError(
      'rate-limited',
      `${backendName} is rate-limiting requests (HTTP 429)${why}`,
      status,
      retryAfterMs,
    );
  }
  if (status === 401 || status === 403) {
    return new TranslationError('auth', `${backendName} refused the API key (HTTP ${status})${why}`, status);
  }
  if (status >= 500) {
    return new TranslationError('server', `${backendName} had a server error (HTTP ${status})${why}`, status, retryAfterMs);
  }
  return new TranslationError('bad-request', `${backendName} rejected the request (HTTP ${status})${why}`, status);
}

/** Turns a fetch failure (offline, refused, aborted by our timeout) into a TranslationError. */
export function fetchFailure(backendName: string, error: unknown): TranslationError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TranslationError('timeout', `${backendName} did not answer in time`);
  }
  return toTranslationError(error, 'network', (detail) => `${backendName} could not be reached (${detail})`);
}

/**
 * Parses a backend's answer as JSON. A success that is not JSON is a bad answer; an error
 * status whose body is not JSON (a proxy's HTML page) is that status's error, from `statusError`.
 */
export function parseJsonAnswer(
  backendName: string,
  status: number,
  bodyText: string,
  statusError: () => TranslationError,
): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    if (status >= 200 && status < 300) {
      throw new TranslationError('bad-response', `${backendName} sent an answer that is not JSON`, status);
    }
    throw statusError();
  }
}
