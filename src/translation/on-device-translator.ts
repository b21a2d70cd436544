/**
 * Translation with Chrome's built-in Translator API (Chrome 138+ on desktop). Everything here
 * takes the API object as a parameter, so the same code runs wherever the browser exposes it
 * (the service worker, the offscreen page) and unit tests can hand in a fake.
 *
 * This module also holds the small protocol between the background and the offscreen page,
 * since both sides need it and the offscreen page must not pull in the backend modules.
 */
import { errorInfo, TranslationError, type TranslationErrorCode, type TranslationErrorInfo } from './errors';
import type { LanguagePair } from './types';
import { untilAborted } from './until-aborted';

export type TranslatorAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** The language pair in the Translator API's own option names. */
export interface TranslatorLanguages {
  sourceLanguage: string;
  targetLanguage: string;
}

/** One translator for one language pair (the part of Chrome's `Translator` instance we use). */
export interface OnDeviceTranslator {
  translate(input: string, options?: { signal?: AbortSignal }): Promise<string>;
  destroy(): void;
}

/** The static side of Chrome's `Translator` (the part we use). */
export interface TranslatorApi {
  availability(options: TranslatorLanguages): Promise<string>;
  create(options: TranslatorLanguages & { signal?: AbortSignal }): Promise<OnDeviceTranslator>;
}

/** The most texts and characters one request may carry; the backend advertises the same. */
export const ON_DEVICE_LIMITS = { maxTexts: 20, maxChars: 5000 } as const;

/** Creating a translator loads its model; one that takes longer than this is not coming. */
const CREATE_TIMEOUT_MS = 30_000;

const NAME = "Chrome's on-device translator";
const PICK_ANOTHER = "Pick another backend in RedBridge's settings.";

export const NOT_IN_THIS_BROWSER =
  `${NAME} is not available in this browser (it needs Chrome 138 or later on desktop). ${PICK_ANOTHER}`;

/** This context's `Translator`, when it has one that looks like the API (Firefox and older Chrome have none). */
export function findTranslatorApi(scope: object = globalThis): TranslatorApi | undefined {
  const candidate: unknown = (scope as { Translator?: unknown }).Translator;
  if (typeof candidate !== 'function' && (typeof candidate !== 'object' || candidate === null)) return undefined;
  const { availability, create } = candidate as Record<string, unknown>;
  return typeof availability === 'function' && typeof create === 'function' ? (candidate as TranslatorApi) : undefined;
}

/**
 * Chrome's codes: `zh` for Simplified and `zh-Hant` for Traditional Chinese; any other BCP 47
 * tag goes through as it is (Chrome matches `en-GB` to its English pack itself).
 */
export function onDeviceLanguage(code: string): string {
  if (/^zh-(hant|tw|hk|mo)\b/i.test(code)) return 'zh-Hant';
  if (/^zh\b/i.test(code)) return 'zh';
  return code;
}

/** "Chinese", "English", "Traditional Chinese": the words a reader sees in error messages. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Translators by API object, then by language pair: each is created once and reused. */
const translators = new WeakMap<TranslatorApi, Map<string, Promise<OnDeviceTranslator>>>();

/**
 * Translates `texts` in order with `api`, one translator per language pair, created on the
 * first request and reused. Rejects only with TranslationError: `unavailable` when there is
 * no API, no language pack on the device, or no such pair; `timeout` when `signal` fires.
 */
