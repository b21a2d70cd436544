/**
 * The requests content scripts and extension pages send the background, and the response each
 * gets (`BackgroundResponses`). The background checks every request with
 * `parseBackgroundRequest` (parse-request.ts), since a message is untrusted input; messages the
 * other way are in content-messages.ts, the answers' shared types in wire.ts.
 */
import type { SubtitleTrack } from '../sites/types';
import type { SubtitleOutcome } from '../video/subtitle-loader';
import type { DraftKey, ReplyDraft } from '../drafts/draft';
import type { BackendId, PageSettings, ReplyTone, SubtitleLanguage } from '../settings/schema';
import type { ServiceHealth, TranslateOutcome } from './wire';
import type { OcrEngineStatus } from '../ocr/engine';
import type { ImageReadOutcome } from '../ocr/image-reader';
import type { Rect } from '../ocr/types';

export const MAX_TEXTS_PER_MESSAGE = 200;
export const MAX_TEXT_LENGTH = 20_000;

/** Most @mentions one text may name. */
export const MAX_MENTIONS_PER_TEXT = 50;

/**
 * A unit's text with the @mentions its page marked (`mentions`, exactly as written in the
 * text): only those are kept as names. See src/text/mentions.ts.
 */
export interface MarkedText {
  text: string;
  mentions: readonly string[];
}

export interface TranslateRequest {
  type: 'translate';
  texts: string[];
  /**
   * Aligned with `texts`: the mentions the page marked in each. Sent for page units; without
   * it (a selection with no markup) mentions are guessed.
   */
  mentions?: string[][];
  /** The reader pressed Retry: ask the primary backend even if it is paused. */
  retry?: boolean;
  /** The reader asked for this backend's translation instead of the chain's. */
  backend?: BackendId;
}

/**
 * What the cache already holds for these texts, under the current chain: asked as soon as
 * units show up, so a unit that comes into view can show its translation without a round trip.
 * Never reaches a backend.
 */
export interface CachedTranslationsRequest {
  type: 'cached-translations';
  texts: string[];
  /** As in `TranslateRequest`. */
  mentions?: string[][];
}

export interface GetPageSettingsRequest {
  type: 'get-page-settings';
}

/** The user's English reply, into the reply language, with its back-translation. */
export interface TranslateReplyRequest {
  type: 'translate-reply';
  text: string;
  tone: ReplyTone;
  retry?: boolean;
}

/** A reply's (possibly edited) Chinese back into English. */
export interface CheckReplyRequest {
  type: 'check-reply';
  text: string;
  retry?: boolean;
}

export type ReplyTranslation =
  | {
      ok: true;
      translation: string;
      backend: TranslateOutcomeOk['backend'];
      /** False when the backend that answered cannot follow a tone (every machine backend). */
      toneApplied: boolean;
      /** The back-translation; it may fail on its own while the translation stands. */
      check: TranslateOutcome;
    }
  | Extract<TranslateOutcome, { ok: false }>;

type TranslateOutcomeOk = Extract<TranslateOutcome, { ok: true }>;

export interface GetDraftRequest {
  type: 'get-draft';
  key: DraftKey;
}

export interface SaveDraftRequest {
  type: 'save-draft';
  key: DraftKey;
  draft: ReplyDraft;
}

export interface DiscardDraftRequest {
  type: 'discard-draft';
  key: DraftKey;
}

/** The user picked a tone in the composer: it becomes the default for new replies. */
export interface SetReplyToneRequest {
  type: 'set-reply-tone';
  tone: ReplyTone;
}

/** The reader picked a language on a video's subtitle switch: it becomes the setting, for every video. */
export interface SetSubtitleLanguageRequest {
  type: 'set-subtitle-language';
  language: SubtitleLanguage;
}

/** Options page: translate a sample with one backend as the (unsaved) form configures it. */
export interface TestBackendRequest {
  type: 'test-backend';
  backend: BackendId;
  /** Settings as the form holds them; validated like stored settings. */
  settings: unknown;
}

export interface CacheStatsRequest {
  type: 'cache-stats';
}

export interface ClearCacheRequest {
  type: 'clear-cache';
}

export interface BackendHealthRequest {
  type: 'backend-health';
}

/**
 * Read the text on a note image (on-device OCR) and give its Chinese blocks: from the cache,
 * or fetched by the background and read by the OCR engine.
 */
export interface ReadImageRequest {
  type: 'read-image';
  /** The image's http(s) URL, as the page shows it. */
  url: string;
  /** The image as the site names it (its URL without size and format suffixes): the cache key. */
  key: string;
}

