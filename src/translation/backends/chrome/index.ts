import { OffscreenChannel, sharedOffscreenChannel, type OffscreenHost } from '../../../background/offscreen-channel';
import type { Settings } from '../../../settings/schema';
import { TranslationError } from '../../errors';
import {
  findTranslatorApi,
  OFFSCREEN_TARGET,
  ON_DEVICE_LIMITS,
  readOffscreenResponse,
  translateOnDevice,
  untilTimedOut,
  type OffscreenTranslateRequest,
  type TranslatorApi,
} from '../../on-device-translator';
import type { Backend, LanguagePair } from '../../types';
import { messageOf } from '../../../untyped';

const NAME = "Chrome's on-device translator";

/**
 * Runs the Translator API in the offscreen document: opens the document on the first request
 * and reuses it; opens it again once if it went away (Chrome closed it, it crashed).
 */
export class OffscreenTranslator {
  private readonly channel: OffscreenChannel;

  constructor(hostOrChannel: OffscreenHost | OffscreenChannel) {
    this.channel = hostOrChannel instanceof OffscreenChannel ? hostOrChannel : new OffscreenChannel(hostOrChannel);
  }

  async translate(texts: readonly string[], languages: LanguagePair, signal?: AbortSignal): Promise<string[]> {
    if (texts.length === 0) return [];
    const request: OffscreenTranslateRequest = {
      target: OFFSCREEN_TARGET,
      type: 'translate-on-device',
      texts: [...texts],
      languages: { source: languages.source, target: languages.target },
    };
    const reply = await untilTimedOut(
      this.channel.ask(request).catch((error: unknown) => Promise.reject(unreachable(error))),
      signal,
    );
    return readOffscreenResponse(reply, texts.length);
  }
}

function unreachable(error: unknown): TranslationError {
  const message = messageOf(error);
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
    const channel = sharedOffscreenChannel();
    sharedOffscreen = channel ? new OffscreenTranslator(channel) : null;
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
