/**
 * The OCR worker: loads the PP-OCRv4 models from the extension's own files on its first
 * request, then decodes and reads one image per request, in order. It never touches the
 * network or a page; the engine that started it terminates it when idle, which frees the
 * models' memory.
 */
import { readingOf } from './image-reading';
import { fileBytes, fileText, useExtensionWasm } from './extension-files';
import { loadOcrModels, type LoadedOcrModels } from './onnx-models';
import { OCR_FILES } from './packaged-files';
import { ocrLayout } from './ocr-layout';
import { readImage } from './pipeline';
import { recogniserInWorker, type RecogniserWorkerHandle } from './recogniser-worker';
import type { RgbaImage } from './types';
import { RECOGNISER_WORKER_NAME, type WorkerFailureStage, type WorkerReadRequest, type WorkerReadResponse } from './worker-protocol';
import { messageOf } from '../untyped';

/** The part of a dedicated worker's global scope this uses. */
export interface WorkerScope {
  location: { href: string };
  /** A worker running this same script under `name`. */
  startWorker(name: string): RecogniserWorkerHandle;
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

/** Both models, read from the extension's files next to this worker. */
function loadPackagedModels(scope: WorkerScope, threads: number): Promise<LoadedOcrModels> {
  const base = scope.location.href;
  useExtensionWasm(base);
  const files = {
    detector: fileBytes(base, OCR_FILES.detector),
    recogniser: fileBytes(base, OCR_FILES.recogniser),
    keys: fileText(base, OCR_FILES.keys),
  };
  // Each is awaited in turn by loadOcrModels; a failure meanwhile is not an unhandled one.
  for (const pending of Object.values(files)) pending.catch(() => undefined);
  return loadOcrModels(files, { threads });
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
  const layout = ocrLayout((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true, navigator.hardwareConcurrency);
  let models: Promise<LoadedOcrModels> | undefined;
  let secondRecogniser = false;
  // One image at a time: the models are single-threaded, and order keeps answers predictable.
  let queue: Promise<void> = Promise.resolve();

  async function read(request: WorkerReadRequest): Promise<WorkerReadResponse> {
    try {
      // The image is decoded while the models load, on the first image.
      const decodeStart = performance.now();
      const decoding = decode(request.bytes, request.crop).then((image) => ({ image, decodeMs: performance.now() - decodeStart }));
      decoding.catch(() => undefined);
      let loadMs: number | null = null;
      if (!models) {
        const started = performance.now();
        models = loadPackagedModels(scope, layout.threads);
        models.catch(() => (models = undefined));
        await models.catch((error: unknown) => Promise.reject(new StageError('load', error)));
        loadMs = performance.now() - started;
      }
      const loaded = await models.catch((error: unknown) => Promise.reject(new StageError('load', error)));
      const { image, decodeMs } = await decoding.catch((error: unknown) => Promise.reject(new StageError('decode', error)));
      const ocrStart = performance.now();
      let detectMs = 0;
      const timed: LoadedOcrModels = {
        ...loaded,
        detect: (...input) => loaded.detect(...input).finally(() => (detectMs = performance.now() - ocrStart)),
      };
      const lines = await readImage(image, timed).catch((error: unknown) => Promise.reject(new StageError('read', error)));
      const done = performance.now();
      return {
        id: request.id,
        ok: true,
        reading: readingOf(lines, image.width, image.height),
        timings: { loadMs, decodeMs, ocrMs: done - ocrStart, detectMs },
      };
    } catch (error) {
      const stage = error instanceof StageError ? error.stage : 'read';
      const message = messageOf(error);
      return { id: request.id, ok: false, stage, message };
    }
  }

  /**
   * Where the layout has one, the second recogniser's worker starts after the first image: on
   * a cold start the two workers compiled the runtime side by side, and the first image took
   * 2.6–2.8 s for it in Firefox against 2.2–2.7 s (docs/ocr.md).
   */
  async function startSecondRecogniser(): Promise<void> {
    if (!layout.recogniserWorker || secondRecogniser || !models) return;
    const loaded = await models.catch(() => undefined);
    if (!loaded || secondRecogniser) return;
    secondRecogniser = true;
    loaded.addRecogniser(recogniserInWorker(() => scope.startWorker(RECOGNISER_WORKER_NAME)));
  }

  scope.addEventListener('message', (event) => {
    const request = event.data;
    queue = queue.then(async () => {
      scope.postMessage(await read(request));
      await startSecondRecogniser();
    });
  });
}
