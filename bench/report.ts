import { latenciesMs, unitsPerRequest, type BudgetCheck, type Measurements } from './budgets';
import type { HarnessFailure } from './harness';
import type { PassResult } from './scenarios';
import { median, percentile, spread } from './stats';
import { FRAME_MS, SLICE_PERCENTILE } from './trace';

export interface BenchConfig {
  /** `--quick`: one round on small pages; the verdict is only indicative. */
  quick: boolean;
  /** Timing rounds. */
  passes: number;
  /** Comments of the timing rounds' note. */
  comments: number;
  /** Comments of the scale pass's note. */
  scaleComments: number;
  feedCards: number;
  navigations: number;
  backendLatencyMs: number;
  scrollStepDelayMs: number;
}

export interface BenchResults {
  date: string;
  /** The commit measured; `+` when the work tree had changes. */
  commit?: string;
  machine: { cpus: number; memoryGB: number; chromium: string };
  config: BenchConfig;
  /** The whole run, builds not included. */
  durationS: number;
  harnessFailures: HarnessFailure[];
  contentScript: { rawKB: number; gzipKB: number; startupMs: number };
  measured: Measurements;
  budgets: BudgetCheck[];
}

const round = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));
const ms = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : `${Math.round(value)} ms`);
const mb = (value: number) => `${value.toFixed(1)} MB`;

/** A figure in a budget's unit. */
export function formatFigure(value: number, unit: string): string {
  if (unit === '×') return `×${round(value, 2)}`;
  const digits = Number.isInteger(value) ? 0 : unit === 'MB' ? 2 : 1;
  return `${round(value, digits)}${unit ? ` ${unit}` : ''}`;
}

/** A figure over the rounds: its median and, with more than one round, the min–max. */
function overRounds(values: number[], format: (value: number) => string): string {
  const measured = values.filter(Number.isFinite);
  const missing = values.length - measured.length;
  const note = missing > 0 ? ` (${missing} of ${values.length} rounds: never)` : '';
  if (measured.length === 0) return `–${note}`;
  if (measured.length === 1) return `${format(measured[0]!)}${note}`;
  const { min, max } = spread(measured);
  return `${format(median(measured))} (${format(min)}–${format(max)})${note}`;
}

/** Waits after appearing: of the units that came on screen while scrolling, and the first screen's slowest. */
function latencySummary(pass: PassResult): string {
  const latencies = latenciesMs(pass, 'scrolled');
  const never = latenciesMs(pass).filter((value) => value === Infinity).length;
  const shown = latencies.filter(Number.isFinite);
  const firstScreen = latenciesMs(pass, 'firstScreen').filter(Number.isFinite);
  return `scrolling: p50 ${ms(percentile(shown, 50))}, p99 ${ms(percentile(shown, 99))}, max ${ms(Math.max(0, ...shown))}; first screen (${firstScreen.length} units): max ${ms(firstScreen.length > 0 ? Math.max(...firstScreen) : NaN)}${never ? `; ${never} never` : ''}`;
}

function requestsSummary(pass: PassResult): string {
  const { requests, texts, duplicateTexts } = pass.requests;
  if (requests === 0) return '0';
  const duplicates = texts === 0 ? 0 : (100 * duplicateTexts) / texts;
  return `${requests} (${round(unitsPerRequest(pass), 1)} units each; ${duplicates.toFixed(1)} % duplicate texts)`;
}

/** How a budget is judged, for the table. */
export function judgedOn(check: BudgetCheck): string {
  if (check.kind === 'exact') return `every pass (${check.values.length}), worst`;
  if (check.kind === 'median') return `median of ${check.values.length} round${check.values.length === 1 ? '' : 's'}`;
  if (check.kind === 'pooled') return `${check.values.length} round${check.values.length === 1 ? '' : 's'} pooled (each round's: values)`;
  return 'one pass';
}

/** How far the judged figure is from the limit, in the right direction (negative: missed). */
export function marginOf(check: Pick<BudgetCheck, 'bound' | 'figure' | 'limit'>): number {
  return check.bound === 'max' ? check.limit - check.figure : check.figure - check.limit;
}

