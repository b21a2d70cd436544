import type { BackendId, ReplyTone, Settings } from '../settings/schema';

export interface LanguagePair {
  /** `zh` when reading RedNote; `en` when composing a reply. */
  source: string;
  target: string;
  /** The register wanted for a reply. Only LLM backends can follow it; machine backends ignore it. */
  tone?: ReplyTone;
}

export interface BackendCapabilities {
  /** Most texts one request may carry (1 = no batching). */
  maxTextsPerRequest: number;
  /** Most characters one request may carry, all texts together; longer texts are split at sentences. */
  maxCharsPerRequest: number;
  /**
   * `machine`: a translation engine; slang found in a unit is explained next to its translation.
   * `llm`: a language model; it gets the slang glossary in its prompt instead.
   */
  kind: 'machine' | 'llm';
  /** Requests in flight at once. */
  maxConcurrentRequests: number;
  /** Token bucket that spaces requests: refill rate and bucket size. */
  requestsPerSecond: number;
  burst: number;
}

/**
 * A translation backend. `translate` gets normalised texts and returns one translation per
 * text, in order, or throws a TranslationError.
 */
export interface Backend {
  readonly id: BackendId;
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  /**
   * Names the backend in cache keys. Defaults to `id`; a backend whose output also depends on
   * a model or a prompt (an LLM) adds them, so changing either does not serve stale answers.
   */
  readonly cacheId?: string;
  translate(texts: readonly string[], languages: LanguagePair, signal: AbortSignal): Promise<string[]>;
}

export type BackendFactory = (settings: Settings) => Backend;
