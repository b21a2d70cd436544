import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';

describe('bytesToBase64 and base64ToBytes', () => {
  it('encode and decode the standard test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, base64] of vectors) {
      const bytes = new TextEncoder().encode(text);
      expect(bytesToBase64(bytes)).toBe(base64);
      expect(Array.from(base64ToBytes(base64))).toEqual(Array.from(bytes));
    }
  });

  it('round-trips every byte value, high bytes included', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const base64 = bytesToBase64(bytes);
    expect(base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(base64)).toEqual(bytes);
  });

  it('encodes an image larger than one slice (and than the argument limit) without losing bytes', () => {
    // Three slices of 0x8000 and a bit, with a pattern that would show a dropped or repeated slice.
    const bytes = Uint8Array.from({ length: 3 * 0x8000 + 17 }, (_, i) => (i * 31 + (i >> 15)) & 0xff);
    const base64 = bytesToBase64(bytes);
    expect(base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(base64)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('handles a 2 MB image, as large as RedNote serves', () => {
    const bytes = Uint8Array.from({ length: 2 * 1024 * 1024 }, (_, i) => (i * 7) & 0xff);
    const base64 = bytesToBase64(bytes);
    expect(base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(base64)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('encodes only the bytes of a view, not the whole buffer behind it', () => {
    const whole = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    expect(bytesToBase64(whole.subarray(2, 5))).toBe(Buffer.from([3, 4, 5]).toString('base64'));
  });

  it('decodes into a buffer that holds exactly the decoded bytes', () => {
    const bytes = base64ToBytes('Zm9vYmFy');
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(6);
    expect(new TextDecoder().decode(bytes.buffer)).toBe('foobar');
  });
});
