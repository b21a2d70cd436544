/**
 * The background's side of reading note images: the cache first, then the image's bytes
 * (fetched by the background with its host permissions: the content script never reads
 * cross-origin pixels), then the OCR engine. A failing cache never stops reading, and an image
 * is read once however many tabs or slides ask for it at the same time.
 */
import type { ImageReading } from './image-reading';
import type { OcrClient } from './ocr-client';
import { ImageReadError, imageErrorInfo, type ImageReadErrorInfo } from './read-error';
import type { Rect } from './types';
import { messageOf } from '../untyped';

export type ImageReadOutcome =
  | { ok: true; reading: ImageReading; fromCache: boolean }
  | { ok: false; error: ImageReadErrorInfo };

/** The part of the image cache reading uses (src/cache/image-cache.ts). */
export interface ImageCacheLike {
  get(key: string, hash?: string): Promise<ImageReading | undefined>;
  put(key: string, reading: ImageReading, hash?: string): Promise<void>;
}

export interface ImageReaderDeps {
  ocr: OcrClient;
  cache: ImageCacheLike;
  fetchImage?: (url: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** A cache call that has not answered after this is given up on. */
  cacheTimeoutMs?: number;
}

/** Larger than any note image (RedNote serves them at about 1–2 MB at most). */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;

/** Downloads an image with the extension's host permissions. Rejects with ImageReadError `fetch`. */
export async function fetchImageBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const failed = (why: string) => new ImageReadError('fetch', `RedBridge could not download this image (${why}).`);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw failed(name === 'TimeoutError' ? 'it took too long' : 'the image server could not be reached');
  }
  if (!response.ok) throw failed(`the image server answered ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  if (type && !/^image\//iu.test(type) && !/octet-stream/iu.test(type)) throw failed(`the server sent ${type.split(';')[0]}, not an image`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_IMAGE_BYTES) throw failed('it is too large');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw failed('it is too large');
  if (bytes.length === 0) throw failed('the server sent nothing');
  return bytes;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class ImageReader {
  private readonly inFlight = new Map<string, Promise<ImageReadOutcome>>();
  private readonly fetchImage: (url: string) => Promise<Uint8Array<ArrayBuffer>>;
  private readonly cacheTimeoutMs: number;
  private cacheFailure: string | null = null;

  constructor(private readonly deps: ImageReaderDeps) {
    this.fetchImage = deps.fetchImage ?? fetchImageBytes;
    this.cacheTimeoutMs = deps.cacheTimeoutMs ?? 3000;
  }

  /** Reads the image at `url`, known to the cache as `key`. Never rejects. */
  read(url: string, key: string): Promise<ImageReadOutcome> {
    return this.once(key, () => this.readFetched(url, key));
  }

  /**
   * Reads `crop` of a screenshot (PNG bytes) where the image could not be fetched, and keeps
   * the result under `key`. Never rejects.
   */
  readCaptured(screenshot: Uint8Array<ArrayBuffer>, crop: Rect, key: string): Promise<ImageReadOutcome> {
    return this.once(key, async () => {
      const { reading } = await this.deps.ocr.read(screenshot, crop);
      await this.safely(this.deps.cache.put(key, reading), undefined);
      return { ok: true, reading, fromCache: false };
    });
  }

  /** Why the cache is failing, or null while it works. */
  cacheHealth(): string | null {
    return this.cacheFailure;
  }

  private once(key: string, work: () => Promise<ImageReadOutcome>): Promise<ImageReadOutcome> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const outcome = work()
      .catch((error: unknown): ImageReadOutcome => ({ ok: false, error: imageErrorInfo(error) }))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, outcome);
    return outcome;
  }

  private async readFetched(url: string, key: string): Promise<ImageReadOutcome> {
    const cached = await this.safely(this.deps.cache.get(key), undefined);
    if (cached) return { ok: true, reading: cached, fromCache: true };
    const bytes = await this.fetchImage(url);
    const hash = await sha256(bytes);
    const sameBytes = await this.safely(this.deps.cache.get(key, hash), undefined);
    if (sameBytes) {
      await this.safely(this.deps.cache.put(key, sameBytes, hash), undefined);
      return { ok: true, reading: sameBytes, fromCache: true };
    }
    const { reading } = await this.deps.ocr.read(bytes);
    await this.safely(this.deps.cache.put(key, reading, hash), undefined);
    return { ok: true, reading, fromCache: false };
  }

  /** A cache call's answer, or `fallback` when it throws or hangs: reading goes on without the cache. */
  private async safely<T>(work: Promise<T>, fallback: T): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the cache did not answer within ${this.cacheTimeoutMs / 1000} s`)), this.cacheTimeoutMs);
    });
    work.catch(() => undefined);
    try {
      const value = await Promise.race([work, late]);
      this.cacheFailure = null;
      return value;
    } catch (error) {
      if (this.cacheFailure === null) console.warn('[RedBridge] the image cache failed; reading without it', error);
      this.cacheFailure = messageOf(error);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }
}
