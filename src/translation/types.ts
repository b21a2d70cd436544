import type { FieldGroup } from '../settings/field';
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

/**
 * Everything RedBridge knows of a backend, in its folder (`backends/<id>/definition.ts`): its id
 * (its localized name is the `backend_<id>` message), its own settings (stored under
 * `settings.backends.<id>`, shown in its part of the options page) and how to make it. The
 * registry (`backends/registry.ts`) lists the definitions; the settings and the service read them there.
 */
export interface BackendDefinition<Id extends string = string, Fields extends FieldGroup = FieldGroup> {
  readonly id: Id;
  readonly settings: Fields;
  readonly create: BackendFactory;
}