/** The measurements as Markdown tables, for the terminal and docs/performance.md. */
export function formatReport(results: BenchResults): string {
  const { measured, contentScript, config, machine } = results;
  const { rounds, scale } = measured;
  const column = (pick: (round: Measurements['rounds'][number]) => PassResult) => rounds.map(pick);
  const [without, cold, warm] = [column((r) => r.without), column((r) => r.cold), column((r) => r.warm)];
  const traced = (passes: PassResult[], figure: (cost: NonNullable<PassResult['mainThread']>) => number, format: (value: number) => string) =>
    passes.every((pass) => pass.mainThread) ? overRounds(passes.map((pass) => figure(pass.mainThread!)), format) : '–';
  const row = (label: string, cells: [string, string, string]) => `| ${label} | ${cells.join(' | ')} |`;
  /** A trace figure in all three columns, or (`withRedBridgeOnly`) in the two with RedBridge. */
  const tracedRow = (label: string, figure: (cost: NonNullable<PassResult['mainThread']>) => number, format: (value: number) => string, withRedBridgeOnly = false) =>
    row(label, [withRedBridgeOnly ? '–' : traced(without, figure, format), traced(cold, figure, format), traced(warm, figure, format)]);
  const count = (value: number) => String(Math.round(value));
  const note = scale.noteCold;
  const nav = scale.navigation;
  const lines = [
    `Measured ${results.date} on ${machine.cpus} cores, ${machine.memoryGB} GiB, ${machine.chromium}, in ${results.durationS} s (builds not included); fake Google answering in ${config.backendLatencyMs} ms; scrolling 90 % of a screen every ${config.scrollStepDelayMs} ms.`,
    ...(config.quick ? ['', '**Quick run: one round on small pages. Its verdict is only indicative; `npm run bench` decides.**'] : []),
    ...(results.harnessFailures.length > 0
      ? ['', `Harness failures (not RedBridge's performance; each pass retried once): ${results.harnessFailures.map((f) => `${f.pass}: ${f.message} (${f.recovered ? 'measured on the second try' : 'failed again'})`).join('; ')}.`]
      : ['', 'Harness failures: none.']),
    '',
    `**Timing rounds**: a note with ${config.comments.toLocaleString('en')} comments, loaded in pages as it scrolls to the end, ${rounds.length} round${rounds.length === 1 ? '' : 's'} of a pass without RedBridge, then cold, then warm, in one browser. Medians, with the rounds' min–max:`,
    '',
    '| | without RedBridge | RedBridge, cold cache | RedBridge, warm cache |',
    '|---|---|---|---|',
    tracedRow('main thread busy', (c) => c.busyMs, ms),
    tracedRow('long tasks (> 50 ms)', (c) => c.longTasks, count),
    tracedRow('time in long tasks', (c) => c.longTaskMs, ms),
    tracedRow('longest task', (c) => c.longestTaskMs, ms),
    tracedRow("RedBridge's scripts, in all", (c) => c.extensionScriptingMs, ms, true),
    tracedRow(`RedBridge's script per task: p${SLICE_PERCENTILE}`, (c) => c.extensionSliceP99Ms, ms, true),
    row(`… tasks over ${FRAME_MS} ms / of tasks it ran in`, [
      '–',
      `${traced(cold, (c) => c.extensionSlicesOverFrame, count)} / ${traced(cold, (c) => c.tasksWithExtension, count)}`,
      `${traced(warm, (c) => c.extensionSlicesOverFrame, count)} / ${traced(warm, (c) => c.tasksWithExtension, count)}`,
    ]),
    tracedRow('… its longest', (c) => c.longestExtensionSliceMs, ms, true),
    row('first screen translated, after navigation', ['–', overRounds(cold.map((p) => p.firstScreenMs ?? NaN), ms), overRounds(warm.map((p) => p.firstScreenMs ?? NaN), ms)]),
    row('unit on screen → its translation shown (round 1)', ['–', latencySummary(cold[0]!), latencySummary(warm[0]!)]),
    row('at the end: units translated (round 1)', ['–', `${cold[0]!.atEnd.translated} of ${cold[0]!.atEnd.mustTranslate} Chinese (${cold[0]!.atEnd.present} units)`, `${warm[0]!.atEnd.translated} of ${warm[0]!.atEnd.mustTranslate}`]),
    row('backend requests (round 1)', ['–', requestsSummary(cold[0]!), requestsSummary(warm[0]!)]),
    row('DOM nodes after all comments', [overRounds(without.map((p) => p.heap.domNodes), count), overRounds(cold.map((p) => p.heap.domNodes), count), overRounds(warm.map((p) => p.heap.domNodes), count)]),
    row('JS heap after all comments (page + content script)', [overRounds(without.map((p) => p.heap.usedMB), mb), overRounds(cold.map((p) => p.heap.usedMB), mb), overRounds(warm.map((p) => p.heap.usedMB), mb)]),
    '',
    `**Scale, once**: the note with ${config.scaleComments.toLocaleString('en')} comments, cold cache: ${note.atEnd.translated} of ${note.atEnd.mustTranslate} Chinese units translated (${note.atEnd.present} units); before scrolling ${note.atStart.overlaid} of ${note.atStart.present} (${note.atStart.overlaidFar.length} beyond the near band); backend requests ${requestsSummary(note)}; DOM nodes ${note.heap.domNodes}; JS heap ${mb(note.heap.usedMB)}. ` +
      `The feed of ${config.feedCards.toLocaleString('en')} cards, cold cache: ${scale.feedCold.atEnd.translated} of ${scale.feedCold.atEnd.mustTranslate} Chinese titles translated; before scrolling ${scale.feedCold.atStart.overlaid} of ${scale.feedCold.atStart.present} (${scale.feedCold.atStart.overlaidFar.length} beyond the near band); backend requests ${requestsSummary(scale.feedCold)}. ` +
      `${nav.withExtension.navigations} note open/close navigations in the feed's modal: ${nav.withExtension.untranslatedNotes} notes without a translation; heap growth from the first to the last ${mb(nav.withExtension.growthMB)} with RedBridge, ${mb(nav.withoutExtension.growthMB)} without (DOM nodes ${nav.withExtension.afterFirst.domNodes} → ${nav.withExtension.afterLast.domNodes} with, ${nav.withoutExtension.afterFirst.domNodes} → ${nav.withoutExtension.afterLast.domNodes} without).`,
    '',
    `**Content script**: ${contentScript.rawKB.toFixed(1)} kB, ${contentScript.gzipKB.toFixed(1)} kB gzipped; evaluated in ${ms(contentScript.startupMs)} on the note page.`,
    '',
    '| budget | limit | judged on | figure | values | margin | |',
    '|---|---|---|---|---|---|---|',
    ...results.budgets.map((check) => {
      const limit = `${check.bound === 'max' ? '≤' : '≥'} ${formatFigure(check.limit, check.unit)}`;
      const values = check.kind === 'exact' && new Set(check.values).size === 1 ? `all ${formatFigure(check.values[0]!, check.unit)}` : check.values.map((v) => formatFigure(v, check.unit)).join(', ');
      return `| ${check.budget} | ${limit} | ${judgedOn(check)} | ${formatFigure(check.figure, check.unit)} | ${values} | ${formatFigure(marginOf(check), check.unit === '×' ? '' : check.unit)} | ${check.ok ? 'ok' : '**missed**'} |`;
    }),
  ];
  return lines.join('\n');
}

/** results.json: every figure, without the per-unit log. */
export function toJson(results: BenchResults): unknown {
  const lean = (pass: PassResult) => {
    const { appearances, ...rest } = pass;
    const shown = latenciesMs(pass).filter(Number.isFinite);
    return { ...rest, latencyMs: { units: appearances.length, never: appearances.length - shown.length, p50: percentile(shown, 50), p99: percentile(shown, 99), max: Math.max(0, ...shown) } };
  };
  const { rounds, scale } = results.measured;
  return {
    ...results,
    measured: {
      ...results.measured,
      rounds: rounds.map((r) => ({ without: lean(r.without), cold: lean(r.cold), warm: lean(r.warm) })),
      scale: { ...scale, noteCold: lean(scale.noteCold), feedCold: lean(scale.feedCold) },
    },
  };
}
