/**
 * The OCR engine: one worker running src/ocr/worker.ts, started on the first image and
 * terminated after a few idle minutes, which gives the models' few hundred MB back. It lives
 * in a window context that may start workers: Chrome's offscreen page, Firefox's background page.
 */
import type { ImageReading } from './image-reading';
import { ImageReadError } from './read-error';
import type { Rect } from './types';
import { parseWorkerResponse, type WorkerReadRequest, type WorkerTimings } from './worker-protocol';

/** `not-loaded`: no models in memory (never used, or released when idle). */
export type OcrEngineState = 'not-loaded' | 'loading' | 'ready' | 'failed';

export interface OcrEngineStatus {
  state: OcrEngineState;
  /** Why the models did not load, when `state` is `failed`. */
  failure?: string;
  /** Images read since the engine started. */
  imagesRead: number;
  /** The last model load's time, in milliseconds. */
  loadMs?: number;
}

export interface EngineReading {
  reading: ImageReading;
  timings: WorkerTimings;
}

/** The part of a `Worker` the engine uses, so tests can hand in a fake. */
export interface WorkerLike {
  postMessage(message: WorkerReadRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface OcrEngineOptions {
  /** The models are released this long after the last image. */
  idleMs?: number;
  /** One image (with the models' first load) may take this long. */
  timeoutMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Idle minutes before the models go: long enough for a reader going through a carousel. */
export const OCR_IDLE_RELEASE_MS = 2 * 60_000;
/** Loading the models takes about 1 s and an image 1–2 s here; a minute means something is wrong. */
export const OCR_TIMEOUT_MS = 60_000;

interface Pending {
  resolve(result: EngineReading): void;
  reject(error: ImageReadError): void;
  timer: unknown;
}

const STAGE_CODES = { load: 'engine', decode: 'decode', read: 'read' } as const;

function stageMessage(stage: keyof typeof STAGE_CODES, detail: string): string {
  switch (stage) {
    case 'load':
      return `RedBridge's text recognition could not start (${detail}).`;
    case 'decode':
      return `This image could not be opened for reading (${detail}).`;
    case 'read':
      return `RedBridge could not read the text on this image (${detail}).`;
  }
}

export class OcrEngine {
  private worker: WorkerLike | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: unknown;
  private state: OcrEngineState = 'not-loaded';
  private failure: string | undefined;
  private imagesRead = 0;
  private loadMs: number | undefined;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly createWorker: () => WorkerLike,
    options: OcrEngineOptions = {},
  ) {
    this.idleMs = options.idleMs ?? OCR_IDLE_RELEASE_MS;
    this.timeoutMs = options.timeoutMs ?? OCR_TIMEOUT_MS;
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  status(): OcrEngineStatus {
    return {
      state: this.state,
      ...(this.failure !== undefined ? { failure: this.failure } : {}),
      imagesRead: this.imagesRead,
      ...(this.loadMs !== undefined ? { loadMs: this.loadMs } : {}),
    };
  }

  /** Reads the encoded image in `bytes` (only `crop`'s part of it, when given). Rejects with ImageReadError. */
  read(bytes: ArrayBuffer, crop?: Rect): Promise<EngineReading> {
    this.clearTimer(this.idleTimer);
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<EngineReading>((resolve, reject) => {
      const timer = this.setTimer(() => {
        // A worker stuck on one image is stuck for all: start afresh on the next.
        this.crash(new ImageReadError('timeout', 'Reading this image took too long. Try again.'));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, bytes, ...(crop ? { crop } : {}) }, [bytes]);
    });
  }

  /**
   * Terminates the worker now, which frees the models; the next image starts a new one. Images
   * still being read fail at once (the reader gets Retry), rather than waiting for a timeout.
   */
  release(): void {
    this.clearTimer(this.idleTimer);
    this.failPending(new ImageReadError('read', 'RedBridge freed the memory of its text recognition before this image was read. Try again.'));
    this.worker?.terminate();
    this.worker = undefined;
    if (this.state !== 'failed') this.state = 'not-loaded';
  }

  private start(): WorkerLike {
    const worker = this.createWorker();
    this.worker = worker;
    this.state = 'loading';
    this.failure = undefined;
    worker.addEventListener('message', (event) => this.answered(worker, event.data));
    worker.addEventListener('error', (event) => {
      if (this.worker !== worker) return;
      this.crash(new ImageReadError('read', `RedBridge's text recognition stopped (${event.message || 'the worker failed'}).`));
    });
    return worker;
  }

  private answered(worker: WorkerLike, data: unknown): void {
    if (this.worker !== worker) return;
    const response = parseWorkerResponse(data);
    if (!response) return;
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    this.clearTimer(pending.timer);
    if (response.ok) {
      this.state = 'ready';
      this.failure = undefined;
      this.imagesRead += 1;
      if (response.timings.loadMs !== null) this.loadMs = response.timings.loadMs;
      pending.resolve({ reading: response.reading, timings: response.timings });
    } else {
      if (response.stage === 'load') {
        this.state = 'failed';
        this.failure = response.message;
      }
      pending.reject(new ImageReadError(STAGE_CODES[response.stage], stageMessage(response.stage, response.message)));
    }
    if (this.pending.size === 0) this.idleTimer = this.setTimer(() => this.release(), this.idleMs);
  }

  private failPending(error: ImageReadError): void {
    for (const pending of this.pending.values()) {
      this.clearTimer(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }

  /** Fails every image in flight with `error` and drops the worker. */
  private crash(error: ImageReadError): void {
    this.failPending(error);
    this.worker?.terminate();
    this.worker = undefined;
    this.state = 'failed';
    this.failure = error.message;
  }
}