export async function translateOnDevice(
  api: TranslatorApi | undefined,
  texts: readonly string[],
  languages: LanguagePair,
  signal?: AbortSignal,
): Promise<string[]> {
  if (!api) throw new TranslationError('unavailable', NOT_IN_THIS_BROWSER);
  if (texts.length === 0) return [];
  const pair: TranslatorLanguages = {
    sourceLanguage: onDeviceLanguage(languages.source),
    targetLanguage: onDeviceLanguage(languages.target),
  };
  const translator = await untilTimedOut(translatorFor(api, pair), signal);
  const translations: string[] = [];
  // One at a time: the model works through one text anyway, and an abort stops the rest.
  for (const text of texts) {
    try {
      translations.push(await untilTimedOut(translator.translate(text, signal ? { signal } : undefined), signal));
    } catch (error) {
      const failure = translateFailure(error);
      // A translator that broke (its model process died, it was destroyed) is not reused.
      if (failure.code === 'server') forget(api, pair, translator);
      throw failure;
    }
  }
  return translations;
}

function pairKey(pair: TranslatorLanguages): string {
  return `${pair.sourceLanguage}\n${pair.targetLanguage}`;
}

function translatorFor(api: TranslatorApi, pair: TranslatorLanguages): Promise<OnDeviceTranslator> {
  let byPair = translators.get(api);
  if (!byPair) {
    byPair = new Map();
    translators.set(api, byPair);
  }
  const key = pairKey(pair);
  const existing = byPair.get(key);
  if (existing) return existing;
  // Shared by concurrent first calls, so the model loads once; a failure is not remembered.
  const created = openTranslator(api, pair);
  byPair.set(key, created);
  created.catch(() => {
    if (byPair.get(key) === created) byPair.delete(key);
  });
  return created;
}

function forget(api: TranslatorApi, pair: TranslatorLanguages, translator: OnDeviceTranslator): void {
  translators.get(api)?.delete(pairKey(pair));
  try {
    translator.destroy();
  } catch {
    // Already gone: nothing left to free.
  }
}

async function openTranslator(api: TranslatorApi, pair: TranslatorLanguages): Promise<OnDeviceTranslator> {
  let availability: string;
  try {
    availability = await api.availability(pair);
  } catch (error) {
    throw createFailure(error, pair);
  }
  // Only a pack already on the device is used: creating one that still has to be downloaded
  // needs a click in a page (and in the service worker it waits for a download instead).
  if (availability !== 'available') throw availabilityError(availability, pair);
  try {
    return await api.create({ ...pair, signal: AbortSignal.timeout(CREATE_TIMEOUT_MS) });
  } catch (error) {
    throw createFailure(error, pair);
  }
}

function pairWords(pair: TranslatorLanguages): { from: string; to: string } {
  return { from: languageName(pair.sourceLanguage), to: languageName(pair.targetLanguage) };
}

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

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
    ? String((error as { message: unknown }).message)
    : String(error);
}

function isAbort(error: unknown): boolean {
  const name = nameOf(error);
  return name === 'AbortError' || name === 'TimeoutError';
}

const TIMED_OUT = (): TranslationError => new TranslationError('timeout', `${NAME} did not finish in time`);

/** `availability()` or `create()` failed: the pair cannot be translated here, for now. */
function createFailure(error: unknown, pair: TranslatorLanguages): TranslationError {
  if (error instanceof TranslationError) return error;
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
      return new TranslationError('unavailable', `${NAME} could not start (${messageOf(error)}). ${PICK_ANOTHER}`);
  }
}

/** `translate()` failed for one text. */
function translateFailure(error: unknown): TranslationError {
  if (error instanceof TranslationError) return error;
  if (isAbort(error)) return TIMED_OUT();
  if (nameOf(error) === 'QuotaExceededError') {
    return new TranslationError('bad-request', `The text is too long for ${NAME} (${messageOf(error)})`);
  }
  // Anything else (UnknownError, InvalidStateError) is the translator's own trouble and may pass.
  return new TranslationError('server', `${NAME} failed (${messageOf(error)})`);
}

/** Waits for `promise`, or rejects with a `timeout` TranslationError as soon as `signal` fires. */
export function untilTimedOut<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return untilAborted(promise, signal, TIMED_OUT);
}

// ---------------------------------------------------------------------------------------------
// Background ↔ offscreen page

/** Marks messages for the offscreen page; it ignores every message without it. */
export const OFFSCREEN_TARGET = 'redbridge-offscreen';

