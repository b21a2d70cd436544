/**
 * What can go wrong while reading an image, in words a reader can act on. The code decides
 * what the page offers (Retry, or the capture fallback for `fetch`); the message is shown as is.
 */
import { messageOf } from '../untyped';
export type ImageReadErrorCode =
  /** The image could not be downloaded (the CDN refused, offline, not an image). */
  | 'fetch'
  /** The bytes are not an image this browser decodes. */
  | 'decode'
  /** The OCR models did not load. */
  | 'engine'
  /** The models failed on this image, or the worker crashed. */
  | 'read'
  /** Reading took longer than RedBridge waits. */
  | 'timeout'
  /** This browser cannot run OCR for RedBridge. */
  | 'unavailable';

export const IMAGE_READ_ERROR_CODES: readonly ImageReadErrorCode[] = ['fetch', 'decode', 'engine', 'read', 'timeout', 'unavailable'];

export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';

  constructor(
    readonly code: ImageReadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The serialisable form sent between contexts. */
export interface ImageReadErrorInfo {
  code: ImageReadErrorCode;
  message: string;
}

export function imageErrorInfo(error: unknown): ImageReadErrorInfo {
  if (error instanceof ImageReadError) return { code: error.code, message: error.message };
  const message = messageOf(error);
  return { code: 'read', message: `RedBridge could not read the text on this image (${message}).` };
}

/** An error as another context sent it, or null when it is not one. */
export function parseImageErrorInfo(value: unknown): ImageReadErrorInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message } = value as Record<string, unknown>;
  if (!(IMAGE_READ_ERROR_CODES as readonly unknown[]).includes(code) || typeof message !== 'string') return null;
  return { code: code as ImageReadErrorCode, message: message.slice(0, 500) };
}
