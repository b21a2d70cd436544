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
  ocrMs: number;
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
  const { loadMs, decodeMs, ocrMs } = timings;
  if (!(loadMs === null || isDuration(loadMs)) || !isDuration(decodeMs) || !isDuration(ocrMs)) return null;
  return { id, ok, reading, timings: { loadMs, decodeMs, ocrMs } };
}
