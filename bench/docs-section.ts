import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PERFORMANCE_DOC = join(fileURLToPath(new URL('../', import.meta.url)), 'docs', 'performance.md');

/** Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->` in docs/performance.md. */
export function writePerformanceSection(name: string, content: string): void {
  const page = readFileSync(PERFORMANCE_DOC, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${start} … ${end} section`);
  writeFileSync(PERFORMANCE_DOC, `${page.slice(0, from + start.length)}\n${content}\n${page.slice(to)}`);
}
