import type { NavigationResult } from './navigations';
import type { PassResult } from './scenarios';
import { median, percentile, spread, type Spread } from './stats';
import { FRAME_MS } from './trace';

/**
 * The performance budgets. Two kinds, so that no verdict is decided by one unlucky task:
 * - counts are exact and hold in every pass (what is translated, requests, nodes, size);
 * - timing figures are read within a pass as a percentile, judged on their median over the
 *   rounds; what the page pays is a ratio against the passes without RedBridge, pooled over
 *   all rounds (sum with ÷ sum without), because one pass's count of long tasks swings with the
 *   machine's speed at that moment (docs/performance.md).
 * docs/performance.md says which old budget each one replaces and why it is as strict.
 */
export const BUDGETS = {
  /** Chinese units without a translation at the end of a pass, and notes opened without one. */
  untranslated: 0,
  /** Units that must not be translated but got an overlay. */
  wronglyOverlaid: 0,
  /** Before scrolling, only units this near the screen (in screen heights) are translated… */
  nearScreens: 1.25,
  /** …and none beyond. */
  translatedBeyondNearBand: 0,
  /** Units per backend request on a cold page, at least. */
  coldUnitsPerRequest: 20,
  /** Backend requests on a warm page. */
  warmRequests: 0,
  /** DOM nodes RedBridge adds to the page per translated unit (overlay host and shadow tree). */
  nodesPerUnit: 33,
  /** The content script, gzipped. */
  contentScriptGzipKB: 50,
  /** RedBridge's script time in one page task, 99th percentile over the tasks it runs in. */
  sliceP99Ms: 20,
  /** Page tasks in which RedBridge's scripts run longer than a frame, cold and warm pass together. */
  slicesOverFrame: 15,
  /** Warm cache: a unit that comes on screen while scrolling shows its translation within this, 99th percentile. */
  warmLatencyP99Ms: 50,
  /** Warm cache: from navigation until every unit on the first screen shows its translation. */
  warmFirstScreenMs: 1000,
  /** The page's long tasks with RedBridge, as a multiple of the same page's without it. */
  longTaskCountRatio: 6.5,
  /** Time in the page's long tasks with RedBridge, as a multiple of the same without it. */
  longTaskTimeRatio: 6.5,
  /** Heap RedBridge adds over the modal navigations (its growth minus the page's own). */
  navigationGrowthMB: 3,
} as const;

/** One round of the timing scenario: the same note without RedBridge, then cold, then warm. */
export interface TimingRound {
  without: PassResult;
  cold: PassResult;
  warm: PassResult;
}

/** Passes run once, for the figures that need the full-size pages. */
export interface ScalePasses {
  noteCold: PassResult;
  feedCold: PassResult;
  navigation: { withExtension: NavigationResult; withoutExtension: NavigationResult };
}

export interface Measurements {
  rounds: TimingRound[];
  scale: ScalePasses;
  contentScriptGzipKB: number;
}

/**
 * `exact`: must hold in every pass it is read in (the worst is shown). `median`: judged on the
 * median of one value per round (shown with the rounds' min–max). `pooled`: a ratio judged on
 * the sums over all rounds (each round's own ratio is shown too). `once`: read in one pass.
 */
export type BudgetKind = 'exact' | 'median' | 'pooled' | 'once';

export interface BudgetCheck {
  id: keyof typeof BUDGETS;
  budget: string;
  kind: BudgetKind;
  /** `max`: the figure must be at most the limit; `min`: at least. */
  bound: 'max' | 'min';
  limit: number;
  unit: string;
  /** Every value read: one per pass (exact), per round (median), or one (once). */
  values: number[];
  /** The judged figure: the worst value (exact, once), the median (median), or the pooled ratio (pooled). */
  figure: number;
  spread: Spread;
  ok: boolean;
}

/** Units whose translation showed, per backend request. */
export function unitsPerRequest(pass: PassResult): number {
  return pass.requests.requests === 0 ? Infinity : pass.atEnd.translated / pass.requests.requests;
}

/**
 * How long after appearing each unit on screen showed its translation (0: it was there first);
 * Infinity: never. `scrolled`: only the units that came on screen while scrolling;
 * `firstScreen`: only those on screen before.
 */
