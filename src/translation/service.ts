import { cacheKey } from '../cache/key';
import type { ServiceHealth, TranslateOutcome } from '../messaging/wire';
import { FailSafeCache } from '../cache/fail-safe-cache';
import type { TranslationCache } from '../cache/translation-cache';
import type { BackendId, ReplyTone, Settings } from '../settings/schema';
import { normalizeText } from '../text/normalize';
import { findSlang } from '../text/slang';
import { checkAnswer } from './answer';
import { BackendLane, DEFAULT_LANE_OPTIONS, type LaneOptions } from './backend-lane';
import { errorInfo, TranslationError } from './errors';
import { createBackend } from './registry';
import type { Backend, LanguagePair } from './types';
import { translateUnitWith } from './unit-translation';

/**
 * Which way a text goes. `read`: RedNote's Chinese into the reader's language. `reply`: the
 * user's English into the reply language (Simplified Chinese by default). `check`: a reply's
 * Chinese back into English, so the user can see the meaning survived.
 */
export type TranslationDirection = 'read' | 'reply' | 'check';

export interface TranslateOptions {
  direction?: TranslationDirection;
  /** Only for `reply`. */
  tone?: ReplyTone;
  /**
   * The user pressed Retry: the primary is asked even while it is paused, since the user may
   * know it is back (a new key, a network that returned).
   */
  retry?: boolean;
  /** Only this backend, not the chain: the reader asked for its translation. */
  only?: BackendId;
  /**
   * Aligned with the texts: the @mentions their page marked, the only ones kept as names.
   * Without it (text with no markup) mentions are guessed.
   */
  mentions?: readonly (readonly string[])[];
}

/** The language pair (and tone) of a direction under the current settings. */
export function languagesFor(settings: Settings, direction: TranslationDirection, tone?: ReplyTone): LanguagePair {
  switch (direction) {
    case 'read':
      return { source: 'zh', target: settings.targetLanguage };
    case 'reply':
      return { source: 'en', target: settings.replyLanguage, tone: tone ?? settings.replyTone };
    case 'check':
      return { source: settings.replyLanguage, target: 'en' };
  }
}

export interface TranslationServiceOptions {
  cache: TranslationCache;
  settings: () => Promise<Settings>;
  backendFor?: (settings: Settings, id: BackendId) => Backend;
  lane?: Partial<LaneOptions>;
  /** How long a cache read or write is waited for before translating without it. */
  cacheTimeoutMs?: number;
}

interface LaneEntry {
  /** The backend's settings when the lane was made: a changed key or URL makes a new lane. */
  config: string;
  lane: BackendLane;
}

/** One text on its way through the chain; `keys[i]` is its cache key under `lanes[i]`. */
interface UnitJob {
  text: string;
  /** The marked mentions, or undefined to guess them. */
  mentions: readonly string[] | undefined;
  keys: string[];
  lanes: BackendLane[];
  languages: LanguagePair;
  retry: boolean;
}

interface Produced {
  translation: string;
  lane: BackendLane;
}

/**
 * Cache → fallback chain → backend lanes. Each text is looked up in the cache under every
 * backend of the chain (one bulk read per call), so a translation a fallback produced is found
 * again. A text not cached goes to the primary backend's lane; if that fails after its
 * retries (or the backend is paused), to the next backend in `settings.fallbacks`, and so on.
 * The translation is cached under the backend that produced it.
 */
export class TranslationService {
  private readonly inflight = new Map<string, Promise<Produced>>();
  private readonly lanes = new Map<BackendId, LaneEntry>();
  private readonly backendFor: (settings: Settings, id: BackendId) => Backend;
  private readonly laneOptions: LaneOptions;
  /** Reading never fails with the cache: a cache that throws is read as empty and not written. */
  private readonly cache: FailSafeCache;
  /** Cache lookups and hits since the background started, for the options page. */
  private lookups = 0;
  private hits = 0;

  constructor(private readonly options: TranslationServiceOptions) {
    this.backendFor = options.backendFor ?? ((settings, id) => createBackend(settings, id));
    this.laneOptions = { ...DEFAULT_LANE_OPTIONS, ...options.lane };
    this.cache = new FailSafeCache(options.cache, options.cacheTimeoutMs);
  }

