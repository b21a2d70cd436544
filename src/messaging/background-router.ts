import type { ImageReadingCache } from '../cache/image-cache';
import type { SubtitleCache } from '../cache/subtitle-cache';
import type { TranslationCache } from '../cache/translation-cache';
import type { ImageReader, ImageReadOutcome } from '../ocr/image-reader';
import type { OcrClient } from '../ocr/ocr-client';
import { ImageReadError, imageErrorInfo } from '../ocr/read-error';
import type { DraftStore } from '../drafts/draft-store';
import { pageSettingsOf, parseSettings, type ReplyTone, type Settings, type SubtitleLanguage } from '../settings/schema';
import type { TranslationService } from '../translation/service';
import { PAGE_ONLY_REQUESTS, type BackgroundRequest, type BackgroundResponses, type ReplyTranslation } from './protocol';
import { parseBackgroundRequest } from './parse-request';
import { messageOf } from '../untyped';
import { notePageTracks, notePageUrl } from '../video/note-page';
import { cuesAhead } from '../video/cue-translation';
import type { Cue } from '../video/srt';
import { loadSubtitles } from '../video/subtitle-loader';

export interface RouterDeps {
  service: TranslationService;
  settings: () => Promise<Settings>;
  drafts: DraftStore;
  cache: TranslationCache;
  /** Stores the tone as the default for new replies. */
  rememberReplyTone: (tone: ReplyTone) => Promise<void>;
  /** Stores the language of the captions over videos; open tabs hear of it as of any settings change. */
  rememberSubtitleLanguage: (language: SubtitleLanguage) => Promise<void>;
  images: ImageReader;
  imageCache: Pick<ImageReadingCache, 'stats' | 'clear'>;
  /** Video notes' subtitles, by note and track. */
  subtitleCache: Pick<SubtitleCache, 'get' | 'put' | 'clear'>;
  /** Fetches a subtitle file's text (the real CDN fetch unless a test gives its own). */
  fetchSubtitleText?: (url: string) => Promise<string>;
  /** Which tabs' origins a note page may be read from (RedNote's two sites unless a test build adds its own). */
  isNoteOrigin?: (origin: string) => boolean;
  ocr: OcrClient;
  /** The models and runtime packaged in the extension, in bytes. */
  ocrPackagedBytes: number;
  /** A PNG screenshot of the visible tab in window `windowId`. */
  captureVisibleTab: (windowId: number) => Promise<Uint8Array<ArrayBuffer>>;
}

/** Who sent a request, as far as routing cares. */
export interface RequestSender {
  /** The popup and the options page; content scripts come with a tab and a web page's URL. */
  fromExtensionPage: boolean;
  /** The window of the sender's tab, for a content script. */
  windowId?: number;
  /** The origin of the page a content script runs in. */
  pageOrigin?: string;
}

type RequestOf<T extends BackgroundRequest['type']> = Extract<BackgroundRequest, { type: T }>;

/**
 * One handler per request type, and each must answer with its own request's response:
 * answering `clear-cache` with the service's health does not compile.
 */
export type BackgroundHandlers = {
  [T in BackgroundRequest['type']]: (request: RequestOf<T>, sender: RequestSender) => Promise<BackgroundResponses[T]>;
};

export function backgroundHandlers(deps: RouterDeps): BackgroundHandlers {
  return {
    translate: (request) => deps.service.translate(request.texts, { retry: request.retry, only: request.backend, mentions: request.mentions }),
    'cached-translations': (request) => deps.service.cached(request.texts, request.mentions),
    'get-page-settings': () => deps.settings().then(pageSettingsOf),
    'translate-reply': (request) => translateReply(deps.service, request.text, request.tone, request.retry === true),
    'check-reply': (request) =>
      deps.service.translate([request.text], { direction: 'check', retry: request.retry }).then(([outcome]) => outcome!),
    'get-draft': (request) =>
      Promise.all([deps.drafts.load(request.key), deps.settings()]).then(([draft, settings]) => ({ draft, tone: settings.replyTone })),
    'save-draft': (request) => deps.drafts.save(request.key, request.draft).then(() => true as const),
    'discard-draft': (request) => deps.drafts.discard(request.key).then(() => true as const),
    'set-reply-tone': (request) => deps.rememberReplyTone(request.tone).then(() => true as const),
    'set-subtitle-language': (request) => deps.rememberSubtitleLanguage(request.language).then(() => true as const),
    'test-backend': (request) => deps.service.testBackend(parseSettings(request.settings).settings, request.backend),
    'cache-stats': () => deps.cache.stats().then((stats) => ({ ...stats, ...deps.service.cacheUse() })),
    'clear-cache': () => Promise.all([deps.cache.clear(), deps.imageCache.clear(), deps.subtitleCache.clear()]).then(() => true as const),
    'backend-health': () => deps.service.health(),
    'read-image': (request) => deps.images.read(request.url, request.key),
    'capture-image': (request, sender) => captureImage(deps, sender.windowId, request.key, request.rect, request.pixelRatio),
    'ocr-status': () =>
      Promise.all([deps.ocr.status(), deps.imageCache.stats()]).then(([engine, cached]) => ({ engine, packagedBytes: deps.ocrPackagedBytes, cached })),
    'release-ocr': () => deps.ocr.release().then(() => true as const),
    // Loaded at the first names to read, not each time the background starts: pinyin-pro's
    // dictionary takes tens of milliseconds to set up, which every first translation would wait for.
    romanize: (request) =>
      import('../text/pinyin').then(({ romanize }) => ({ pinyin: request.texts.map((text) => romanize(text, request.as)) })),
    subtitles: async (request, sender) => {
      const page = sender.pageOrigin && request.xsecToken ? notePageUrl(sender.pageOrigin, request.noteId, request.xsecToken, deps.isNoteOrigin) : null;
      const outcome = await loadSubtitles(request.noteId, request.tracks, {
        cache: deps.subtitleCache,
        ...(deps.fetchSubtitleText ? { fetchText: deps.fetchSubtitleText } : {}),
        ...(page ? { notePage: () => notePageTracks(page, request.noteId) } : {}),
      });
      if (outcome.ok && outcome.translate) translateOpening(deps.service, outcome.cues);
      return outcome;
    },
  };
}

