import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { sharedOffscreenChannel } from '../src/background/offscreen-channel';
import { RedBridgeDb } from '../src/cache/db';
import { ImageReadingCache } from '../src/cache/image-cache';
import { SubtitleCache } from '../src/cache/subtitle-cache';
import { isRedNoteOrigin } from '../src/video/note-page';
import { fetchSubtitleText } from '../src/video/subtitle-loader';
import { OcrEngine } from '../src/ocr/engine';
import { ImageReader } from '../src/ocr/image-reader';
import { localOcrClient, offscreenOcrClient, unavailableOcrClient, type OcrClient } from '../src/ocr/ocr-client';
import { base64ToBytes } from '../src/ocr/base64';
import { cacheLimitsOf, DEFAULT_CACHE_LIMITS, TranslationCache } from '../src/cache/translation-cache';
import { injectIntoOpenTabs } from '../src/background/open-tabs';
import { createSelectionMenu, placeOf, SELECTION_MENU_ID, translateSelection } from '../src/background/selection-menu';
import { TOGGLE_COMMAND, toggleActiveTab, toggleTab } from '../src/background/tab-toggle';
import { DraftStore } from '../src/drafts/draft-store';
import { backgroundHandlers, routeBackgroundRequest } from '../src/messaging/background-router';
import { broadcastPageSettings } from '../src/settings/broadcast';
import type { Settings } from '../src/settings/schema';
import { loadSettings, updateSettings, watchSettings } from '../src/settings/store';
import { TranslationService } from '../src/translation/service';

export default defineBackground(() => {
  let current: Promise<Settings> = loadSettings();
  const settings = () => current;
  /** The cache's limits, read synchronously on each write: the defaults until settings load. */
  let cacheLimits = DEFAULT_CACHE_LIMITS;
  const followCacheLimits = (next: Settings) => {
    cacheLimits = cacheLimitsOf(next);
  };
  void current.then(followCacheLimits);
  watchSettings((next) => {
    current = Promise.resolve(next);
    followCacheLimits(next);
    void broadcastPageSettings(next);
  });

  const db = new RedBridgeDb();
  const cache = new TranslationCache(db, () => cacheLimits);
  // Limits lowered since the last run, or entries aged out while the browser was closed.
  void current.then(() => cache.evict()).catch((error: unknown) => console.warn('[RedBridge] could not trim the cache', error));
  const service = new TranslationService({ cache, settings });
  const imageCache = new ImageReadingCache(db, () => cacheLimits);
  void current.then(() => imageCache.evict()).catch((error: unknown) => console.warn('[RedBridge] could not trim the image cache', error));
  const ocr = ocrClient();
  const images = new ImageReader({ ocr, cache: imageCache });
  const subtitleCache = new SubtitleCache(db, () => cacheLimits);
  const drafts = new DraftStore(browser.storage.local);
  drafts.prune().catch((error: unknown) => console.warn('[RedBridge] could not clean up old reply drafts', error));
  const rememberReplyTone = (replyTone: Settings['replyTone']) => updateSettings({ replyTone });
  const rememberSubtitleLanguage = (subtitleLanguage: Settings['subtitleLanguage']) => updateSettings({ subtitleLanguage });
  void createSelectionMenu(browser.i18n.getMessage('menuTranslateSelection')).catch((error: unknown) =>
    console.warn('[RedBridge] could not add the context menu item', error),
  );
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const place = placeOf(info, tab);
    if (info.menuItemId !== SELECTION_MENU_ID || !place || !info.selectionText) return;
    void settings()
      .then((current) => translateSelection(place, info.selectionText!, current.targetLanguage))
      .catch((error: unknown) => console.warn('[RedBridge] could not translate the selection', error));
  });
  browser.commands.onCommand.addListener((command) => {
    if (command === TOGGLE_COMMAND) void toggleActiveTab();
  });
  if (import.meta.env.MODE === 'e2e') {
    // The native menu and shortcut cannot be clicked by a test: it calls what they call. A
    // closed database is how a test makes every cache call throw, as a broken IndexedDB does.
    const breakCache = () => db.close();
    const repairCache = () => db.open().then(() => undefined);
    Object.assign(globalThis, { redbridgeE2E: { translateSelection, toggleTab, breakCache, repairCache, ocrStatus: () => ocr.status() } });
  }

  if (!import.meta.env.FIREFOX) {
    // Chrome leaves tabs opened before an install, update, reload or re-enable without this
    // version's content script. No event tells of a re-enable, so this runs at every start of
    // the service worker: a tab already running this version is left as it is.
    void injectIntoOpenTabs().catch((error: unknown) => console.warn('[RedBridge] could not start in the open tabs', error));
  }

  const extensionOrigin = browser.runtime.getURL('/');
  const deps = {
    service,
    settings,
    drafts,
    cache,
    rememberReplyTone,
    rememberSubtitleLanguage,
    images,
    imageCache,
    subtitleCache,
    ocr,
    ocrPackagedBytes: import.meta.env.OCR_PACKAGED_BYTES,
    captureVisibleTab,
    // e2e builds only: subtitle addresses on RedNote's CDNs go to the tests' fake CDN instead.
    ...(import.meta.env.MODE === 'e2e' ? { fetchSubtitleText: fetchSubtitleTextForE2E, isNoteOrigin: isNoteOriginForE2E } : {}),
  };
  const handlers = backgroundHandlers(deps);
  browser.runtime.onMessage.addListener((message, sender) =>
    routeBackgroundRequest(message, handlers, {
      // The popup and the options page; content scripts come with a tab and a web page's URL.
      fromExtensionPage: sender.tab === undefined || (sender.url ?? '').startsWith(extensionOrigin),
      ...(sender.tab?.windowId !== undefined ? { windowId: sender.tab.windowId } : {}),
      ...(sender.tab && sender.url ? { pageOrigin: new URL(sender.url).origin } : {}),
    }),
  );
});

/**
 * Where OCR runs: in a worker of this context where it may start one (Firefox's background
 * page), else in the offscreen document (Chrome's service worker may not start workers).
 */
function ocrClient(): OcrClient {
  if (typeof Worker === 'function') {
    return localOcrClient(new OcrEngine(() => new Worker(browser.runtime.getURL('/ocr-worker.js'))));
  }
  const channel = sharedOffscreenChannel();
  return channel ? offscreenOcrClient((message) => channel.ask(message)) : unavailableOcrClient();
}

async function captureVisibleTab(windowId: number): Promise<Uint8Array<ArrayBuffer>> {
  const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  return base64ToBytes(dataUrl.slice(dataUrl.indexOf(',') + 1));
}

/** The e2e build's note pages: RedNote's sites, and the tests' fixture server on the loopback (by address or by RedNote's names). */
function isNoteOriginForE2E(origin: string): boolean {
  return isRedNoteOrigin(origin) || /^http:\/\/(?:127\.0\.0\.1|www\.xiaohongshu\.com|www\.rednote\.com):\d+$/.test(origin);
}

/** The e2e build's subtitle fetch: to the origin the tests stored under `e2e:subtitle-origin`, when they did. */
async function fetchSubtitleTextForE2E(url: string): Promise<string> {
  const key = 'e2e:subtitle-origin';
  const origin = (await browser.storage.local.get(key))[key];
  return fetchSubtitleText(typeof origin === 'string' ? url.replace(/^https:\/\/[^/]+/, origin) : url);
}
