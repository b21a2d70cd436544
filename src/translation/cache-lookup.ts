import { cacheKey } from '../cache/key';
import type { FailSafeCache } from '../cache/fail-safe-cache';
import type { TranslateOutcome } from '../messaging/wire';
import type { Settings } from '../settings/schema';
import { normalizeText } from '../text/normalize';
import { cacheKeyParts } from './cache-keys';
import { languagesFor, type TranslationDirection } from './directions';
import { outcome } from './outcomes';
import type { Backend, LanguagePair } from './types';

export interface CacheLookup {
  languages: LanguagePair;
  /** The texts as they are translated and cached. */
  normalized: string[];
  /** Each text's marked mentions, normalised; undefined where they are to be guessed. */
  mentions: (string[] | undefined)[];
  /** `keys[i][b]`: the i-th text's cache key under `chain[b]`. */
  keys: string[][];
  /** The i-th text's cached outcome, from the first backend of the chain that has it, or null. */
  hit(i: number): TranslateOutcome | null;
}

/** Each text's cache keys under every backend of `chain`, read in one bulk query. */
export async function lookUpInCache(
  cache: FailSafeCache,
  settings: Settings,
  chain: readonly Backend[],
  texts: readonly string[],
  options: { direction?: TranslationDirection; tone?: Settings['replyTone']; mentions?: readonly (readonly string[])[] },
): Promise<CacheLookup> {
  const { direction = 'read', tone } = options;
  const languages = languagesFor(settings, direction, tone);
  const normalized = texts.map(normalizeText);
  const mentions = texts.map((_, i) => (options.mentions ? (options.mentions[i] ?? []).map(normalizeText) : undefined));
  const keys = await Promise.all(
    normalized.map((text, i) => Promise.all(chain.map((backend) => cacheKey(cacheKeyParts(text, mentions[i], backend, languages))))),
  );
  const cached = await cache.getMany(keys.flat());
  // A reply is asked for with a tone: a fallback's cached answer may not follow it, and
  // serving it would keep the user from ever getting the tone. Replies use the primary's only.
  const usableCaches = direction === 'reply' ? 1 : chain.length;
  const hit = (i: number): TranslateOutcome | null => {
    const at = chain.findIndex((_, b) => b < usableCaches && cached[i * chain.length + b]);
    if (at < 0 || !normalized[i]) return null;
    const entry = cached[i * chain.length + at]!;
    return outcome(normalized[i]!, entry.translation, chain[at]!, languages, true, settings.slangNotes);
  };
  return { languages, normalized, mentions, keys, hit };
}
