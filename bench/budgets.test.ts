import { describe, expect, it } from 'vitest';
import { BUDGETS, checkBudgets, type Measurements, type TimingRound } from './budgets';
import type { NavigationResult } from './navigations';
import type { PassResult } from './scenarios';
import type { MainThreadCost } from './trace';

type Cost = Partial<MainThreadCost>;

/** A pass that holds every budget unless told otherwise. */
function pass(overrides: { cost?: Cost | null; translated?: number; far?: number; requests?: number; nodes?: number; latencies?: number[]; settled?: boolean } = {}): PassResult {
  const mustTranslate = 100;
  const translated = overrides.translated ?? mustTranslate;
  const latencies = overrides.latencies ?? Array.from({ length: 100 }, () => 0);
  const cost: MainThreadCost = {
    busyMs: 1000,
    longestTaskMs: 80,
    longTasks: 10,
    longTaskMs: 700,
    longTasksWithExtension: 0,
    longTasksFromExtension: 0,
    extensionScriptingMs: 100,
    longestExtensionSliceMs: 10,
    tasksWithExtension: 200,
    extensionSliceP99Ms: 3,
    extensionSlicesOverFrame: 0,
    extensionStartupMs: 10,
    startupLongTasks: 0,
    ...overrides.cost,
  };
  return {
    atStart: { present: 50, mustTranslate: 46, overlaid: 5, translated: 5, failed: 0, nearAtLoad: 10, overlaidFar: Array.from({ length: overrides.far ?? 0 }, (_, i) => `far-${i}`), wronglyOverlaid: [] },
    atEnd: { present: 110, mustTranslate, overlaid: translated, translated, failed: 0, nearAtLoad: 10, overlaidFar: [], wronglyOverlaid: [] },
    firstScreenMs: 300,
    scrollStartedAt: 500,
    appearances: latencies.map((latency, i) => ({ id: `bench-zh-${i}`, appearedAt: 1000, trackedAt: 900, shownAt: 1000 + latency })),
    requests: { requests: overrides.requests ?? 4, texts: 100, duplicateTexts: 0 },
    mainThread: overrides.cost === null ? null : cost,
    heap: { usedMB: 10, domNodes: overrides.nodes ?? 5000 },
    settled: overrides.settled ?? true,
  };
}

const navigation = (growthMB: number, untranslatedNotes = 0): NavigationResult => ({
  navigations: 50,
  untranslatedNotes,
  afterFirst: { usedMB: 5, domNodes: 2000 },
  afterLast: { usedMB: 5 + growthMB, domNodes: 20000 },
  growthMB,
});

function round(overrides: Partial<Record<keyof TimingRound, PassResult>> = {}): TimingRound {
  return { without: pass({ cost: { tasksWithExtension: 0 }, nodes: 2000 }), cold: pass(), warm: pass({ requests: 0 }), ...overrides };
}

function measurements(rounds: TimingRound[], scale: Partial<Measurements['scale']> = {}): Measurements {
  return {
    rounds,
    scale: { noteCold: pass(), feedCold: pass(), navigation: { withExtension: navigation(0.3), withoutExtension: navigation(0.1) }, ...scale },
    contentScriptGzipKB: 23.5,
  };
}

const verdicts = (m: Measurements) => Object.fromEntries(checkBudgets(m).map((check) => [check.id, check.ok]));
const check = (m: Measurements, id: keyof typeof BUDGETS) => checkBudgets(m).find((c) => c.id === id)!;

