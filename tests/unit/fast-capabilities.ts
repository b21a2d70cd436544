import type { BackendCapabilities } from '../../src/translation/types';

/** Capabilities of an in-memory test backend: generous limits, so only what a test sets matters. */
export const FAST_CAPABILITIES: BackendCapabilities = {
  maxTextsPerRequest: 50,
  maxCharsPerRequest: 10_000,
  kind: 'machine',
  maxConcurrentRequests: 3,
  requestsPerSecond: 1000,
  burst: 1000,
};
