import type { NavigationResult } from './navigations';
import type { PassResult } from './scenarios';

/** The performance budgets of issue 6; the benchmark fails when one is missed. */
export const BUDGETS = {
  /** Long tasks (> 50 ms) the extension causes while the 5,000-comment note loads and scrolls. */
  extensionLongTasks: 0,
  /** With a warm cache, the most any unit on screen waits for its translation after appearing. */
  warmLatencyMs: 100,
  /** Before scrolling, only units this near the screen (in screen heights) are translated. */
  nearScreens: 1.25,
  /** Units per backend request on a cold page, at least. */
  coldUnitsPerRequest: 20,
  /** Backend requests on a warm page. */
  warmRequests: 0,
  /** Heap the extension adds over 50 modal navigations (its growth minus the page's own). */
  navigationGrowthMB: 3,
  /** The content script, gzipped. */
  contentScriptGzipKB: 50,
} as const;

export interface BudgetCheck {
  budget: string;
  limit: string;
  measured: string;
  ok: boolean;
}

export interface BudgetInputs {
  noteCold: PassResult;
  noteWarm: PassResult;
  feedCold: PassResult;
  navigation: { withExtension: NavigationResult; withoutExtension: NavigationResult };
  contentScriptGzipKB: number;
}

/** Units whose translation showed, per backend request. */
export function unitsPerRequest(pass: PassResult): number {
  return pass.requests.requests === 0 ? Infinity : pass.atEnd.translated / pass.requests.requests;
}

/** The slowest unit on screen (ms after it appeared), or Infinity if one never showed its translation. */
export function worstLatencyMs(pass: PassResult): number {
  let worst = -Infinity;
  for (const unit of pass.appearances) {
    if (unit.shownAt === null) return Infinity;
    worst = Math.max(worst, unit.shownAt - unit.appearedAt);
  }
  return worst;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

export function checkBudgets(inputs: BudgetInputs): BudgetCheck[] {
  const { noteCold, noteWarm, feedCold, navigation, contentScriptGzipKB } = inputs;
  const longTasks = (noteCold.mainThread?.extensionLongTasks ?? 0) + (noteWarm.mainThread?.extensionLongTasks ?? 0);
  const warmWorst = worstLatencyMs(noteWarm);
  const far = noteCold.atStart.overlaidFar.length + feedCold.atStart.overlaidFar.length;
  const untranslated = [noteCold, feedCold].reduce((sum, pass) => sum + (pass.atEnd.mustTranslate - pass.atEnd.translated), 0);
  const wrong = [noteCold, feedCold].reduce((sum, pass) => sum + pass.atEnd.wronglyOverlaid.length, 0);
  const perRequest = Math.min(unitsPerRequest(noteCold), unitsPerRequest(feedCold));
  const extensionGrowth = navigation.withExtension.growthMB - navigation.withoutExtension.growthMB;
  return [
    {
      budget: 'Long tasks caused by RedBridge (5,000-comment note, load and scroll)',
      limit: `${BUDGETS.extensionLongTasks}`,
      measured: `${longTasks} (its longest slice ${fixed(noteCold.mainThread?.longestExtensionSliceMs ?? NaN)} ms)`,
      ok: noteCold.mainThread !== null && longTasks <= BUDGETS.extensionLongTasks,
    },
    {
      budget: 'Warm cache: slowest unit on screen, after appearing',
      limit: `≤ ${BUDGETS.warmLatencyMs} ms`,
      measured: `${fixed(Math.max(0, warmWorst))} ms over ${noteWarm.appearances.length} units`,
      ok: noteWarm.appearances.length > 0 && warmWorst <= BUDGETS.warmLatencyMs,
    },
    {
      budget: `Before scrolling: units translated from farther than ${BUDGETS.nearScreens} screens (note and feed)`,
      limit: '0',
      measured: `${far} (translated ${noteCold.atStart.overlaid} of ${noteCold.atStart.present} comments, ${feedCold.atStart.overlaid} of ${feedCold.atStart.present} cards)`,
      ok: far === 0 && noteCold.atStart.overlaid > 0 && feedCold.atStart.overlaid > 0,
    },
    {
      budget: 'After scrolling to the end: Chinese units untranslated, other units overlaid',
      limit: '0 and 0',
      measured: `${untranslated} and ${wrong}`,
      ok: untranslated === 0 && wrong === 0,
    },
    {
      budget: 'Cold cache: units per backend request (note and feed)',
      limit: `≥ ${BUDGETS.coldUnitsPerRequest}`,
      measured: fixed(perRequest),
      ok: perRequest >= BUDGETS.coldUnitsPerRequest,
    },
    {
      budget: 'Warm cache: backend requests (note, load and scroll)',
      limit: `${BUDGETS.warmRequests}`,
      measured: `${noteWarm.requests.requests}`,
      ok: noteWarm.requests.requests <= BUDGETS.warmRequests,
    },
    {
      budget: `Heap RedBridge adds over ${navigation.withExtension.navigations} modal navigations`,
      limit: `≤ ${BUDGETS.navigationGrowthMB} MB`,
      measured: `${fixed(extensionGrowth, 2)} MB`,
      ok: extensionGrowth <= BUDGETS.navigationGrowthMB,
    },
    {
      budget: 'Content script, gzipped',
      limit: `< ${BUDGETS.contentScriptGzipKB} kB`,
      measured: `${fixed(contentScriptGzipKB)} kB`,
      ok: contentScriptGzipKB < BUDGETS.contentScriptGzipKB,
    },
  ];
}