  async translate(texts: readonly string[], options: TranslateOptions = {}): Promise<TranslateOutcome[]> {
    const { retry = false } = options;
    const found = await this.lookUp(texts, options);
    const { lanes, languages, normalized, mentions, keys, settings } = found;
    return Promise.all(
      normalized.map(async (text, i): Promise<TranslateOutcome> => {
        const hit = found.hit(i);
        this.lookups += 1;
        if (hit) {
          this.hits += 1;
          return hit;
        }
        try {
          if (!text) throw new TranslationError('invalid-request', 'Nothing to translate');
          const produced = await this.translateOnce({ text, mentions: mentions[i], keys: keys[i]!, lanes, languages, retry });
          return outcome(text, produced.translation, produced.lane, languages, false, settings.slangNotes);
        } catch (error) {
          return { ok: false, error: errorInfo(error) };
        }
      }),
    );
  }

  /**
   * What the cache holds for each text (reading direction, current chain), or null: one bulk
   * read, no backend. Only hits count as lookups, since a miss is looked up again when the
   * text is translated.
   */
  async cached(texts: readonly string[], mentions?: TranslateOptions['mentions']): Promise<(TranslateOutcome | null)[]> {
    const found = await this.lookUp(texts, { mentions });
    return texts.map((_, i) => {
      const hit = found.hit(i);
      if (hit) {
        this.lookups += 1;
        this.hits += 1;
      }
      return hit;
    });
  }

  /** Each text's cache keys under every backend of the chain, read in one bulk query. */
  private async lookUp(texts: readonly string[], options: TranslateOptions) {
    const { direction = 'read', tone, only } = options;
    const settings = await this.options.settings();
    const lanes = (only ? [only] : chainOf(settings)).map((id) => this.laneFor(settings, id));
    const languages = languagesFor(settings, direction, tone);
    const normalized = texts.map(normalizeText);
    const mentions = texts.map((_, i) => (options.mentions ? (options.mentions[i] ?? []).map(normalizeText) : undefined));
    const keys = await Promise.all(
      normalized.map((text, i) =>
        Promise.all(lanes.map((lane) => cacheKey(cacheKeyParts(text, mentions[i], lane.backend, languages)))),
      ),
    );
    const cached = await this.cache.getMany(keys.flat());
    // A reply is asked for with a tone: a fallback's cached answer may not follow it, and
    // serving it would keep the user from ever getting the tone. Replies use the primary's only.
    const usableCaches = direction === 'reply' ? 1 : lanes.length;
    /** The i-th text's cached outcome, from the first backend of the chain that has it. */
    const hit = (i: number): TranslateOutcome | null => {
      const at = lanes.findIndex((_, l) => l < usableCaches && cached[i * lanes.length + l]);
      if (at < 0 || !normalized[i]) return null;
      return outcome(normalized[i]!, cached[i * lanes.length + at]!.translation, lanes[at]!, languages, true, settings.slangNotes);
    };
    return { settings, lanes, languages, normalized, mentions, keys, hit };
  }

  /** Identical texts asked for while one is on its way share its result. */
  private translateOnce(job: UnitJob): Promise<Produced> {
    const id = job.keys.join('\n');
    const existing = this.inflight.get(id);
    if (existing) return existing;
    const pending = this.throughChain(job).finally(() => this.inflight.delete(id));
    this.inflight.set(id, pending);
    return pending;
  }

  private async throughChain({ text, mentions, keys, lanes, languages, retry }: UnitJob): Promise<Produced> {
    const failures: TranslationError[] = [];
    for (const [i, lane] of lanes.entries()) {
      try {
        const translation = await translateUnitWith(lane, text, languages, { ignorePause: retry && i === 0, mentions });
        // Cached before the text leaves the in-flight map, so no later call can miss both.
        await this.cache.putMany([
          { key: keys[i]!, translation, backend: lane.backend.id, target: languages.target, createdAt: Date.now() },
        ]);
        return { translation, lane };
      } catch (error) {
        // Nothing to translate is the text's fault: no other backend would do better.
        if (error instanceof TranslationError && error.code === 'invalid-request') throw error;
        failures.push(
          error instanceof TranslationError ? error : new TranslationError('bad-response', errorInfo(error).message),
        );
      }
    }
    throw chainFailure(failures, lanes);
  }