/**
 * The image could not be fetched: read it from a screenshot of the tab instead, cropped to
 * `rect` (CSS pixels of the viewport, the image wholly inside it). The content script hides its
 * own overlays on the image first.
 */
export interface CaptureImageRequest {
  type: 'capture-image';
  key: string;
  rect: Rect;
  /** The page's `devicePixelRatio`: a screenshot is in device pixels. */
  pixelRatio: number;
}

/** Options page: the OCR engine's state, what it occupies, and what the cache holds of images. */
export interface OcrStatusRequest {
  type: 'ocr-status';
}

/** Options page: free the OCR models' memory now. */
export interface ReleaseOcrRequest {
  type: 'release-ocr';
}

/**
 * How a text is read in pinyin: `name`, a display name (its first character read as a surname:
 * 单 Shàn, 曾 Zēng); `text`, words read in context (银行 yín háng), as a search query's.
 */
export const ROMANIZE_AS = ['name', 'text'] as const;
export type RomanizeAs = (typeof ROMANIZE_AS)[number];
/** Longest text `romanize` reads: names and search queries are short. */
export const MAX_ROMANIZE_TEXT_LENGTH = 500;

/** The pinyin of each text's Chinese (background only: the dictionary stays out of the page). */
export interface RomanizeRequest {
  type: 'romanize';
  texts: string[];
  as: RomanizeAs;
}

/** Most subtitle tracks one `subtitles` request may list. */
export const MAX_SUBTITLE_TRACKS = 12;

/**
 * A video note's subtitles (issue 31): the tracks the page lists for note `noteId`, as the page
 * handed them over. The background checks them again and fetches only RedNote's subtitle CDNs.
 */
export interface SubtitlesRequest {
  type: 'subtitles';
  noteId: string;
  /** Null: the page has no video data for the note (a modal opened from the feed); the background reads the note's own page. */
  tracks: SubtitleTrack[] | null;
  /** The note's `xsec_token`, without which its page cannot be read (only with `tracks` null). */
  xsecToken?: string;
}

/** Requests only the extension's own pages (popup, options) may send, never a content script. */
export const PAGE_ONLY_REQUESTS: ReadonlySet<BackgroundRequest['type']> = new Set([
  'test-backend',
  'cache-stats',
  'clear-cache',
  'ocr-status',
  'release-ocr',
]);

export type BackgroundRequest =
  | TranslateRequest
  | CachedTranslationsRequest
  | GetPageSettingsRequest
  | TranslateReplyRequest
  | CheckReplyRequest
  | GetDraftRequest
  | SaveDraftRequest
  | DiscardDraftRequest
  | SetReplyToneRequest
  | SetSubtitleLanguageRequest
  | TestBackendRequest
  | CacheStatsRequest
  | ClearCacheRequest
  | BackendHealthRequest
  | ReadImageRequest
  | CaptureImageRequest
  | OcrStatusRequest
  | ReleaseOcrRequest
  | RomanizeRequest
  | SubtitlesRequest;

/** What the options page shows of on-device OCR. */
export interface OcrStatus {
  engine: OcrEngineStatus;
  /** The models and runtime packaged in the extension, in bytes. */
  packagedBytes: number;
  /** Images whose reading is cached, and roughly how much that takes. */
  cached: { entries: number; bytes: number };
}

export interface BackgroundResponses {
  translate: TranslateOutcome[];
  /** One entry per text: its cached translation, or null when the cache does not have it. */
  'cached-translations': (TranslateOutcome | null)[];
  'get-page-settings': PageSettings;
  'translate-reply': ReplyTranslation;
  'check-reply': TranslateOutcome;
  /** The stored draft, if any, and the tone a new draft starts with. */
  'get-draft': { draft: ReplyDraft | null; tone: ReplyTone };
  'save-draft': true;
  'discard-draft': true;
  'set-reply-tone': true;
  'set-subtitle-language': true;
  'test-backend': TranslateOutcome;
  /** Entries in the cache, their rough size, and lookups and hits since the background started. */
  'cache-stats': { entries: number; bytes: number; lookups: number; hits: number };
  'clear-cache': true;
  /** The chain's backends, each with how it is doing, and whether the cache works. */
  'backend-health': ServiceHealth;
  'read-image': ImageReadOutcome;
  'capture-image': ImageReadOutcome;
  'ocr-status': OcrStatus;
  'release-ocr': true;
  /** Aligned with the texts: the pinyin of each one's Chinese, or null when it has none. */
  romanize: { pinyin: (string | null)[] };
  subtitles: SubtitleOutcome;
}
