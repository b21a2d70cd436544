import type { BackendId } from '../settings/schema';
import type { SlangEntry } from '../text/slang';

/** What an overlay shows. Translations are plain text from a backend: rendered as text only. */
export type OverlayState =
  | { status: 'loading' }
  | {
      status: 'done';
      text: string;
      tags: string[];
      /** The backend that translated the body (a fallback when the primary failed), by name. */
      backend: string;
      /** …and by id, so the reader can ask another one. */
      backendId?: BackendId;
      /** RedNote slang in the original, explained (machine translations only). */
      slang: SlangEntry[];
    }
  | { status: 'error'; message: string };

/**
 * A new overlay shows "Translating…" only if its translation takes longer than this. From the
 * cache it comes sooner, and the overlay then appears once, already translated: half the DOM
 * work on a long thread, and no flicker.
 */
export const LOADING_DELAY_MS = 150;
