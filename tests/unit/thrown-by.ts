import { expect } from 'vitest';
import { TranslationError } from '../../src/translation/errors';

/** The TranslationError `fn` throws (fails the test when it throws nothing or something else). */
export function thrownBy(fn: () => unknown): TranslationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TranslationError);
    return error as TranslationError;
  }
  throw new Error('expected a TranslationError, nothing was thrown');
}
