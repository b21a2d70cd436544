import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineReading } from './engine';
import { fetchImageBytes, ImageReader, MAX_IMAGE_BYTES, type ImageCacheLike } from './image-reader';
import type { ImageReading } from './image-reading';
import type { OcrClient } from './ocr-client';
import { ImageReadError } from './read-error';
import type { Rect } from './types';

function readingWith(text: string): ImageReading {
  return { width: 800, height: 600, language: 'chinese', blocks: [{ text, bounds: { x: 40, y: 40, width: 300, height: 60 } }] };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** An OCR client that records what it was asked and answers with `answer`. */
function fakeOcr(answer: (bytes: Uint8Array, crop?: Rect) => Promise<EngineReading> = async () => ({
  reading: readingWith('西湖一日游'),
  timings: { loadMs: null, decodeMs: 1, ocrMs: 2, detectMs: 1 },
})) {
  const reads: { bytes: number[]; crop?: Rect }[] = [];
  const client: OcrClient = {
    read: (bytes, crop) => {
      reads.push({ bytes: Array.from(bytes), ...(crop ? { crop } : {}) });
      return answer(bytes, crop);
    },
    status: async () => ({ state: 'ready', imagesRead: reads.length }),
    release: async () => undefined,
  };
  return { client, reads };
}

/** An in-memory cache keyed like the real one: by key, or by the hash of the bytes. */
function memoryCache() {
  const byKey = new Map<string, { reading: ImageReading; hash?: string }>();
  const gets: [string, string | undefined][] = [];
  const puts: [string, ImageReading, string | undefined][] = [];
  const cache: ImageCacheLike = {
    async get(key, hash) {
      gets.push([key, hash]);
      const found = byKey.get(key) ?? (hash === undefined ? undefined : [...byKey.values()].find((entry) => entry.hash === hash));
      return found?.reading;
    },
    async put(key, reading, hash) {
      puts.push([key, reading, hash]);
      byKey.set(key, { reading, ...(hash ? { hash } : {}) });
    },
  };
  return { cache, byKey, gets, puts };
}

const IMAGE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const URL_A = 'https://sns-webpic-qc.xhscdn.com/202401/abc!nd_dft_wlteh_webp_3';
const KEY_A = 'sns-webpic-qc.xhscdn.com/abc';

function fakeFetch(bytes: () => Uint8Array<ArrayBuffer> = () => IMAGE.slice()) {
  const fetched: string[] = [];
  const fetchImage = async (url: string) => {
    fetched.push(url);
    return bytes();
  };
  return { fetchImage, fetched };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ImageReader.read', () => {
  it('serves a cached reading without fetching or reading the image', async () => {
    const ocr = fakeOcr();
    const store = memoryCache();
    store.byKey.set(KEY_A, { reading: readingWith('缓存的') });
    const { fetchImage, fetched } = fakeFetch();
    const reader = new ImageReader({ ocr: ocr.client, cache: store.cache, fetchImage });

    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({ ok: true, reading: readingWith('缓存的'), fromCache: true });
    expect(fetched).toEqual([]);
    expect(ocr.reads).toEqual([]);
  });

  it('on a miss fetches the URL, reads the bytes, and stores the reading under the key with the bytes’ SHA-256', async () => {
    const ocr = fakeOcr();
    const store = memoryCache();
    const { fetchImage, fetched } = fakeFetch();
    const reader = new ImageReader({ ocr: ocr.client, cache: store.cache, fetchImage });

    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({ ok: true, reading: readingWith('西湖一日游'), fromCache: false });

    expect(fetched).toEqual([URL_A]);
    expect(ocr.reads).toEqual([{ bytes: Array.from(IMAGE) }]);
    const hash = sha256(IMAGE);
    expect(hash).toMatch(/^[0-9a-f]{64}$/u);
    // First by key alone, then by the bytes' hash.
    expect(store.gets).toEqual([
      [KEY_A, undefined],
      [KEY_A, hash],
    ]);
    expect(store.puts).toEqual([[KEY_A, readingWith('西湖一日游'), hash]]);
  });

  it('reuses the reading of the same bytes under another URL, without OCR, and stores it under the new key', async () => {
    const ocr = fakeOcr();
    const store = memoryCache();
    store.byKey.set('other-key', { reading: readingWith('同一张图'), hash: sha256(IMAGE) });
    const { fetchImage, fetched } = fakeFetch();
    const reader = new ImageReader({ ocr: ocr.client, cache: store.cache, fetchImage });

    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({ ok: true, reading: readingWith('同一张图'), fromCache: true });
    expect(fetched).toEqual([URL_A]);
    expect(ocr.reads).toEqual([]);
    expect(store.puts).toEqual([[KEY_A, readingWith('同一张图'), sha256(IMAGE)]]);
  });

  it('reads an image once however many ask for its key at the same time, and again once that read is done', async () => {
    let finish: (result: EngineReading) => void = () => undefined;
    const ocr = fakeOcr(() => new Promise<EngineReading>((resolve) => (finish = resolve)));
    const { fetchImage, fetched } = fakeFetch();
    // No cache hits: every finished read must go back to the OCR engine.
    const cache: ImageCacheLike = { get: async () => undefined, put: async () => undefined };
    const reader = new ImageReader({ ocr: ocr.client, cache, fetchImage });

    const first = reader.read(URL_A, KEY_A);
    const second = reader.read(`${URL_A}?from=carousel`, KEY_A);
    expect(second).toBe(first);
    await vi.waitFor(() => expect(ocr.reads).toHaveLength(1));
    finish({ reading: readingWith('一次'), timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } });
    expect(await first).toEqual({ ok: true, reading: readingWith('一次'), fromCache: false });
    expect(await second).toEqual(await first);
    expect(fetched).toEqual([URL_A]);

    const third = reader.read(URL_A, KEY_A);
    expect(third).not.toBe(first);
    await vi.waitFor(() => expect(ocr.reads).toHaveLength(2));
    finish({ reading: readingWith('两次'), timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } });
    await expect(third).resolves.toMatchObject({ reading: readingWith('两次') });
  });

  it('does not merge reads of different keys', async () => {
    const ocr = fakeOcr();
    const { fetchImage, fetched } = fakeFetch();
    const reader = new ImageReader({ ocr: ocr.client, cache: { get: async () => undefined, put: async () => undefined }, fetchImage });
    await Promise.all([reader.read(URL_A, KEY_A), reader.read('https://example.com/b.jpg', 'b')]);
    expect(fetched).toEqual([URL_A, 'https://example.com/b.jpg']);
    expect(ocr.reads).toHaveLength(2);
  });

  it('frees the key after a failed read, so a retry reads again', async () => {
    let fail = true;
    const ocr = fakeOcr(async () => {
      if (fail) throw new ImageReadError('timeout', 'Reading this image took too long. Try again.');
      return { reading: readingWith('好'), timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } };
    });
    const reader = new ImageReader({ ocr: ocr.client, cache: memoryCache().cache, fetchImage: fakeFetch().fetchImage });
    await expect(reader.read(URL_A, KEY_A)).resolves.toMatchObject({ ok: false });
    fail = false;
    await expect(reader.read(URL_A, KEY_A)).resolves.toMatchObject({ ok: true, reading: readingWith('好') });
    expect(ocr.reads).toHaveLength(2);
  });

  it('keeps reading when every cache call throws, and says why the cache is failing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ocr = fakeOcr();
    const cache: ImageCacheLike = {
      get: () => Promise.reject(new Error('QuotaExceededError: disk full')),
      put: () => Promise.reject(new Error('QuotaExceededError: disk full')),
    };
    const reader = new ImageReader({ ocr: ocr.client, cache, fetchImage: fakeFetch().fetchImage });

    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({ ok: true, reading: readingWith('西湖一日游'), fromCache: false });
    expect(ocr.reads).toHaveLength(1);
    expect(reader.cacheHealth()).toContain('disk full');
  });

  it('keeps reading when the cache hangs, giving up on it after cacheTimeoutMs', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ocr = fakeOcr();
    const never = new Promise<never>(() => undefined);
    const cache: ImageCacheLike = { get: () => never, put: () => never };
    const reader = new ImageReader({ ocr: ocr.client, cache, fetchImage: fakeFetch().fetchImage, cacheTimeoutMs: 20 });

    const started = Date.now();
    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({ ok: true, reading: readingWith('西湖一日游'), fromCache: false });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(reader.cacheHealth()).toContain('did not answer');
  });

  it('reports a healthy cache again once it answers', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let broken = true;
    const store = memoryCache();
    const cache: ImageCacheLike = {
      get: (key, hash) => (broken ? Promise.reject(new Error('closed')) : store.cache.get(key, hash)),
      put: (key, reading, hash) => (broken ? Promise.reject(new Error('closed')) : store.cache.put(key, reading, hash)),
    };
    const reader = new ImageReader({ ocr: fakeOcr().client, cache, fetchImage: fakeFetch().fetchImage });
    expect(reader.cacheHealth()).toBeNull();
    await reader.read(URL_A, KEY_A);
    expect(reader.cacheHealth()).toBe('closed');
    broken = false;
    await reader.read(URL_A, KEY_A);
    expect(reader.cacheHealth()).toBeNull();
  });

  it('answers a failed download with its fetch error and does not run OCR', async () => {
    const ocr = fakeOcr();
    const fetchImage = () => Promise.reject(new ImageReadError('fetch', 'RedBridge could not download this image (the image server answered 403).'));
    const reader = new ImageReader({ ocr: ocr.client, cache: memoryCache().cache, fetchImage });
    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({
      ok: false,
      error: { code: 'fetch', message: 'RedBridge could not download this image (the image server answered 403).' },
    });
    expect(ocr.reads).toEqual([]);
  });

  it('answers an OCR failure with its code, stores nothing, and never rejects', async () => {
    const store = memoryCache();
    const ocr = fakeOcr(() => Promise.reject(new ImageReadError('decode', 'This image could not be opened for reading (bad).')));
    const reader = new ImageReader({ ocr: ocr.client, cache: store.cache, fetchImage: fakeFetch().fetchImage });
    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({
      ok: false,
      error: { code: 'decode', message: 'This image could not be opened for reading (bad).' },
    });
    expect(store.puts).toEqual([]);
  });

  it('turns an unexpected error into code read', async () => {
    const ocr = fakeOcr(() => Promise.reject(new TypeError('boom')));
    const reader = new ImageReader({ ocr: ocr.client, cache: memoryCache().cache, fetchImage: fakeFetch().fetchImage });
    await expect(reader.read(URL_A, KEY_A)).resolves.toEqual({
      ok: false,
      error: { code: 'read', message: expect.stringContaining('boom') },
    });
  });
});

