/**
 * Bytes as base64 and back: Chrome's runtime messages are JSON, so an image crosses from the
 * service worker to the offscreen page as text.
 */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: spreading a whole image into one call overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
