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

/** The TranslationError `promise` rejects with (fails the test when it resolves or rejects with something else). */
export async function failureOf(promise: Promise<unknown>): Promise<TranslationError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a TranslationError, it resolved');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return error as TranslationError;
}