export function latenciesMs(pass: PassResult, which: 'all' | 'scrolled' | 'firstScreen' = 'all'): number[] {
  const scrolled = (unit: PassResult['appearances'][number]) => unit.appearedAt >= pass.scrollStartedAt;
  const units = which === 'all' ? pass.appearances : pass.appearances.filter((unit) => scrolled(unit) === (which === 'scrolled'));
  return units.map((unit) => (unit.shownAt === null ? Infinity : Math.max(0, unit.shownAt - unit.appearedAt)));
}

/** Chinese units without a translation at the end, plus one if the overlays never settled (still loading or still coming). */
const untranslated = (pass: PassResult) => pass.atEnd.mustTranslate - pass.atEnd.translated + (pass.settled ? 0 : 1);
const ratio = (withExtension: number, without: number) => (without === 0 ? (withExtension === 0 ? 1 : Infinity) : withExtension / without);
const traced = (pass: PassResult) => {
  if (!pass.mainThread) throw new Error('a timing pass was not traced');
  return pass.mainThread;
};

/** DOM nodes the pass with RedBridge has beyond the same page without it, per translated unit. */
export function nodesPerUnit(withExtension: PassResult, without: PassResult): number {
  return (withExtension.heap.domNodes - without.heap.domNodes) / Math.max(1, withExtension.atEnd.translated);
}

interface BudgetSpec {
  id: keyof typeof BUDGETS;
  budget: string;
  kind: BudgetKind;
  bound: 'max' | 'min';
  unit: string;
  values(measured: Measurements): number[];
  /** `pooled` only: the judged figure, from all rounds together. */
  pooled?(measured: Measurements): number;
}

/**
 * What the page pays with RedBridge against without, over all rounds: the sum of `figure` over
 * the cold passes and over the warm passes, each ÷ the sum over the passes without RedBridge,
 * the worse of the two. The ratio of sums, not the median of each round's ratio: a round's pass
 * without RedBridge has only 13–24 long tasks, so one slow moment in it moves that round's
 * ratio by a third, while the sums move little.
 */
function pooledRatio(m: Measurements, figure: (cost: NonNullable<PassResult['mainThread']>) => number): number {
  const sum = (passes: PassResult[]) => passes.reduce((total, pass) => total + figure(traced(pass)), 0);
  const without = sum(m.rounds.map((round) => round.without));
  return Math.max(ratio(sum(m.rounds.map((round) => round.cold)), without), ratio(sum(m.rounds.map((round) => round.warm)), without));
}