describe('checkBudgets', () => {
  it('holds every budget on passes within them', () => {
    expect(Object.values(verdicts(measurements([round(), round(), round()])))).toEqual(checkBudgets(measurements([round()])).map(() => true));
  });

  it('judges a timing figure on the median of the rounds, so one unlucky round cannot flip it', () => {
    const unlucky = round({ cold: pass({ cost: { extensionSliceP99Ms: 60, extensionSlicesOverFrame: 40, longTasks: 80 } }) });
    const m = measurements([round(), unlucky, round()]);
    expect(verdicts(m)).toMatchObject({ sliceP99Ms: true, slicesOverFrame: true, longTaskCountRatio: true });
    expect(check(m, 'sliceP99Ms')).toMatchObject({ figure: 3, values: [3, 60, 3], spread: { min: 3, max: 60 } });
  });

  it('misses a timing budget when most rounds miss it', () => {
    const slow = round({ warm: pass({ requests: 0, cost: { extensionSliceP99Ms: BUDGETS.sliceP99Ms + 1 } }) });
    expect(verdicts(measurements([slow, round(), slow])).sliceP99Ms).toBe(false);
  });

  it('reads long tasks as a ratio against the same round without RedBridge, the worse of cold and warm', () => {
    const m = measurements([round({ without: pass({ cost: { longTasks: 20, longTaskMs: 1000 } }), warm: pass({ requests: 0, cost: { longTasks: 60, longTaskMs: 2500 } }) })]);
    expect(check(m, 'longTaskCountRatio').figure).toBe(3);
    expect(check(m, 'longTaskTimeRatio').figure).toBe(2.5);
  });

  it('pools the long-task ratios over the rounds, so two quiet passes without RedBridge cannot flip it', () => {
    const of = (without: number, warm: number) =>
      round({ without: pass({ cost: { longTasks: without, longTaskMs: without * 70 } }), warm: pass({ requests: 0, cost: { longTasks: warm, longTaskMs: warm * 70 } }) });
    // Each round's ratio: 7.5, 7.5, 3.75 (median 7.5); all rounds together: 270 ÷ 48.
    const m = measurements([of(12, 90), of(12, 90), of(24, 90)]);
    expect(check(m, 'longTaskCountRatio')).toMatchObject({ kind: 'pooled', figure: 5.625, values: [7.5, 7.5, 3.75], ok: true });
    expect(check(m, 'longTaskTimeRatio')).toMatchObject({ figure: 5.625, ok: true });
    const heavy = measurements([of(20, 200), of(24, 200), of(16, 200)]);
    expect(verdicts(heavy)).toMatchObject({ longTaskCountRatio: false, longTaskTimeRatio: false });
    expect(check(heavy, 'longTaskCountRatio').figure).toBe(10);
  });

  it('leaves the first screen out of the warm p99 and judges it on its own time', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => (i < 10 ? 120 : 0));
    const warm = pass({ requests: 0, latencies });
    // The first ten units were on screen before the scrolling began.
    warm.appearances.forEach((unit, i) => (unit.appearedAt = i < 10 ? 400 : 1000));
    expect(check(measurements([round({ warm })]), 'warmLatencyP99Ms').figure).toBe(0);
    warm.firstScreenMs = BUDGETS.warmFirstScreenMs + 1;
    expect(verdicts(measurements([round({ warm })])).warmFirstScreenMs).toBe(false);
    warm.firstScreenMs = null;
    expect(check(measurements([round({ warm })]), 'warmFirstScreenMs').figure).toBe(Infinity);
  });

  it('takes the warm p99 from the time each unit waited, and counts a unit never shown as infinitely late', () => {
    const latencies = [...Array.from({ length: 98 }, () => 0), 30, 400];
    expect(check(measurements([round({ warm: pass({ requests: 0, latencies }) })]), 'warmLatencyP99Ms').figure).toBe(30);
    const never = pass({ requests: 0 });
    never.appearances[0]!.shownAt = null;
    never.appearances[1]!.shownAt = null;
    expect(check(measurements([round({ warm: never })]), 'warmLatencyP99Ms').figure).toBe(Infinity);
  });

  it('holds a count in every pass: one untranslated unit in one pass misses it', () => {
    expect(verdicts(measurements([round(), round({ warm: pass({ requests: 0, translated: 99 }) }), round()])).untranslated).toBe(false);
    expect(verdicts(measurements([round()], { feedCold: pass({ settled: false }) })).untranslated).toBe(false);
    expect(verdicts(measurements([round()], { navigation: { withExtension: navigation(0.3, 1), withoutExtension: navigation(0.1) } })).untranslated).toBe(false);
  });

  it('misses the near band on one unit translated beyond it, or on a pass that translated nothing before scrolling', () => {
    expect(verdicts(measurements([round()], { noteCold: pass({ far: 1 }) })).translatedBeyondNearBand).toBe(false);
    const nothing = pass();
    nothing.atStart.overlaid = 0;
    expect(verdicts(measurements([round({ cold: nothing })])).translatedBeyondNearBand).toBe(false);
  });

  it('needs at least the minimum of units per request in every cold pass', () => {
    // 100 units in 6 requests: 16.7 per request.
    expect(verdicts(measurements([round()], { feedCold: pass({ requests: 6 }) })).coldUnitsPerRequest).toBe(false);
    expect(check(measurements([round()]), 'coldUnitsPerRequest').figure).toBe(25);
  });

  it('misses on one warm request, and on DOM nodes per unit over the limit', () => {
    expect(verdicts(measurements([round({ warm: pass({ requests: 1 }) })])).warmRequests).toBe(false);
    const heavy = pass({ nodes: 2000 + 100 * (BUDGETS.nodesPerUnit + 1) });
    expect(verdicts(measurements([round({ cold: heavy })])).nodesPerUnit).toBe(false);
  });

  it('counts only the heap RedBridge adds over the navigations', () => {
    const m = measurements([round()], { navigation: { withExtension: navigation(BUDGETS.navigationGrowthMB + 1.5), withoutExtension: navigation(1) } });
    expect(check(m, 'navigationGrowthMB')).toMatchObject({ figure: BUDGETS.navigationGrowthMB + 0.5, ok: false });
  });
});
