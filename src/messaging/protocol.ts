/**
 * The one message protocol between content scripts and the background. Content scripts import
 * only types and the send helpers from here; the background validates every request with
 * `parseBackgroundRequest`, since a message is untrusted input.
 */
import { parseDraft, parseDraftKey, type DraftKey, type ReplyDraft } from '../drafts/draft';
import { BACKEND_IDS, REPLY_TONES, type BackendId, type PageSettings, type ReplyTone } from '../settings/schema';
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
  | TestBackendRequest
  | CacheStatsRequest
  | ClearCacheRequest
  | BackendHealthRequest
  | ReadImageRequest
  | CaptureImageRequest
  | OcrStatusRequest
  | ReleaseOcrRequest;

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
}

/** Background → content script: settings the page cares about changed. */
export interface PageSettingsChanged {
  type: 'page-settings-changed';
  settings: PageSettings;
}

/** Popup → the tab's content script: what has it found and translated? */
export interface GetTabStats {
  type: 'get-tab-stats';
}

/** Background → the tab's content script: the Alt+T command turns RedBridge off or on in this tab. */
export interface ToggleTab {
  type: 'toggle-tab';
}

export type ContentMessage = PageSettingsChanged | GetTabStats | ToggleTab;

/** Units found in a tab, and how their translations went. */
export interface TabStats {
  found: number;
  translated: number;
  fromCache: number;
  failed: number;
  /** Note images whose text was read (by OCR or from the cache). */
  imagesRead: number;
  /** False when the Alt+T command turned RedBridge off in this tab. */
  active: boolean;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function isMention(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

/** `mentions` as a request may carry it: absent, or one list of strings per text. */
function parseMentions(value: unknown, texts: readonly string[]): { mentions?: string[][] } | null {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length !== texts.length) return null;
  const valid = value.every(
    (list): list is string[] => Array.isArray(list) && list.length <= MAX_MENTIONS_PER_TEXT && list.every(isMention),
  );
  return valid ? { mentions: value as string[][] } : null;
}

const MAX_URL_LENGTH = 4096;
const MAX_KEY_LENGTH = 512;

function isImageUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function isImageKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY_LENGTH;
}

/** A rectangle of the viewport in CSS pixels: finite, inside a generous 20,000 px, not empty. */
function parseViewportRect(value: unknown): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const parts = [x, y, width, height];
  if (!parts.every((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 20_000)) return null;
  if ((width as number) < 1 || (height as number) < 1) return null;
  return { x: x as number, y: y as number, width: width as number, height: height as number };
}

function isTone(value: unknown): value is ReplyTone {
  return (REPLY_TONES as readonly unknown[]).includes(value);
}

/** Checks a message field by field and keeps only the known fields; null for anything else. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const fields = message as Record<string, unknown>;
  const retry = fields.retry === true;
  switch (fields.type) {
    case 'get-page-settings':
      return { type: 'get-page-settings' };
    case 'translate': {
      const { texts } = fields;
      if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every(isText)) return null;
      const mentions = parseMentions(fields.mentions, texts);
      if (!mentions) return null;
      if (fields.backend === undefined) return { type: 'translate', texts, ...mentions, retry };
      if (!(BACKEND_IDS as readonly unknown[]).includes(fields.backend)) return null;
      return { type: 'translate', texts, ...mentions, retry, backend: fields.backend as BackendId };
    }
    case 'cached-translations': {
      const { texts } = fields;
      if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every(isText)) return null;
      const mentions = parseMentions(fields.mentions, texts);
      return mentions ? { type: 'cached-translations', texts, ...mentions } : null;
    }
    case 'translate-reply':
      return isText(fields.text) && isTone(fields.tone)
        ? { type: 'translate-reply', text: fields.text, tone: fields.tone, retry }
        : null;
    case 'check-reply':
      return isText(fields.text) ? { type: 'check-reply', text: fields.text, retry } : null;
    case 'get-draft':
    case 'discard-draft': {
      const key = parseDraftKey(fields.key);
      return key ? { type: fields.type, key } : null;
    }
    case 'save-draft': {
      const key = parseDraftKey(fields.key);
      const draft = parseDraft(fields.draft);
      return key && draft ? { type: 'save-draft', key, draft } : null;
    }
    case 'set-reply-tone':
      return isTone(fields.tone) ? { type: 'set-reply-tone', tone: fields.tone } : null;
    case 'test-backend':
      return (BACKEND_IDS as readonly unknown[]).includes(fields.backend)
        ? { type: 'test-backend', backend: fields.backend as BackendId, settings: fields.settings }
        : null;
    case 'cache-stats':
    case 'clear-cache':
    case 'backend-health':
    case 'ocr-status':
    case 'release-ocr':
      return { type: fields.type };
    case 'read-image':
      return isImageUrl(fields.url) && isImageKey(fields.key) ? { type: 'read-image', url: fields.url, key: fields.key } : null;
    case 'capture-image': {
      const rect = parseViewportRect(fields.rect);
      const ratio = fields.pixelRatio;
      if (!isImageKey(fields.key) || !rect || typeof ratio !== 'number' || !(ratio > 0 && ratio <= 8)) return null;
      return { type: 'capture-image', key: fields.key, rect, pixelRatio: ratio };
    }
    default:
      return null;
  }
}

/** Background → the selection script it injected: translate and show what the user selected. */
export interface SelectionTranslation {
  type: 'selection-translation';
  text: string;
  targetLanguage: string;
}

export function isSelectionTranslation(message: unknown): message is SelectionTranslation {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'selection-translation';
}

const CONTENT_MESSAGE_TYPES: ReadonlySet<unknown> = new Set(['page-settings-changed', 'get-tab-stats', 'toggle-tab']);

export function isContentMessage(message: unknown): message is ContentMessage {
  return typeof message === 'object' && message !== null && CONTENT_MESSAGE_TYPES.has((message as { type?: unknown }).type);
}
