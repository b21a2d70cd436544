/**
 * `npm run bench:compare -- a.json b.json c.json [--docs]`: the budgets of several
 * `bench/results.json` files side by side, with each budget's spread over the runs and its
 * smallest margin to the limit. A verdict that is a property of the code needs every margin to
 * be larger than the spread. `--docs` puts the table into docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BudgetCheck } from './budgets';
import { writePerformanceSection } from './docs-section';
import { formatFigure, marginOf } from './report';

/** What this reads of a results.json. */
export interface RunSummary {
  date: string;
  commit?: string;
  durationS: number;
  config: { quick: boolean };
  machine: { chromium: string };
  harnessFailures: unknown[];
  budgets: BudgetCheck[];
}

/** JSON writes Infinity as null: read it back as the worst value for the budget's bound. */
function revive(run: RunSummary): RunSummary {
  const worst = (check: BudgetCheck) => (check.bound === 'max' ? Infinity : -Infinity);
  return {
    ...run,
    budgets: run.budgets.map((check) => ({
      ...check,
      figure: check.figure ?? worst(check),
      values: check.values.map((value) => value ?? worst(check)),
    })),
  };
}

export function compareRuns(runs: readonly RunSummary[]): string {
  const header = `| budget | limit | ${runs.map((_, i) => `run ${i + 1}`).join(' | ')} | spread over the runs | smallest margin | margin > spread |`;
  const rule = `|---|---|${runs.map(() => '---|').join('')}---|---|---|`;
  const rows = runs[0]!.budgets.map((first) => {
    const checks = runs.map((run) => run.budgets.find((check) => check.id === first.id));
    if (checks.some((check) => !check)) throw new Error(`budget ${first.id} is missing from a run`);
    const figures = checks.map((check) => check!.figure);
    const spreadOfFigure = Math.max(...figures) - Math.min(...figures);
    const margin = Math.min(...checks.map((check) => marginOf(check!)));
    const unit = first.unit === '×' ? '' : first.unit;
    const cells = checks.map((check) => `${formatFigure(check!.figure, first.unit)}${check!.ok ? '' : ' **missed**'}`);
    const exact = (first.kind === 'exact' || first.kind === 'once') && spreadOfFigure === 0;
    const larger = margin > spreadOfFigure ? 'yes' : exact ? 'exact: no spread' : '**no**';
    return `| ${first.budget} | ${first.bound === 'max' ? '≤' : '≥'} ${formatFigure(first.limit, first.unit)} | ${cells.join(' | ')} | ${formatFigure(spreadOfFigure, unit)} | ${formatFigure(margin, unit)} | ${larger} |`;
  });
  const verdict = (run: RunSummary) => {
    const missed = run.budgets.filter((check) => !check.ok).length;
    return missed === 0 ? 'every budget held' : `**${missed} missed**`;
  };
  const facts = [
    `| verdict | | ${runs.map(verdict).join(' | ')} | | | |`,
    `| whole run, builds not included | | ${runs.map((run) => `${run.durationS} s`).join(' | ')} | | | |`,
    `| harness failures | | ${runs.map((run) => String(run.harnessFailures.length)).join(' | ')} | | | |`,
  ];
  const commits = [...new Set(runs.map((run) => run.commit ?? '?'))].join(', ');
  const quick = runs.some((run) => run.config.quick) ? ' Some runs were quick runs: indicative only.' : '';
  return [
    `${runs.length} runs of commit ${commits}, ${[...new Set(runs.map((run) => run.date))].join(', ')}, ${runs[0]!.machine.chromium}.${quick}`,
    '',
    header,
    rule,
    ...rows,
    ...facts,
  ].join('\n');
}

function main(): void {
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (files.length < 2) throw new Error('usage: npm run bench:compare -- run1.json run2.json [run3.json …] [--docs]');
  const runs = files.map((file) => revive(JSON.parse(readFileSync(file, 'utf8')) as RunSummary));
  const table = compareRuns(runs);
  console.log(table);
  if (process.argv.includes('--docs')) writePerformanceSection('bench-runs', table);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
