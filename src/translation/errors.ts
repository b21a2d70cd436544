/**
 * What can go wrong when asking a backend, in words a reader can act on. The code decides
 * what the UI offers (retry, settings); the message is shown as is.
 */
export type TranslationErrorCode =
  | 'rate-limited'
  | 'auth'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'invalid-request';

export class TranslationError extends Error {
  override readonly name = 'TranslationError';

  constructor(
    readonly code: TranslationErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The serialisable form sent to content scripts. */
export interface TranslationErrorInfo {
  code: TranslationErrorCode;
  message: string;
}

export function errorInfo(error: unknown): TranslationErrorInfo {
  if (error instanceof TranslationError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'network', message: `Translation failed: ${message}` };
}

/** Maps an HTTP status to an error, with the backend's own explanation when it gave one. */
export function httpError(backendName: string, status: number, detail?: string): TranslationError {
  const why = detail ? `: ${detail}` : '';
  if (status === 429) {
    return new TranslationError('rate-limited', `${backendName} is rate-limiting requests (HTTP 429)${why}`, status);
  }
  if (status === 401 || status === 403) {
    return new TranslationError('auth', `${backendName} refused the API key (HTTP ${status})${why}`, status);
  }
  if (status >= 500) {
    return new TranslationError('server', `${backendName} had a server error (HTTP ${status})${why}`, status);
  }
  return new TranslationError('bad-request', `${backendName} rejected the request (HTTP ${status})${why}`, status);
}

/** Turns a fetch failure (offline, refused, aborted by our timeout) into a TranslationError. */
export function fetchFailure(backendName: string, error: unknown): TranslationError {
  if (error instanceof TranslationError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TranslationError('timeout', `${backendName} did not answer in time`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TranslationError('network', `${backendName} could not be reached (${message})`);
}