describe('ImageReader.readCaptured', () => {
  const crop = { x: 100, y: 200, width: 600, height: 400 };

  it('reads the crop of the screenshot and stores the reading under the key, with no hash', async () => {
    const ocr = fakeOcr();
    const store = memoryCache();
    const { fetchImage, fetched } = fakeFetch();
    const reader = new ImageReader({ ocr: ocr.client, cache: store.cache, fetchImage });
    const screenshot = Uint8Array.from([9, 8, 7]);

    await expect(reader.readCaptured(screenshot, crop, KEY_A)).resolves.toEqual({ ok: true, reading: readingWith('西湖一日游'), fromCache: false });
    expect(ocr.reads).toEqual([{ bytes: [9, 8, 7], crop }]);
    expect(store.puts).toEqual([[KEY_A, readingWith('西湖一日游'), undefined]]);
    expect(fetched).toEqual([]);
  });

  it('answers an OCR failure as an outcome, never a rejection', async () => {
    const ocr = fakeOcr(() => Promise.reject(new ImageReadError('unavailable', 'no engine')));
    const reader = new ImageReader({ ocr: ocr.client, cache: memoryCache().cache, fetchImage: fakeFetch().fetchImage });
    await expect(reader.readCaptured(Uint8Array.from([1]), crop, KEY_A)).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'no engine' },
    });
  });

  it('shares a read in flight for the same key', async () => {
    let finish: (result: EngineReading) => void = () => undefined;
    const ocr = fakeOcr(() => new Promise<EngineReading>((resolve) => (finish = resolve)));
    const reader = new ImageReader({ ocr: ocr.client, cache: memoryCache().cache, fetchImage: fakeFetch().fetchImage });
    const captured = reader.readCaptured(Uint8Array.from([1]), crop, KEY_A);
    expect(reader.readCaptured(Uint8Array.from([2]), crop, KEY_A)).toBe(captured);
    expect(reader.read(URL_A, KEY_A)).toBe(captured);
    await vi.waitFor(() => expect(ocr.reads).toHaveLength(1));
    finish({ reading: readingWith('好'), timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } });
    await expect(captured).resolves.toMatchObject({ ok: true });
    expect(ocr.reads).toHaveLength(1);
  });
});

