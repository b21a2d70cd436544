/**
 * What the background answers about translations, as it travels to content scripts, the popup
 * and the options page. Types only: each side imports them from here, never from the
 * background's modules.
 */
import type { CacheHealth } from '../cache/fail-safe-cache';
import type { BackendId } from '../settings/schema';
import type { SlangEntry } from '../text/slang';
import type { BackendHealth } from '../translation/circuit-breaker';
import type { TranslationErrorInfo } from '../translation/errors';

export type TranslateOutcome =
  | {
      ok: true;
      translation: string;
      /** The backend that produced the translation: the primary or a fallback. */
      backend: BackendId;
      fromCache: boolean;
      /** Slang the text uses, explained, when a machine-translation backend translated Chinese. */
      slang?: SlangEntry[];
      /** Set when a tone was asked for: whether the producing backend could follow it (LLMs only). */
      toneApplied?: boolean;
    }
  | { ok: false; error: TranslationErrorInfo };

/** One backend of the chain and how it is doing. */
export type BackendStatus = { id: BackendId } & BackendHealth;

/** The chain's backends, and whether the cache works. */
export interface ServiceHealth {
  backends: BackendStatus[];
  cache: CacheHealth;
}
