// `node tests/summary.mjs reset` clears the counts before `npm test`; `node tests/summary.mjs`
// prints its closing line, `total: N passed, N failed, N skipped`, over unit and e2e runs.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('./output/summary.json', import.meta.url));

if (process.argv[2] === 'reset') {
  rmSync(file, { force: true });
} else {
  const suites = JSON.parse(readFileSync(file, 'utf8'));
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const counts of Object.values(suites)) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (total.failed > 0 || total.passed === 0) process.exitCode = 1;
}
