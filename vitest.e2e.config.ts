import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.ts';

/**
 * Real-browser tests: the built extension (`npm run build:e2e`) in Debian's Chromium and
 * Firefox ESR, on the RedNote fixture pages, against local fake translation servers.
 * One file at a time: two browsers at once are too much for a 2-core machine.
 */
export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter('e2e')],
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
});
