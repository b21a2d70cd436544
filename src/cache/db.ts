import Dexie, { type Table } from 'dexie';
import type { BackendId } from '../settings/schema';
import type { ImageReading } from '../ocr/image-reading';
import type { Cue } from '../video/srt';
import { withoutInvisibleFormat } from '../translation/answer';

export interface CachedTranslation {
  /** `cacheKey()` of the normalised source text, backend and languages. */
  key: string;
  translation: string;
  /** The backend that produced the translation. */
  backend: BackendId;
  target: string;
  createdAt: number;
  /** Last written or read (to within an hour): the least recently used go first when the cache is full. */
  usedAt?: number;
}

/** What on-device OCR read on one image (issue 28): read once, shown again with no OCR run. */
export interface CachedImageReading {
  /** The image, as the page names it: its URL without size and format suffixes. */
  key: string;
  /** SHA-256 (hex) of the image's bytes when RedBridge fetched them: the same image under another URL. */
  hash?: string;
  reading: ImageReading;
  createdAt: number;
  usedAt: number;
}

/** A video's subtitles (issue 31), by note and track, never by the track's signed URL, which expires. */
export interface CachedSubtitles {
  /** `subtitleKey()`: the note, the track's group and language. */
  key: string;
  cues: Cue[];
  createdAt: number;
  usedAt: number;
}

export const DB_NAME = 'redbridge';

/**
 * The extension-origin IndexedDB database. Each schema change is a new `version(n)` block;
 * old blocks stay so that existing installs upgrade in order.
 */
export class RedBridgeDb extends Dexie {
  translations!: Table<CachedTranslation, string>;
  imageReadings!: Table<CachedImageReading, string>;
  subtitles!: Table<CachedSubtitles, string>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({ translations: 'key, createdAt' });
    // v2: an index on last use, for least-recently-used eviction; old entries count as used when made.
    this.version(2)
      .stores({ translations: 'key, createdAt, usedAt' })
      .upgrade((tx) =>
        tx
          .table('translations')
          .toCollection()
          .modify((entry: CachedTranslation) => {
            entry.usedAt ??= entry.createdAt;
          }),
      );
    // v3: earlier versions cached whatever a backend answered. Blank translations (Google's
    // 200 with no sentences) are deleted, so those texts are translated again; bidi controls
    // and other invisible format characters are taken out of the rest.
    this.version(3)
      .stores({ translations: 'key, createdAt, usedAt' })
      .upgrade((tx) =>
        tx
          .table('translations')
          .toCollection()
          .modify((entry: CachedTranslation, ref: { value?: CachedTranslation }) => {
            const translation = typeof entry.translation === 'string' ? withoutInvisibleFormat(entry.translation).trim() : '';
            // Dexie deletes the entry whose `value` the callback deletes.
            if (!translation) delete ref.value;
            else if (translation !== entry.translation) entry.translation = translation;
          }),
      );
    // v4: what OCR read on note images.
    this.version(4).stores({ translations: 'key, createdAt, usedAt', imageReadings: 'key, hash, createdAt, usedAt' });
    // v5: video notes' subtitles.
    this.version(5).stores({ translations: 'key, createdAt, usedAt', imageReadings: 'key, hash, createdAt, usedAt', subtitles: 'key, createdAt, usedAt' });
  }
}
