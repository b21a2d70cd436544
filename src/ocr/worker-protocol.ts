/**
 * The messages between the OCR engine (src/ocr/engine.ts, in a window context) and its worker
 * (src/ocr/worker.ts). Both ends are RedBridge's own code, but a reading still goes through
 * `parseImageReading` on the way out: the engine hands it on to other contexts.
 */
import { parseImageReading, type ImageReading } from './image-reading';
import type { Rect } from './types';

/** Engine → worker: read this encoded image (PNG, JPEG, WebP…), or the part of it in `crop`. */
export interface WorkerReadRequest {
  id: number;
  bytes: ArrayBuffer;
  crop?: Rect;
}

/** Where reading failed: loading the models, decoding the image, or running the models. */
export type WorkerFailureStage = 'load' | 'decode' | 'read';

export interface WorkerTimings {
  /** Loading both models, when this request had to; null when they were loaded already. */
  loadMs: number | null;
  decodeMs: number;
  /** The whole read: detection (`detectMs`, with the detector's input made) then recognition. */
  ocrMs: number;
  detectMs: number;
}

export type WorkerReadResponse =
  | { id: number; ok: true; reading: ImageReading; timings: WorkerTimings }
  | { id: number; ok: false; stage: WorkerFailureStage; message: string };

const STAGES: readonly unknown[] = ['load', 'decode', 'read'];

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The worker's answer, or null when it is not one. */
export function parseWorkerResponse(data: unknown): WorkerReadResponse | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, ok } = data as Record<string, unknown>;
  if (typeof id !== 'number') return null;
  if (ok === false) {
    const { stage, message } = data as Record<string, unknown>;
    return STAGES.includes(stage) && typeof message === 'string'
      ? { id, ok, stage: stage as WorkerFailureStage, message }
      : null;
  }
  if (ok !== true) return null;
  const reading = parseImageReading((data as Record<string, unknown>).reading);
  const timings = (data as Record<string, unknown>).timings as Record<string, unknown> | undefined;
  if (!reading || typeof timings !== 'object' || timings === null) return null;
  const { loadMs, decodeMs, ocrMs, detectMs } = timings;
  if (!(loadMs === null || isDuration(loadMs)) || !isDuration(decodeMs) || !isDuration(ocrMs) || !isDuration(detectMs)) return null;
  return { id, ok, reading, timings: { loadMs, decodeMs, ocrMs, detectMs } };
}

/**
 * The name (`new Worker(url, { name })`) of the second worker the OCR worker starts, where its
 * own sessions get one thread, to recognise lines alongside it (src/ocr/recogniser-worker.ts).
 */
export const RECOGNISER_WORKER_NAME = 'redbridge-ocr-recogniser';

/** OCR worker → recogniser worker: recognise this line's tensor [1, 3, 48, width]. */
export interface RecogniseRequest {
  id: number;
  tensor: Float32Array;
  width: number;
}

/** Recogniser worker → OCR worker: its model loaded or not, then one answer per request. */
export type RecogniserWorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'line'; id: number; ok: true; probs: Float32Array; steps: number; classes: number }
  | { type: 'line'; id: number; ok: false; message: string };
