import { TranslationError } from '../errors';
import type { LanguagePair } from '../types';
import type { TranslatorApi, TranslatorLanguages } from './api';
import { NOT_IN_THIS_BROWSER, translateFailure, untilTimedOut } from './failures';
import { onDeviceLanguage } from './languages';
import { forgetTranslator, translatorFor } from './translators';

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
      if (failure.code === 'server') forgetTranslator(api, pair, translator);
      throw failure;
    }
  }
  return translations;
}