function budgetSpecs(): BudgetSpec[] {
  const withExtension = (m: Measurements) => [...m.rounds.flatMap((round) => [round.cold, round.warm]), m.scale.noteCold, m.scale.feedCold];
  const cold = (m: Measurements) => [...m.rounds.map((round) => round.cold), m.scale.noteCold, m.scale.feedCold];
  return [
    {
      id: 'untranslated',
      budget: 'Chinese units left untranslated at the end of a pass, and modal notes opened without a translation',
      kind: 'exact',
      bound: 'max',
      unit: '',
      values: (m) => [...withExtension(m).map(untranslated), m.scale.navigation.withExtension.untranslatedNotes],
    },
    {
      id: 'wronglyOverlaid',
      budget: 'Units overlaid that must not be (names, non-Chinese text)',
      kind: 'exact',
      bound: 'max',
      unit: '',
      values: (m) => withExtension(m).map((pass) => pass.atEnd.wronglyOverlaid.length),
    },
    {
      id: 'translatedBeyondNearBand',
      budget: `Before scrolling: units translated from farther than ${BUDGETS.nearScreens} screens`,
      kind: 'exact',
      bound: 'max',
      unit: '',
      // A pass that translated nothing before scrolling proves nothing about the band: it counts as a miss.
      values: (m) => withExtension(m).map((pass) => (pass.atStart.overlaid === 0 ? Infinity : pass.atStart.overlaidFar.length)),
    },
    {
      id: 'coldUnitsPerRequest',
      budget: 'Cold cache: units per backend request',
      kind: 'exact',
      bound: 'min',
      unit: '',
      values: (m) => cold(m).map(unitsPerRequest),
    },
    {
      id: 'warmRequests',
      budget: 'Warm cache: backend requests',
      kind: 'exact',
      bound: 'max',
      unit: '',
      values: (m) => m.rounds.map((round) => round.warm.requests.requests),
    },
    {
      id: 'nodesPerUnit',
      budget: 'DOM nodes RedBridge adds per translated unit',
      kind: 'exact',
      bound: 'max',
      unit: '',
      values: (m) => m.rounds.flatMap((round) => [nodesPerUnit(round.cold, round.without), nodesPerUnit(round.warm, round.without)]),
    },
    {
      id: 'contentScriptGzipKB',
      budget: 'Content script, gzipped',
      kind: 'once',
      bound: 'max',
      unit: 'kB',
      values: (m) => [m.contentScriptGzipKB],
    },
    {
      id: 'sliceP99Ms',
      budget: "RedBridge's script time per page task, p99 (the worse of cold and warm)",
      kind: 'median',
      bound: 'max',
      unit: 'ms',
      values: (m) => m.rounds.map((round) => Math.max(traced(round.cold).extensionSliceP99Ms, traced(round.warm).extensionSliceP99Ms)),
    },
    {
      id: 'slicesOverFrame',
      budget: `Page tasks in which RedBridge's scripts ran over ${FRAME_MS} ms (cold and warm pass together)`,
      kind: 'median',
      bound: 'max',
      unit: '',
      values: (m) => m.rounds.map((round) => traced(round.cold).extensionSlicesOverFrame + traced(round.warm).extensionSlicesOverFrame),
    },
    {
      id: 'warmLatencyP99Ms',
      budget: 'Warm cache: unit on screen while scrolling → its translation shown, p99',
      kind: 'median',
      bound: 'max',
      unit: 'ms',
      values: (m) => m.rounds.map((round) => percentile(latenciesMs(round.warm, 'scrolled'), 99)),
    },
    {
      id: 'warmFirstScreenMs',
      budget: 'Warm cache: navigation → first screen translated',
      kind: 'median',
      bound: 'max',
      unit: 'ms',
      values: (m) => m.rounds.map((round) => round.warm.firstScreenMs ?? Infinity),
    },
    {
      id: 'longTaskCountRatio',
      budget: "The page's long tasks (> 50 ms), with RedBridge ÷ without (the worse of cold and warm)",
      kind: 'pooled',
      bound: 'max',
      unit: '×',
      values: (m) =>
        m.rounds.map((round) =>
          Math.max(ratio(traced(round.cold).longTasks, traced(round.without).longTasks), ratio(traced(round.warm).longTasks, traced(round.without).longTasks)),
        ),
      pooled: (m) => pooledRatio(m, (cost) => cost.longTasks),
    },
    {
      id: 'longTaskTimeRatio',
      budget: "Time in the page's long tasks, with RedBridge ÷ without (the worse of cold and warm)",
      kind: 'pooled',
      bound: 'max',
      unit: '×',
      values: (m) =>
        m.rounds.map((round) =>
          Math.max(
            ratio(traced(round.cold).longTaskMs, traced(round.without).longTaskMs),
            ratio(traced(round.warm).longTaskMs, traced(round.without).longTaskMs),
          ),
        ),
      pooled: (m) => pooledRatio(m, (cost) => cost.longTaskMs),
    },
    {
      id: 'navigationGrowthMB',
      budget: 'Heap RedBridge adds over the modal navigations',
      kind: 'once',
      bound: 'max',
      unit: 'MB',
      values: (m) => [m.scale.navigation.withExtension.growthMB - m.scale.navigation.withoutExtension.growthMB],
    },
  ];
}

export function checkBudgets(measured: Measurements): BudgetCheck[] {
  return budgetSpecs().map((spec) => {
    const values = spec.values(measured);
    const limit = BUDGETS[spec.id];
    const worst = spec.bound === 'max' ? Math.max(...values) : Math.min(...values);
    const figure = spec.kind === 'median' ? median(values) : spec.kind === 'pooled' ? spec.pooled!(measured) : worst;
    const within = spec.bound === 'max' ? figure <= limit : figure >= limit;
    return { ...spec, limit, values, figure, spread: spread(values), ok: values.length > 0 && !Number.isNaN(figure) && within };
  });
}
