/**
 * How the background reaches the OCR engine: directly where its own context may start a worker
 * (Firefox's background page), through the offscreen document where it may not (Chrome's MV3
 * service worker). This module also holds the small protocol with the offscreen page.
 */
import { OFFSCREEN_TARGET } from '../translation/on-device-translator';
import { base64ToBytes, bytesToBase64 } from './base64';
import type { EngineReading, OcrEngine, OcrEngineState, OcrEngineStatus } from './engine';
import { parseImageReading } from './image-reading';
import { ImageReadError, imageErrorInfo, parseImageErrorInfo, type ImageReadErrorInfo } from './read-error';
import type { Rect } from './types';
import { messageOf } from '../untyped';

/** What the background needs of the engine, wherever it runs. */
export interface OcrClient {
  read(bytes: Uint8Array<ArrayBuffer>, crop?: Rect): Promise<EngineReading>;
  status(): Promise<OcrEngineStatus>;
  /** Frees the models now (the options page's "Free memory", and tests). */
  release(): Promise<void>;
}

/** The engine in this same context. */
export function localOcrClient(engine: OcrEngine): OcrClient {
  return {
    read: (bytes, crop) => engine.read(bytes.buffer, crop),
    status: async () => engine.status(),
    release: async () => engine.release(),
  };
}

/** No engine can run here; every read says so. */
export function unavailableOcrClient(): OcrClient {
  const message = 'This browser cannot run RedBridge’s text recognition (it needs a background page or an offscreen document).';
  return {
    read: () => Promise.reject(new ImageReadError('unavailable', message)),
    status: async () => ({ state: 'failed', failure: message, imagesRead: 0 }),
    release: async () => undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Background ↔ offscreen page

export type OffscreenOcrRequest =
  | { target: typeof OFFSCREEN_TARGET; type: 'ocr-read'; image: string; crop?: Rect }
  | { target: typeof OFFSCREEN_TARGET; type: 'ocr-status' }
  | { target: typeof OFFSCREEN_TARGET; type: 'ocr-release' };

type OffscreenReadResponse = ({ ok: true } & EngineReading) | { ok: false; error: ImageReadErrorInfo };

/** An encoded image sent as base64 may be this long: 40 MB of image. */
const MAX_IMAGE_BASE64 = 54_000_000;

function parseCrop(value: unknown): Rect | null | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const parts = [x, y, width, height];
  if (!parts.every((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return null;
  return (width as number) > 0 && (height as number) > 0
    ? { x: x as number, y: y as number, width: width as number, height: height as number }
    : null;
}

/** The offscreen page's view of a message: an OCR request of ours, or null. */
export function parseOffscreenOcrRequest(message: unknown): OffscreenOcrRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const { target, type, image, crop } = message as Record<string, unknown>;
  if (target !== OFFSCREEN_TARGET) return null;
  if (type === 'ocr-status' || type === 'ocr-release') return { target, type };
  if (type !== 'ocr-read' || typeof image !== 'string' || image.length > MAX_IMAGE_BASE64) return null;
  const parsedCrop = parseCrop(crop);
  if (parsedCrop === null) return null;
  return { target, type, image, ...(parsedCrop ? { crop: parsedCrop } : {}) };
}

/**
 * The offscreen page's listener for OCR: answers the background's requests and returns
 * undefined for everything else. Never rejects: an error cannot cross the channel as is.
 */
export function answerOffscreenOcr(
  message: unknown,
  sender: { id?: string; tab?: unknown },
  ownId: string,
  engine: () => OcrEngine,
): Promise<unknown> | undefined {
  // Only the background asks: not content scripts or extension tabs (they carry a tab), not other extensions.
  if (sender.id !== ownId || sender.tab !== undefined) return undefined;
  const request = parseOffscreenOcrRequest(message);
  if (!request) return undefined;
  switch (request.type) {
    case 'ocr-status':
      return Promise.resolve(engine().status());
    case 'ocr-release':
      engine().release();
      return Promise.resolve(true);
    case 'ocr-read':
      // Decoded inside the promise: text that is not base64 becomes an error answer, not a throw.
      return Promise.resolve()
        .then(() => engine().read(base64ToBytes(request.image).buffer, request.crop))
        .then(
          (result): OffscreenReadResponse => ({ ok: true, ...result }),
          (error: unknown): OffscreenReadResponse => ({ ok: false, error: imageErrorInfo(error) }),
        );
  }
}

const STATES: readonly unknown[] = ['not-loaded', 'loading', 'ready', 'failed'];

/** The engine's status as the offscreen page sent it, or null. */
export function parseEngineStatus(value: unknown): OcrEngineStatus | null {
  if (typeof value !== 'object' || value === null) return null;
  const { state, failure, imagesRead, loadMs } = value as Record<string, unknown>;
  if (!STATES.includes(state) || typeof imagesRead !== 'number') return null;
  return {
    state: state as OcrEngineState,
    imagesRead,
    ...(typeof failure === 'string' ? { failure: failure.slice(0, 500) } : {}),
    ...(typeof loadMs === 'number' ? { loadMs } : {}),
  };
}

function readOffscreenReading(reply: unknown): EngineReading {
  if (typeof reply === 'object' && reply !== null) {
    const { ok, reading, timings, error } = reply as Record<string, unknown>;
    if (ok === false) {
      const info = parseImageErrorInfo(error);
      if (info) throw new ImageReadError(info.code, info.message);
    }
    const parsed = parseImageReading(reading);
    if (ok === true && parsed && typeof timings === 'object' && timings !== null) {
      return { reading: parsed, timings: timings as EngineReading['timings'] };
    }
  }
  throw new ImageReadError('read', 'RedBridge’s text recognition sent an answer RedBridge cannot read.');
}

/** The engine in the offscreen document, reached through `ask` (src/background/offscreen-channel.ts). */
export function offscreenOcrClient(ask: (message: OffscreenOcrRequest) => Promise<unknown>): OcrClient {
  const reach = async (message: OffscreenOcrRequest): Promise<unknown> => {
    try {
      return await ask(message);
    } catch (error) {
      const detail = messageOf(error);
      throw new ImageReadError('unavailable', `RedBridge’s text recognition could not be reached (${detail}).`);
    }
  };
  return {
    async read(bytes, crop) {
      const reply = await reach({ target: OFFSCREEN_TARGET, type: 'ocr-read', image: bytesToBase64(bytes), ...(crop ? { crop } : {}) });
      return readOffscreenReading(reply);
    },
    async status() {
      const status = parseEngineStatus(await reach({ target: OFFSCREEN_TARGET, type: 'ocr-status' }).catch(() => null));
      return status ?? { state: 'not-loaded', imagesRead: 0 };
    },
    async release() {
      await reach({ target: OFFSCREEN_TARGET, type: 'ocr-release' });
    },
  };
}