/** The offscreen page gives up on a request after this; the background stops waiting sooner. */
export const OFFSCREEN_TIMEOUT_MS = 30_000;

export interface OffscreenTranslateRequest {
  target: typeof OFFSCREEN_TARGET;
  type: 'translate-on-device';
  texts: string[];
  languages: LanguagePair;
}

export type OffscreenTranslateResponse =
  | { ok: true; translations: string[] }
  | { ok: false; error: TranslationErrorInfo };

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The offscreen page's view of a message: ours and well formed, or null. */
export function parseOffscreenRequest(message: unknown): OffscreenTranslateRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const { target, type, texts, languages } = message as Record<string, unknown>;
  if (target !== OFFSCREEN_TARGET || type !== 'translate-on-device') return null;
  if (!Array.isArray(texts) || texts.length > ON_DEVICE_LIMITS.maxTexts) return null;
  if (!texts.every((text): text is string => typeof text === 'string')) return null;
  if (texts.reduce((sum: number, text: string) => sum + text.length, 0) > ON_DEVICE_LIMITS.maxChars) return null;
  if (typeof languages !== 'object' || languages === null) return null;
  const { source, target: to } = languages as Record<string, unknown>;
  if (typeof source !== 'string' || typeof to !== 'string') return null;
  if (!LANGUAGE_TAG.test(source) || !LANGUAGE_TAG.test(to)) return null;
  return { target, type, texts, languages: { source, target: to } };
}

/** Who sent a runtime message (the part the offscreen page checks). */
export interface MessageSenderLike {
  id?: string;
  tab?: unknown;
}

/**
 * The offscreen page's listener: answers the background's on-device requests and returns
 * undefined for everything else, so other listeners and the sender see those unanswered.
 */
export function answerOffscreenMessage(
  message: unknown,
  sender: MessageSenderLike,
  ownId: string,
  api: TranslatorApi | undefined,
): Promise<OffscreenTranslateResponse> | undefined {
  // Only the background asks: not content scripts or extension tabs (they carry a tab), not other extensions.
  if (sender.id !== ownId || sender.tab !== undefined) return undefined;
  const request = parseOffscreenRequest(message);
  return request ? answerOffscreenRequest(api, request) : undefined;
}

/** The offscreen page's answer: never rejects, since an error cannot cross the message channel as is. */
export async function answerOffscreenRequest(
  api: TranslatorApi | undefined,
  request: OffscreenTranslateRequest,
  timeoutMs = OFFSCREEN_TIMEOUT_MS,
): Promise<OffscreenTranslateResponse> {
  try {
    const translations = await translateOnDevice(api, request.texts, request.languages, AbortSignal.timeout(timeoutMs));
    return { ok: true, translations };
  } catch (error) {
    return { ok: false, error: errorInfo(error) };
  }
}

const REMOTE_CODES: ReadonlySet<TranslationErrorCode> = new Set(['unavailable', 'timeout', 'bad-request', 'server']);

/** The background's view of the offscreen page's answer: the translations, or the error it reported. */
export function readOffscreenResponse(reply: unknown, expected: number): string[] {
  if (typeof reply === 'object' && reply !== null) {
    const { ok, translations, error } = reply as Record<string, unknown>;
    if (
      ok === true &&
      Array.isArray(translations) &&
      translations.length === expected &&
      translations.every((text) => typeof text === 'string')
    ) {
      return translations as string[];
    }
    if (ok === false && typeof error === 'object' && error !== null) {
      const { code, message } = error as Record<string, unknown>;
      if (typeof message === 'string') {
        const known = REMOTE_CODES.has(code as TranslationErrorCode) ? (code as TranslationErrorCode) : 'bad-response';
        throw new TranslationError(known, message);
      }
    }
  }
  throw new TranslationError('bad-response', `${NAME} sent an answer RedBridge cannot read`);
}
