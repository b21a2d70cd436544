import type { BackgroundResponses } from '../../messaging/protocol';
import type { BackendId, Settings } from '../../settings/schema';
import type { TranslateOutcome } from '../../messaging/wire';

export type CacheStats = BackgroundResponses['cache-stats'];
export type OcrStatus = BackgroundResponses['ocr-status'];

/** Everything the options page asks of the outside world: storage, the background, the file system. */
export interface OptionsApi {
  load(): Promise<Settings>;
  /** Stores the whole (validated) settings object in `storage.local`. */
  save(settings: Settings): Promise<void>;
  /** Calls `listener` when the settings change elsewhere (the popup, the composer); returns the unsubscribe. */
  watch(listener: (settings: Settings) => void): () => void;
  /** Translates the sample sentence with `backend` as `settings` (saved or not) configure it. */
  testBackend(backend: BackendId, settings: Settings): Promise<TranslateOutcome>;
  cacheStats(): Promise<CacheStats>;
  clearCache(): Promise<void>;
  /** The on-device text recognition: the engine's state, what it takes, the images cached (`ocr-status`). */
  ocrStatus(): Promise<OcrStatus>;
  /** Frees the text recognition models' memory now (`release-ocr`); the next image loads them again. */
  releaseOcr(): Promise<void>;
  /** Offers `text` as a file download named `name`. */
  download(name: string, text: string): void;
}
