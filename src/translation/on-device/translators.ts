import type { OnDeviceTranslator, TranslatorApi, TranslatorLanguages } from './api';
import { availabilityError, createFailure } from './failures';

/** Creating a translator loads its model; one that takes longer than this is not coming. */
const CREATE_TIMEOUT_MS = 30_000;

/** Translators by API object, then by language pair: each is created once and reused. */
const translators = new WeakMap<TranslatorApi, Map<string, Promise<OnDeviceTranslator>>>();

function pairKey(pair: TranslatorLanguages): string {
  return `${pair.sourceLanguage}\n${pair.targetLanguage}`;
}

/** The pair's translator: made on first use and shared, so the model loads once; a failure is not remembered. */
export function translatorFor(api: TranslatorApi, pair: TranslatorLanguages): Promise<OnDeviceTranslator> {
  let byPair = translators.get(api);
  if (!byPair) {
    byPair = new Map();
    translators.set(api, byPair);
  }
  const key = pairKey(pair);
  const existing = byPair.get(key);
  if (existing) return existing;
  const created = openTranslator(api, pair);
  byPair.set(key, created);
  created.catch(() => {
    if (byPair.get(key) === created) byPair.delete(key);
  });
  return created;
}

/** Drops a translator that broke (its model process died, it was destroyed): the next text gets a new one. */
export function forgetTranslator(api: TranslatorApi, pair: TranslatorLanguages, translator: OnDeviceTranslator): void {
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
