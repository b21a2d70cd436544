/**
 * The OCR worker: loads the PP-OCRv4 models from the extension's own files on its first
 * request, then decodes and reads one image per request, in order. It never touches the
 * network or a page; the engine that started it terminates it when idle, which frees the
 * models' memory.
 */
import * as ort from 'onnxruntime-web/wasm';
import { readingOf } from './image-reading';
import { loadOcrModels, type LoadedOcrModels } from './onnx-models';
import { OCR_FILES } from './packaged-files';
import { readImage } from './pipeline';
import type { RgbaImage } from './types';
import type { WorkerFailureStage, WorkerReadRequest, WorkerReadResponse } from './worker-protocol';

/** The part of a dedicated worker's global scope this uses. */
export interface WorkerScope {
  location: { href: string };
  postMessage(message: WorkerReadResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerReadRequest>) => void): void;
}

class StageError extends Error {
  constructor(
    readonly stage: WorkerFailureStage,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function fetchFile(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return response;
}

/** Both models, read from the extension's files next to this worker. */
async function loadPackagedModels(base: string): Promise<LoadedOcrModels> {
  const file = (dest: string) => new URL(`/${dest}`, base);
  // onnxruntime-web loads its WASM and the script that starts it from here: the extension's
  // own copies, never a CDN.
  ort.env.wasm.wasmPaths = { mjs: file(OCR_FILES.wasmLoader.dest).href, wasm: file(OCR_FILES.wasm.dest).href };
  const bytes = (dest: string) => fetchFile(file(dest)).then(async (response) => new Uint8Array(await response.arrayBuffer()));
  const files = {
    detector: bytes(OCR_FILES.detector.dest),
    recogniser: bytes(OCR_FILES.recogniser.dest),
    keys: fetchFile(file(OCR_FILES.keys.dest)).then((response) => response.text()),
  };
  // Each is awaited in turn by loadOcrModels; a failure meanwhile is not an unhandled one.
  for (const pending of Object.values(files)) pending.catch(() => undefined);
  return loadOcrModels(files, { threads: ocrThreads() });
}

/**
 * Two threads where the worker may share memory (Chrome's extension pages are cross-origin
 * isolated, see wxt.config.ts), else one: on this 2-core machine two read an image in 0.5–0.9 s
 * against 1.0–1.4 s (docs/ocr.md), while the page mostly waits. Never more than two, so a
 * machine with more cores keeps the rest for the page and the browser.
 */
function ocrThreads(): number {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated ? Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) : 1;
}

/** The image's pixels (only `crop`'s, when given), decoded off any page. */
async function decode(bytes: ArrayBuffer, crop: WorkerReadRequest['crop']): Promise<RgbaImage> {
  const blob = new Blob([bytes]);
  const bitmap = crop
    ? await createImageBitmap(blob, Math.round(crop.x), Math.round(crop.y), Math.round(crop.width), Math.round(crop.height))
    : await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas in this worker');
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

export function startOcrWorker(scope: WorkerScope): void {
  let models: Promise<LoadedOcrModels> | undefined;
  // One image at a time: the models are single-threaded, and order keeps answers predictable.
  let queue: Promise<void> = Promise.resolve();

  async function read(request: WorkerReadRequest): Promise<WorkerReadResponse> {
    try {
      let loadMs: number | null = null;
      if (!models) {
        const started = performance.now();
        models = loadPackagedModels(scope.location.href);
        models.catch(() => (models = undefined));
        await models.catch((error: unknown) => Promise.reject(new StageError('load', error)));
        loadMs = performance.now() - started;
      }
      const loaded = await models.catch((error: unknown) => Promise.reject(new StageError('load', error)));
      const decodeStart = performance.now();
      const image = await decode(request.bytes, request.crop).catch((error: unknown) =>
        Promise.reject(new StageError('decode', error)),
      );
      const ocrStart = performance.now();
      const lines = await readImage(image, loaded).catch((error: unknown) => Promise.reject(new StageError('read', error)));
      const done = performance.now();
      return {
        id: request.id,
        ok: true,
        reading: readingOf(lines, image.width, image.height),
        timings: { loadMs, decodeMs: ocrStart - decodeStart, ocrMs: done - ocrStart },
      };
    } catch (error) {
      const stage = error instanceof StageError ? error.stage : 'read';
      const message = error instanceof Error ? error.message : String(error);
      return { id: request.id, ok: false, stage, message };
    }
  }

  scope.addEventListener('message', (event) => {
    const request = event.data;
    queue = queue.then(async () => scope.postMessage(await read(request)));
  });
}
