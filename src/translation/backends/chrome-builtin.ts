import { browser } from 'wxt/browser';
import type { Settings } from '../../settings/schema';
import { TranslationError } from '../errors';
import {
  findTranslatorApi,
  OFFSCREEN_TARGET,
  ON_DEVICE_LIMITS,
  readOffscreenResponse,
  translateOnDevice,
  untilTimedOut,
  type OffscreenTranslateRequest,
  type TranslatorApi,
} from '../on-device-translator';
import type { Backend, LanguagePair } from '../types';

const NAME = "Chrome's on-device translator";

/** Built from `entrypoints/offscreen/` (Chrome builds only). */
export const OFFSCREEN_DOCUMENT_PATH = 'offscreen.html';

/**
 * No offscreen reason names the Translator API. The document does background computation the
 * service worker cannot do itself, which is what WORKERS stands for; the justification says
 * exactly what it is for.
 */
const OFFSCREEN_REASONS = ['WORKERS'] as const;
const OFFSCREEN_JUSTIFICATION =
  "Runs Chrome's built-in Translator API, which this Chrome does not offer to the extension's service " +
  'worker, to translate RedNote text on this device.';

/** What the background needs from `chrome.offscreen` and `runtime`, so tests can stand in for it. */
export interface OffscreenHost {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  sendMessage(message: OffscreenTranslateRequest): Promise<unknown>;
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
 * Runs the Translator API in the offscreen document: opens the document on the first request
 * and reuses it; opens it again once if it went away (Chrome closed it, it crashed).
 */
export class OffscreenTranslator {
  private ready: Promise<void> | undefined;

  constructor(private readonly host: OffscreenHost) {}

  async translate(texts: readonly string[], languages: LanguagePair, signal?: AbortSignal): Promise<string[]> {
    if (texts.length === 0) return [];
    const request: OffscreenTranslateRequest = {
      target: OFFSCREEN_TARGET,
      type: 'translate-on-device',
      texts: [...texts],
      languages: { source: languages.source, target: languages.target },
    };
    const reply = await untilTimedOut(this.ask(request), signal);
    return readOffscreenResponse(reply, texts.length);
  }

  private async ask(request: OffscreenTranslateRequest): Promise<unknown> {
    try {
      return await this.send(request);
    } catch {
      // The document may have gone away since it was opened: open it again, once.
      this.ready = undefined;
      try {
        return await this.send(request);
      } catch (error) {
        throw unreachable(error);
      }
    }
  }

  private async send(request: OffscreenTranslateRequest): Promise<unknown> {
    await this.ensureDocument();
    const reply = await this.host.sendMessage(request);
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

function unreachable(error: unknown): TranslationError {
  const message = error instanceof Error ? error.message : String(error);
  return new TranslationError('unavailable', `${NAME} could not be reached (${message})`);
}

/** Where the Translator API runs: looked up per request, so tests and odd contexts can choose. */
export interface ChromeBuiltinDeps {
  /** This context's `Translator`; Chrome 156 has one in the service worker, Firefox none. */
  localApi: () => TranslatorApi | undefined;
  /** The offscreen path, where this context has no `Translator` but can open an offscreen page. */
  offscreen: () => OffscreenTranslator | undefined;
}

/** One offscreen client per background, whatever number of backend objects the service makes. */
let sharedOffscreen: OffscreenTranslator | null | undefined;

function defaultOffscreen(): OffscreenTranslator | undefined {
  if (sharedOffscreen === undefined) {
    const host = browserOffscreenHost();
    sharedOffscreen = host ? new OffscreenTranslator(host) : null;
  }
  return sharedOffscreen ?? undefined;
}

const DEFAULT_DEPS: ChromeBuiltinDeps = { localApi: () => findTranslatorApi(), offscreen: defaultOffscreen };

/** Chrome's built-in Translator API: on the device, no key, no network once the pack is there. */
export function createChromeBuiltinBackend(_settings: Settings, deps: ChromeBuiltinDeps = DEFAULT_DEPS): Backend {
  return {
    id: 'chrome',
    name: NAME,
    capabilities: {
      maxTextsPerRequest: ON_DEVICE_LIMITS.maxTexts,
      maxCharsPerRequest: ON_DEVICE_LIMITS.maxChars,
      supportsBatching: true,
      needsKey: false,
      runsOn: 'device',
      kind: 'machine',
      // The model translates one text at a time; more requests in flight only queue up.
      maxConcurrentRequests: 1,
      requestsPerSecond: 20,
      burst: 20,
    },
    async translate(texts, languages, signal) {
      const local = deps.localApi();
      if (local) return translateOnDevice(local, texts, languages, signal);
      const offscreen = deps.offscreen();
      if (offscreen) return offscreen.translate(texts, languages, signal);
      // Neither: this browser has no Translator API (Firefox, Chrome before 138).
      return translateOnDevice(undefined, texts, languages, signal);
    },
  };
}
