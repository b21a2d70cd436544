import { browser } from 'wxt/browser';
import { RedBridgeDb } from '../../src/cache/db';
import { TranslationCache } from '../../src/cache/translation-cache';
import { base64ToBytes } from '../../src/ocr/base64';
import { OcrEngine, type EngineReading, type OcrEngineStatus } from '../../src/ocr/engine';
import { SETTINGS_STORAGE_KEY } from '../../src/settings/schema';
import type { ServiceHealth } from '../../src/messaging/wire';
import { sendToBackground } from '../../src/messaging/send';
import type { BackgroundRequest } from '../../src/messaging/protocol';

/**
 * Test-only page in the extension origin (never in a release build). Puppeteer cannot open
 * extension pages in Firefox, so tests navigate a tab here and call these functions.
 */
const cache = new TranslationCache(new RedBridgeDb());

/** The OCR benchmark's engine (bench/ocr.ts): made afresh by `ocrStart`, as on a cold start. */
let ocrEngine: OcrEngine | undefined;

/** An engine that never releases the models on its own: the benchmark releases them when it measures that. */
function newOcrEngine(): OcrEngine {
  return new OcrEngine(() => new Worker('/ocr-worker.js'), { idleMs: 60 * 60_000 });
}

const probe = {
  async setSettings(value: unknown): Promise<void> {
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: value });
  },
  /** Stores test-only items in the extension's storage (e.g. `e2e:subtitle-origin`, the fake subtitle CDN). */
  async setStorage(items: Record<string, unknown>): Promise<void> {
    await browser.storage.local.set(items);
  },
  /** Sends a request to the background as an extension page does. */
  ask: (request: BackgroundRequest): Promise<unknown> => sendToBackground(request),
  cacheCount: () => cache.count(),
  clearCache: () => cache.clear(),
  /** What the popup shows: each backend's health, and the cache's. */
  backgroundHealth: (): Promise<ServiceHealth> => sendToBackground({ type: 'backend-health' }),
  /** Firefox: calls one of the background page's e2e hooks (Chrome's tests reach its worker directly). */
  async callBackground(hook: string): Promise<unknown> {
    const background = (await browser.runtime.getBackgroundPage()) as unknown as {
      redbridgeE2E: Record<string, () => unknown>;
    };
    return background.redbridgeE2E[hook]!();
  },
  /**
   * What the popup would show for the tab at `url` (the e2e build's host permissions let this page
   * read the fixture tabs' addresses); null when no tab is there or its content script does not answer.
   */
  async tabStats(url: string): Promise<unknown> {
    const tab = (await browser.tabs.query({})).find((candidate) => candidate.url === url);
    if (tab?.id === undefined) return null;
    return browser.tabs.sendMessage(tab.id, { type: 'get-tab-stats' }).catch(() => null);
  },
  /** The reply drafts in storage, by storage key (`draft:<noteId>|<replyTo>`). */
  async drafts(): Promise<Record<string, unknown>> {
    const everything = await browser.storage.local.get(null);
    return Object.fromEntries(Object.entries(everything).filter(([key]) => key.startsWith('draft:')));
  },
  /** OCR benchmark: drops any engine (and its worker) and makes a new one, with no models loaded yet. */
  ocrStart(): void {
    ocrEngine?.release();
    ocrEngine = newOcrEngine();
  },
  /**
   * OCR benchmark: reads the encoded image in `base64` with the engine. `wallMs` is the engine's
   * `read` as this page waits for it (worker start, transfer, decode, OCR, answer), timed after
   * the bytes are decoded from base64, which only the benchmark needs.
   */
  async ocrRead(base64: string): Promise<EngineReading & { wallMs: number }> {
    if (!ocrEngine) throw new Error('ocrStart first');
    const bytes = base64ToBytes(base64).buffer;
    const started = performance.now();
    const result = await ocrEngine.read(bytes);
    return { ...result, wallMs: performance.now() - started };
  },
  ocrStatus: (): OcrEngineStatus | null => ocrEngine?.status() ?? null,
  /** OCR benchmark: terminates the worker, which frees the models. */
  ocrRelease(): void {
    ocrEngine?.release();
    ocrEngine = undefined;
  },
};

Object.assign(window, { redbridgeProbe: probe });
document.title = 'RedBridge e2e probe ready';
