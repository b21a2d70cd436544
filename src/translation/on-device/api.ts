/**
 * The part of Chrome's built-in Translator API (Chrome 138+ on desktop) that RedBridge uses.
 * Everything here takes the API object as a parameter, so the same code runs wherever the
 * browser exposes it (the service worker, the offscreen page) and unit tests can hand in a fake.
 */

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

/** How errors name the on-device translator. */
export const ON_DEVICE_NAME = "Chrome's on-device translator";

/** This context's `Translator`, when it has one that looks like the API (Firefox and older Chrome have none). */
export function findTranslatorApi(scope: object = globalThis): TranslatorApi | undefined {
  const candidate: unknown = (scope as { Translator?: unknown }).Translator;
  if (typeof candidate !== 'function' && (typeof candidate !== 'object' || candidate === null)) return undefined;
  const { availability, create } = candidate as Record<string, unknown>;
  return typeof availability === 'function' && typeof create === 'function' ? (candidate as TranslatorApi) : undefined;
}
