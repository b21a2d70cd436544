import type { Backend } from '../types';

/** Splits texts into requests that respect the backend's text and character limits, in order. */
export function chunkForBackend<T extends { text: string }>(items: readonly T[], backend: Pick<Backend, 'capabilities'>): T[][] {
  const { maxTextsPerRequest, maxCharsPerRequest } = backend.capabilities;
  const chunks: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const full = current.length >= maxTextsPerRequest || chars + item.text.length > maxCharsPerRequest;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += item.text.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
