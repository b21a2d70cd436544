import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';

/** Where each vitest run of `npm test` leaves its counts, for the closing total line. */
export const SUMMARY_FILE = fileURLToPath(new URL('./output/summary.json', import.meta.url));

type Counts = { passed: number; failed: number; skipped: number };

/**
 * Prints `<suite>: N passed, N failed, N skipped` after a run and records the counts, so that
 * `npm test` can close with one plain total line over unit and e2e tests.
 */
export default class SummaryReporter implements Reporter {
  constructor(private readonly suite: string) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
      if (module.state() === 'failed' && module.children.size === 0) counts.failed += 1;
    }
    console.log(`${this.suite}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    let all: Record<string, Counts> = {};
    try {
      all = JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as Record<string, Counts>;
    } catch {
      // first run of this `npm test`
    }
    all[this.suite] = counts;
    mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(SUMMARY_FILE, JSON.stringify(all, null, 2));
  }
}
