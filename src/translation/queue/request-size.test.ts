import { describe, expect, it } from 'vitest';
import type { Backend } from '../types';
import { chunkForBackend } from './request-size';

function backendWith(maxTextsPerRequest: number, maxCharsPerRequest: number): Backend {
  return {
    id: 'google',
    name: 'Fake',
    capabilities: {
      maxTextsPerRequest,
      maxCharsPerRequest,
      kind: 'machine',
      maxConcurrentRequests: 1,
      requestsPerSecond: 1,
      burst: 1,
    },
    translate: async (texts) => [...texts],
  };
}

describe('chunkForBackend', () => {
  const items = (...lengths: number[]) => lengths.map((length, i) => ({ id: i, text: 'x'.repeat(length) }));
  const ids = (chunks: { id: number }[][]) => chunks.map((chunk) => chunk.map((item) => item.id));

  it('fills requests up to the text limit', () => {
    expect(ids(chunkForBackend(items(1, 1, 1, 1, 1), backendWith(2, 100)))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('starts a new request before the character limit is passed', () => {
    expect(ids(chunkForBackend(items(4, 4, 4, 10, 1), backendWith(10, 10)))).toEqual([[0, 1], [2], [3], [4]]);
  });

  it('fills a request exactly to the character limit', () => {
    expect(ids(chunkForBackend(items(5, 5, 1), backendWith(10, 10)))).toEqual([[0, 1], [2]]);
  });

  it('sends a text longer than the character limit alone', () => {
    expect(ids(chunkForBackend(items(1, 30, 1), backendWith(10, 10)))).toEqual([[0], [1], [2]]);
  });

  it('makes no request for no texts', () => {
    expect(chunkForBackend([], backendWith(10, 10))).toEqual([]);
  });
});