describe('fetchImageBytes', () => {
  let server: Server;
  let base = '';
  const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);

  beforeAll(async () => {
    server = createServer((request, response) => {
      switch (request.url) {
        case '/image.png':
          response.writeHead(200, { 'content-type': 'image/png' });
          response.end(PNG);
          return;
        case '/octet':
          response.writeHead(200, { 'content-type': 'application/octet-stream' });
          response.end(PNG);
          return;
        case '/untyped':
          response.writeHead(200);
          response.end(PNG);
          return;
        case '/forbidden':
          response.writeHead(403, { 'content-type': 'image/png' });
          response.end('Forbidden');
          return;
        case '/page':
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.end('<html>login</html>');
          return;
        case '/empty':
          response.writeHead(200, { 'content-type': 'image/webp' });
          response.end();
          return;
        case '/huge':
          // Says it is larger than any note image; the body never needs to come.
          response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(MAX_IMAGE_BYTES + 1) });
          response.flushHeaders();
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failure(url: string): Promise<ImageReadError> {
    const error = await fetchImageBytes(url).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImageReadError);
    return error as ImageReadError;
  }

  it('returns the bytes of an image', async () => {
    const bytes = await fetchImageBytes(`${base}/image.png`);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).equals(PNG)).toBe(true);
  });

  it('accepts octet-stream and an untyped answer', async () => {
    expect(Buffer.from(await fetchImageBytes(`${base}/octet`)).equals(PNG)).toBe(true);
    expect(Buffer.from(await fetchImageBytes(`${base}/untyped`)).equals(PNG)).toBe(true);
  });

  it('fails with code fetch and the status when the server refuses', async () => {
    const error = await failure(`${base}/forbidden`);
    expect(error.code).toBe('fetch');
    expect(error.message).toContain('403');
    expect((await failure(`${base}/missing`)).message).toContain('404');
  });

  it('fails with code fetch when the server sends a page, not an image', async () => {
    const error = await failure(`${base}/page`);
    expect(error.code).toBe('fetch');
    expect(error.message).toContain('text/html');
    expect(error.message).not.toContain('charset');
  });

  it('fails with code fetch on an empty answer', async () => {
    const error = await failure(`${base}/empty`);
    expect(error.code).toBe('fetch');
    expect(error.message).toContain('nothing');
  });

  it('fails with code fetch, before downloading, when the image says it is too large', async () => {
    const error = await failure(`${base}/huge`);
    expect(error.code).toBe('fetch');
    expect(error.message).toContain('too large');
  });

  it('fails with code fetch when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failure(`http://127.0.0.1:${port}/image.png`);
    expect(error.code).toBe('fetch');
    expect(error.message).toContain('could not be reached');
  });
});