  cacheUse(): { lookups: number; hits: number } {
    return { lookups: this.lookups, hits: this.hits };
  }

  /** Each backend of the chain, in order, with how its requests have been going; and the cache. */
  async health(): Promise<ServiceHealth> {
    const settings = await this.options.settings();
    const backends = chainOf(settings).map((id) => ({ id, ...this.laneFor(settings, id).breaker.health() }));
    return { backends, cache: this.cache.health() };
  }

  /**
   * Translates a sample sentence with one backend as `settings` configure it (saved or not),
   * straight through: no cache, no retries, no fallback, so the answer is that backend's own.
   */
  async testBackend(settings: Settings, id: BackendId): Promise<TranslateOutcome> {
    try {
      const backend = this.backendFor(settings, id);
      const languages = { source: 'zh', target: settings.targetLanguage };
      const answer = await backend.translate([BACKEND_TEST_SENTENCE], languages, AbortSignal.timeout(this.laneOptions.requestTimeoutMs));
      const [checked] = checkAnswer(backend.name, [BACKEND_TEST_SENTENCE], answer, languages);
      if (!checked!.ok) throw checked!.error;
      return { ok: true, translation: checked!.translation, backend: id, fromCache: false };
    } catch (error) {
      return { ok: false, error: errorInfo(error) };
    }
  }

  private laneFor(settings: Settings, id: BackendId): BackendLane {
    const config = JSON.stringify(backendConfig(settings, id));
    const entry = this.lanes.get(id);
    if (entry && entry.config === config) return entry.lane;
    const lane = new BackendLane(this.backendFor(settings, id), this.laneOptions);
    this.lanes.set(id, { config, lane });
    return lane;
  }
}

/** What the options page's Test button translates. */
export const BACKEND_TEST_SENTENCE = '你好，今天的天气真好！';

/** The primary backend, then each fallback once. */
export function chainOf(settings: Settings): BackendId[] {
  return [...new Set([settings.backend, ...settings.fallbacks])];
}

function backendConfig(settings: Settings, id: BackendId): unknown {
  // The LLM's prompt carries the slang glossary only when slang notes are on.
  if (id === 'openai') return { ...settings.backends.openai, slangNotes: settings.slangNotes };
  return id in settings.backends ? settings.backends[id as keyof Settings['backends']] : null;
}

/**
 * A tone is part of the key only where it changes the output: for LLMs. The marked mentions
 * only where the text has an `@`: elsewhere guessing finds none either, so the key is the same.
 */
function cacheKeyParts(text: string, mentions: readonly string[] | undefined, backend: Backend, languages: LanguagePair) {
  const { source, target, tone } = languages;
  const marked = mentions !== undefined && text.includes('@') ? { mentions } : {};
  const parts = { text, ...marked, backend: backend.cacheId ?? backend.id, source, target };
  return tone !== undefined && backend.capabilities.kind === 'llm' ? { ...parts, tone } : parts;
}

function outcome(
  text: string,
  translation: string,
  lane: BackendLane,
  languages: LanguagePair,
  fromCache: boolean,
  explainSlang: boolean,
): TranslateOutcome {
  const result: TranslateOutcome = { ok: true, translation, backend: lane.backend.id, fromCache };
  const kind = lane.backend.capabilities.kind;
  // The glossary explains Chinese slang; an LLM already had it in its prompt.
  if (explainSlang && kind === 'machine' && languages.source === 'zh') {
    const slang = findSlang(text);
    if (slang.length > 0) result.slang = slang;
  }
  if (languages.tone !== undefined) result.toneApplied = kind === 'llm';
  return result;
}

/** The primary's error, saying what the fallbacks answered too. */
function chainFailure(failures: TranslationError[], lanes: BackendLane[]): TranslationError {
  const [first, ...rest] = failures;
  if (!first) return new TranslationError('invalid-request', 'No translation backend is configured');
  if (rest.length === 0) return first;
  const others = rest.map((error, i) => `${lanes[i + 1]!.backend.name}: ${error.message}`).join('; ');
  return new TranslationError(first.code, `${first.message}. Fallbacks failed too (${others})`, first.status);
}
