/**
 * RedBridge's one offscreen document (Chrome allows one per extension): the window context
 * where work the MV3 service worker cannot do runs. It serves Chrome's on-device translator
 * (src/translation/backends/chrome/index.ts) and the OCR worker (src/ocr/offscreen-ocr.ts).
 */
import { browser } from 'wxt/browser';

/** Built from `entrypoints/offscreen/` (Chrome builds only). */
export const OFFSCREEN_DOCUMENT_PATH = 'offscreen.html';

/**
 * The document starts the OCR worker, and runs the Translator API that this Chrome may not
 * offer the service worker: background computation the worker cannot do itself, which is what
 * WORKERS stands for. The justification says exactly what it is for.
 */
const OFFSCREEN_REASONS = ['WORKERS'] as const;
const OFFSCREEN_JUSTIFICATION =
  'Reads the Chinese text on RedNote note images on this device (a Web Worker running the OCR models ' +
  "packaged with the extension), and runs Chrome's built-in Translator API, which this Chrome does not " +
  "offer to the extension's service worker.";

/** What the background needs from `chrome.offscreen` and `runtime`, so tests can stand in for it. */
export interface OffscreenHost {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  sendMessage(message: unknown): Promise<unknown>;
}

/** The real host, or undefined where there is no offscreen API (Firefox, builds without the permission). */
export function browserOffscreenHost(): OffscreenHost | undefined {
  const offscreen = (browser as { offscreen?: typeof browser.offscreen }).offscreen;
  if (typeof offscreen?.createDocument !== 'function' || typeof browser.runtime.getContexts !== 'function') {
    return undefined;
  }
  return {
    // One offscreen document per extension, and this is the only one RedBridge makes.
    hasDocument: async () => (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0,
    createDocument: () =>
      offscreen.createDocument({
        url: OFFSCREEN_DOCUMENT_PATH,
        reasons: [...OFFSCREEN_REASONS],
        justification: OFFSCREEN_JUSTIFICATION,
      }),
    sendMessage: (message) => browser.runtime.sendMessage(message),
  };
}

/**
 * Asks the offscreen document: opens it on the first request and reuses it; opens it again
 * once if it went away (Chrome closed it, it crashed). Rejects when it cannot be reached.
 */
export class OffscreenChannel {
  private ready: Promise<void> | undefined;

  constructor(private readonly host: OffscreenHost) {}

  async ask(message: unknown): Promise<unknown> {
    try {
      return await this.send(message);
    } catch {
      // The document may have gone away since it was opened: open it again, once.
      this.ready = undefined;
      return this.send(message);
    }
  }

  private async send(message: unknown): Promise<unknown> {
    await this.ensureDocument();
    const reply = await this.host.sendMessage(message);
    // No listener answered (the polyfill turns a closed port into undefined): the page is gone.
    if (reply === undefined) throw new Error('the offscreen page did not answer');
    return reply;
  }

  /** Concurrent first calls share one creation. */
  private ensureDocument(): Promise<void> {
    this.ready ??= this.openDocument().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async openDocument(): Promise<void> {
    // The document outlives the service worker: a restarted worker finds it still open.
    if (await this.host.hasDocument()) return;
    try {
      await this.host.createDocument();
    } catch (error) {
      // Chrome allows a single offscreen document; if one appeared meanwhile, that is the one we want.
      if (!(await this.host.hasDocument())) throw error;
    }
  }
}

/** One channel per background, shared by every feature that uses the document. */
let shared: OffscreenChannel | null | undefined;

export function sharedOffscreenChannel(): OffscreenChannel | undefined {
  if (shared === undefined) {
    const host = browserOffscreenHost();
    shared = host ? new OffscreenChannel(host) : null;
  }
  return shared ?? undefined;
}
