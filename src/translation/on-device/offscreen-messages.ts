/**
 * The small protocol between the background and the offscreen page, which runs the Translator
 * API where the service worker lacks it. Both sides import it; the offscreen page must not pull
 * in the backend modules.
 */
import { isRecord } from '../../untyped';
import { TranslationError, type TranslationErrorCode, type TranslationErrorInfo } from '../errors';
import type { LanguagePair } from '../types';
import { ON_DEVICE_LIMITS, ON_DEVICE_NAME } from './api';

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
  if (!isRecord(message)) return null;
  const { target, type, texts, languages } = message;
  if (target !== OFFSCREEN_TARGET || type !== 'translate-on-device') return null;
  if (!Array.isArray(texts) || texts.length > ON_DEVICE_LIMITS.maxTexts) return null;
  if (!texts.every((text): text is string => typeof text === 'string')) return null;
  if (texts.reduce((sum: number, text: string) => sum + text.length, 0) > ON_DEVICE_LIMITS.maxChars) return null;
  if (!isRecord(languages)) return null;
  const { source, target: to } = languages;
  if (typeof source !== 'string' || typeof to !== 'string') return null;
  if (!LANGUAGE_TAG.test(source) || !LANGUAGE_TAG.test(to)) return null;
  return { target, type, texts, languages: { source, target: to } };
}

const REMOTE_CODES: ReadonlySet<TranslationErrorCode> = new Set(['unavailable', 'timeout', 'bad-request', 'server']);

/** The background's view of the offscreen page's answer: the translations, or the error it reported. */
export function readOffscreenResponse(reply: unknown, expected: number): string[] {
  if (isRecord(reply)) {
    const { ok, translations, error } = reply;
    if (
      ok === true &&
      Array.isArray(translations) &&
      translations.length === expected &&
      translations.every((text) => typeof text === 'string')
    ) {
      return translations as string[];
    }
    if (ok === false && isRecord(error) && typeof error.message === 'string') {
      const code = error.code as TranslationErrorCode;
      throw new TranslationError(REMOTE_CODES.has(code) ? code : 'bad-response', error.message);
    }
  }
  throw new TranslationError('bad-response', `${ON_DEVICE_NAME} sent an answer RedBridge cannot read`);
}
