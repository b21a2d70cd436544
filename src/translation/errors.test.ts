import { describe, expect, it } from 'vitest';
import { backendFailure, errorInfo, fetchFailure, toTranslationError, TranslationError } from './errors';

describe('toTranslationError, the one mapping of a caught value', () => {
  const notResponding = (detail: string) => `RedBridge is not responding (${detail})`;

  it('keeps a TranslationError as it is, whatever the caller would have called it', () => {
    const limited = new TranslationError('rate-limited', 'Fake is rate-limiting requests (HTTP 429)', 429, 2000);
    expect(toTranslationError(limited, 'network', notResponding)).toBe(limited);
  });

  it('words anything else with the code and words of the place that caught it', () => {
    const error = toTranslationError(new Error('Could not establish connection'), 'network', notResponding);
    expect(error).toBeInstanceOf(TranslationError);
    expect(error).toMatchObject({ code: 'network', message: 'RedBridge is not responding (Could not establish connection)' });
    expect(toTranslationError('gone', 'network', notResponding).message).toBe('RedBridge is not responding (gone)');
  });

  it('makes what a backend throws that is not a TranslationError a bad answer naming it', () => {
    expect(backendFailure(new TypeError('x is undefined'), 'Fake')).toMatchObject({
      code: 'bad-response',
      message: 'Fake failed: x is undefined',
    });
    const auth = new TranslationError('auth', 'Fake refused the API key (HTTP 401)', 401);
    expect(backendFailure(auth, 'Fake')).toBe(auth);
  });

  it('sends a TranslationError as its code and message only', () => {
    const error = new TranslationError('server', 'Fake had a server error (HTTP 500)', 500, 1000);
    expect(errorInfo(error)).toEqual({ code: 'server', message: 'Fake had a server error (HTTP 500)' });
  });

  it('reads a fetch that failed as a timeout when aborted, else as the network', () => {
    expect(fetchFailure('Fake', new DOMException('signal timed out', 'TimeoutError'))).toMatchObject({ code: 'timeout' });
    expect(fetchFailure('Fake', new TypeError('fetch failed'))).toMatchObject({
      code: 'network',
      message: 'Fake could not be reached (fetch failed)',
    });
  });
});
