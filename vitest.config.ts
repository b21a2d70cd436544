import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.ts';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Unit and DOM tests: next to their source, fast, no browser, no network. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    reporters: ['default', new SummaryReporter('unit')],
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}', 'bench/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
  },
});
