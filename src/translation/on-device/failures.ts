/** What can go wrong with the on-device translator, in words a reader can act on. */
import { isRecord, messageOf } from '../../untyped';
import { toTranslationError, TranslationError } from '../errors';
import { untilAborted } from '../until-aborted';
import { ON_DEVICE_NAME as NAME, type TranslatorLanguages } from './api';
import { pairWords } from './languages';

const PICK_ANOTHER = "Pick another backend in RedBridge's settings.";

export const NOT_IN_THIS_BROWSER =
  `${NAME} is not available in this browser (it needs Chrome 138 or later on desktop). ${PICK_ANOTHER}`;

/** The reader-facing error for every answer of `availability()` but `available`. */
export function availabilityError(availability: string, pair: TranslatorLanguages): TranslationError {
  const { from, to } = pairWords(pair);
  switch (availability) {
    case 'downloadable':
      return new TranslationError(
        'unavailable',
        `${NAME} has not downloaded its ${from} → ${to} language pack yet, and RedBridge cannot start that ` +
          `download from the background. ${PICK_ANOTHER}`,
      );
    case 'downloading':
      return new TranslationError(
        'unavailable',
        `${NAME} is still downloading its ${from} → ${to} language pack. Try again in a few minutes, or pick ` +
          `another backend in RedBridge's settings.`,
      );
    default:
      return new TranslationError(
        'unavailable',
        `Chrome on this device cannot translate ${from} to ${to} on device. ${PICK_ANOTHER}`,
      );
  }
}

/** The DOMException name the API failed with ('' for anything else). */
function nameOf(error: unknown): string {
  return isRecord(error) && typeof error.name === 'string' ? error.name : '';
}

function isAbort(error: unknown): boolean {
  const name = nameOf(error);
  return name === 'AbortError' || name === 'TimeoutError';
}

const TIMED_OUT = (): TranslationError => new TranslationError('timeout', `${NAME} did not finish in time`);

/** `availability()` or `create()` failed: the pair cannot be translated here, for now. */
export function createFailure(error: unknown, pair: TranslatorLanguages): TranslationError {
  if (isAbort(error)) return TIMED_OUT();
  const { from, to } = pairWords(pair);
  switch (nameOf(error)) {
    case 'RangeError':
    case 'TypeError':
      // An invalid language tag.
      return new TranslationError(
        'unavailable',
        `${NAME} does not understand the language "${pair.targetLanguage}" (${messageOf(error)}). ${PICK_ANOTHER}`,
      );
    case 'NotSupportedError':
      return availabilityError('unavailable', pair);
    case 'NotAllowedError':
      // The pack needs a download, which needs a click (or the user or an admin turned the API off).
      return new TranslationError(
        'unavailable',
        `${NAME} is not allowed to prepare ${from} → ${to} here (${messageOf(error)}). ${PICK_ANOTHER}`,
      );
    default:
      return toTranslationError(error, 'unavailable', (detail) => `${NAME} could not start (${detail}). ${PICK_ANOTHER}`);
  }
}

/** `translate()` failed for one text. */
export function translateFailure(error: unknown): TranslationError {
  if (isAbort(error)) return TIMED_OUT();
  if (nameOf(error) === 'QuotaExceededError') {
    return new TranslationError('bad-request', `The text is too long for ${NAME} (${messageOf(error)})`);
  }
  // Anything else (UnknownError, InvalidStateError) is the translator's own trouble and may pass.
  return toTranslationError(error, 'server', (detail) => `${NAME} failed (${detail})`);
}

/** Waits for `promise`, or rejects with a `timeout` TranslationError as soon as `signal` fires. */
export function untilTimedOut<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return untilAborted(promise, signal, TIMED_OUT);
}
