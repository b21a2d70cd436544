import { describe, expect, it } from 'vitest';
import type { BudgetCheck } from './budgets';
import { compareRuns, type RunSummary } from './compare';

function check(id: BudgetCheck['id'], figure: number, overrides: Partial<BudgetCheck> = {}): BudgetCheck {
  return { id, budget: id, kind: 'median', bound: 'max', limit: 20, unit: 'ms', values: [figure], figure, spread: { min: figure, max: figure }, ok: figure <= 20, ...overrides };
}

const run = (budgets: BudgetCheck[], durationS = 480): RunSummary => ({
  date: '2026-12-07',
  commit: 'abc1234',
  durationS,
  config: { quick: false },
  machine: { chromium: 'Chrome/156' },
  harnessFailures: [],
  budgets,
});

/** The table row of a budget, split into its cells. */
function row(table: string, id: string): string[] {
  const line = table.split('\n').find((text) => text.startsWith(`| ${id} |`));
  if (!line) throw new Error(`no row for ${id}`);
  return line.split('|').slice(1, -1).map((cell) => cell.trim());
}

describe('compareRuns', () => {
  it("puts each run's figure side by side with the spread over the runs and the smallest margin", () => {
    const table = compareRuns([run([check('sliceP99Ms', 10)]), run([check('sliceP99Ms', 12)]), run([check('sliceP99Ms', 11)])]);
    expect(row(table, 'sliceP99Ms')).toEqual(['sliceP99Ms', '≤ 20 ms', '10 ms', '12 ms', '11 ms', '2 ms', '8 ms', 'yes']);
  });

  it('says so when a margin is not larger than the spread, and marks a run that missed', () => {
    const table = compareRuns([run([check('sliceP99Ms', 12)]), run([check('sliceP99Ms', 19)]), run([check('sliceP99Ms', 21)])]);
    expect(row(table, 'sliceP99Ms')).toEqual(['sliceP99Ms', '≤ 20 ms', '12 ms', '19 ms', '21 ms **missed**', '9 ms', '-1 ms', '**no**']);
    expect(table).toMatch(/\| verdict \| \| every budget held \| every budget held \| \*\*1 missed\*\* \|/);
  });

  it('tells an exact count that did not vary from one that sits at its limit by chance', () => {
    const count = (figure: number) => check('warmRequests', figure, { kind: 'exact', limit: 0, unit: '', ok: figure === 0 });
    expect(row(compareRuns([run([count(0)]), run([count(0)])]), 'warmRequests').at(-1)).toBe('exact: no spread');
    expect(row(compareRuns([run([count(0)]), run([count(1)])]), 'warmRequests').at(-1)).toBe('**no**');
  });

  it('reads a minimum the other way round', () => {
    const atLeast = (figure: number) => check('coldUnitsPerRequest', figure, { kind: 'exact', bound: 'min', limit: 20, unit: '', ok: figure >= 20 });
    expect(row(compareRuns([run([atLeast(26.4)]), run([atLeast(29.6)])]), 'coldUnitsPerRequest').slice(4)).toEqual(['3.2', '6.4', 'yes']);
  });
});