/**
 * Sends a Chinese track's first minute for translation as soon as the track is read, without
 * waiting for the page to ask: the first cue's English is then a round trip to the page sooner.
 * The page's own requests for these cues (as the content script sends them, with no mentions)
 * join them in the backend's queue, or find them cached; a failure here is the page's to see.
 */
function translateOpening(service: TranslationService, cues: readonly Cue[]): void {
  const texts = cuesAhead(cues, 0).map((index) => cues[index]!.text);
  if (texts.length === 0) return;
  service.translate(texts, { mentions: texts.map(() => []) }).catch(() => undefined);
}

/**
 * Answers one request from a content script or an extension page with `handlers` (made once,
 * by `backgroundHandlers`). Returns `undefined` for messages that are not ours, so other
 * listeners (and the sender's error handling) see them unanswered.
 */
export function routeBackgroundRequest(
  message: unknown,
  handlers: BackgroundHandlers,
  sender: RequestSender = { fromExtensionPage: false },
): Promise<BackgroundResponses[keyof BackgroundResponses]> | undefined {
  const request = parseBackgroundRequest(message);
  if (!request) return undefined;
  // A content script runs inside a web page: it may not point RedBridge at any URL or clear the cache.
  if (PAGE_ONLY_REQUESTS.has(request.type) && !sender.fromExtensionPage) return undefined;
  return answer(handlers, request, sender);
}

function answer<T extends BackgroundRequest['type']>(
  handlers: BackgroundHandlers,
  request: RequestOf<T>,
  sender: RequestSender,
): Promise<BackgroundResponses[T]> {
  // TypeScript cannot tie a member of the union to its own handler here; BackgroundHandlers does.
  const handler = handlers[request.type as T] as (request: RequestOf<T>, sender: RequestSender) => Promise<BackgroundResponses[T]>;
  return handler(request, sender);
}

/** Reads an image from a screenshot of the sender's tab, cropped to where the image shows. */
async function captureImage(
  deps: RouterDeps,
  windowId: number | undefined,
  key: string,
  rect: { x: number; y: number; width: number; height: number },
  pixelRatio: number,
): Promise<ImageReadOutcome> {
  if (windowId === undefined) {
    return { ok: false, error: imageErrorInfo(new ImageReadError('fetch', 'RedBridge could not capture this tab.')) };
  }
  let screenshot: Uint8Array<ArrayBuffer>;
  try {
    screenshot = await deps.captureVisibleTab(windowId);
  } catch (error) {
    const detail = messageOf(error);
    return {
      ok: false,
      error: imageErrorInfo(new ImageReadError('fetch', `RedBridge could neither download this image nor capture it (${detail}).`)),
    };
  }
  const crop = {
    x: rect.x * pixelRatio,
    y: rect.y * pixelRatio,
    width: rect.width * pixelRatio,
    height: rect.height * pixelRatio,
  };
  return deps.images.readCaptured(screenshot, crop, key);
}

/** English → reply language, then the result back into English so the user can check it. */
async function translateReply(
  service: TranslationService,
  text: string,
  tone: ReplyTone,
  retry: boolean,
): Promise<ReplyTranslation> {
  const [forward] = await service.translate([text], { direction: 'reply', tone, retry });
  if (!forward!.ok) return forward!;
  const [check] = await service.translate([forward!.translation], { direction: 'check', retry });
  return {
    ok: true,
    translation: forward!.translation,
    backend: forward!.backend,
    toneApplied: forward!.toneApplied === true,
    check: check!,
  };
}
