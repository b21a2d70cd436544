import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'puppeteer';
import { NotSettledError, settle } from '../tests/e2e/overlays';
import type { FakeRequestRecord } from '../tests/fakes/fake-backend';
import { BUDGETS } from './budgets';
import { BENCH_UNIT_ID } from './scaled-pages';
import { mainThreadCost, TRACE_CATEGORIES, type MainThreadCost, type TraceEvent } from './trace';
import { installUnitRecorder, type Appearance, type Coverage, type UnitRecorder } from './unit-recorder';

/** Fixture ids of the units the benchmark follows (generated comments, feed card titles). */
const UNIT_ID_PATTERN = BENCH_UNIT_ID.source;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PassOptions {
  /** The element that scrolls the units (`.note-scroller`), or null for the window. */
  scroller: string | null;
  /** Wait for every unit that shows to be translated (with the extension), or not (without). */
  withExtension: boolean;
  /** Pause between scroll steps of 90 % of a screen. */
  stepDelayMs: number;
  /**
   * Trace the main thread while loading and scrolling; `extensionOrigin` attributes scripts.
   * `save`: also write the trace there (open it in Chrome's Performance panel).
   */
  trace?: { extensionOrigin: string | null; save?: string };
  /** The fake backend's request log, to count what this pass asked for. */
  requests?: readonly FakeRequestRecord[];
}

export interface RequestCounts {
  requests: number;
  texts: number;
  /** Texts asked for more than once in this pass. */
  duplicateTexts: number;
}

export interface PassResult {
  /** After the first screen settled, before any scrolling. */
  atStart: Coverage;
  /** After scrolling to the end and settling. */
  atEnd: Coverage;
  /** From navigation until every unit on the first screen showed its translation (null: some never did). */
  firstScreenMs: number | null;
  /** When the scrolling began (ms since navigation): units that appeared before were on the first screen. */
  scrollStartedAt: number;
  /** Units that must be translated, as they came on screen during the whole visit. */
  appearances: Appearance[];
  requests: RequestCounts;
  mainThread: MainThreadCost | null;
  heap: HeapReading;
  /**
   * False when RedBridge's overlays were still loading or still coming when the pass stopped
   * waiting for them: RedBridge's failure, measured (its units count as untranslated), not a
   * harness failure.
   */
  settled: boolean;
}

export interface HeapReading {
  /** JS heap of the page's isolate (page and content scripts) after a full garbage collection. */
  usedMB: number;
  domNodes: number;
}

/** Puts the unit recorder into every document `page` loads from now on; `scroller` as in `PassOptions`. */
export async function recordUnits(page: Page, scroller: string | null): Promise<void> {
  await page.evaluateOnNewDocument(installUnitRecorder, UNIT_ID_PATTERN, BUDGETS.nearScreens, scroller);
}

function recorder(page: Page): { coverage(): Promise<Coverage>; appearances(): Promise<Appearance[]> } {
  type Window = { __benchRecorder: UnitRecorder };
  return {
    coverage: () => page.evaluate(() => (window as unknown as Window).__benchRecorder.coverage()),
    appearances: () => page.evaluate(() => (window as unknown as Window).__benchRecorder.appearances()),
  };
}

/** How long after it appeared a unit's translation showed (≤ 0: it was there first); null: never. */
export function latencyOf(appearance: Appearance): number | null {
  return appearance.shownAt === null ? null : appearance.shownAt - appearance.appearedAt;
}

/** Waits until every unit on screen or near it that must be translated shows its translation. */
export function countRequests(records: readonly FakeRequestRecord[]): RequestCounts {
  const seen = new Set<string>();
  let texts = 0;
  let duplicateTexts = 0;
  for (const record of records) {
    for (const text of record.texts) {
      texts += 1;
      if (seen.has(text)) duplicateTexts += 1;
      seen.add(text);
    }
  }
  return { requests: records.length, texts, duplicateTexts };
}

export async function readHeap(session: CDPSession): Promise<HeapReading> {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  const domNodes = metrics.find((metric) => metric.name === 'Nodes')?.value ?? 0;
  return { usedMB: usedSize / 2 ** 20, domNodes };
}

/**
 * Scrolls `scroller` to its end 90 % of a screen at a time, letting the page load its next
 * batches, until the end stays put for a while (nothing more to load).
 */
export async function scrollToEnd(page: Page, scroller: string | null, stepDelayMs: number): Promise<number> {
  let steps = 0;
  let stillSince = 0;
  let lastHeight = -1;
  for (;;) {
    const { atEnd, height } = await page.evaluate((selector) => {
      const box = selector ? document.querySelector(selector)! : document.scrollingElement!;
      box.scrollTop += box.clientHeight * 0.9;
      return { atEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 2, height: box.scrollHeight };
    }, scroller);
    steps += 1;
    if (!atEnd || height !== lastHeight) stillSince = Date.now();
    lastHeight = height;
    // The page loads its next batch a few hundred ms after the end comes near.
    if (atEnd && Date.now() - stillSince > 1500) return steps;
    await sleep(stepDelayMs);
  }
}

/**
 * One visit: open `url`, let the first screen settle, scroll to the end, settle again.
 * Measures what the reader would notice and what the page paid for it.
 */
export async function loadAndScroll(browser: Browser, url: string, options: PassOptions): Promise<PassResult> {
  const page = await browser.newPage();
  try {
    await recordUnits(page, options.scroller);
    const session = await page.createCDPSession();
    const firstRequest = options.requests?.length ?? 0;
    if (options.trace) await page.tracing.start({ categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: 'load' });
    const units = recorder(page);
    let settled = true;
    if (options.withExtension) settled = (await firstScreenShown(page, 20_000)) && (await settleWithin(page, 20_000));
    else await sleep(1000);
    const atStart = await units.coverage();
    const firstScreen = (await units.appearances()).filter((unit) => !unit.id.includes('skip'));
    const scrollStartedAt = await page.evaluate(() => performance.now());
    await scrollToEnd(page, options.scroller, options.stepDelayMs);
    if (options.withExtension) settled = (await settleWithin(page, 60_000)) && settled;
    const traceData = options.trace ? await page.tracing.stop() : null;
    if (traceData && options.trace?.save) writeFileSync(options.trace.save, traceData);
    const atEnd = await units.coverage();
    const appearances = (await units.appearances()).filter((unit) => !unit.id.includes('skip'));
    if (options.withExtension) await logUnitTimes(page, appearances);
    // The page's clock starts at navigation: the last translation on the first screen is the time to a translated screen.
    const firstScreenMs =
      firstScreen.length > 0 && firstScreen.every((unit) => unit.shownAt !== null)
        ? Math.max(...firstScreen.map((unit) => unit.shownAt!))
        : null;
    return {
      atStart,
      atEnd,
      firstScreenMs: options.withExtension ? firstScreenMs : null,
      scrollStartedAt,
      appearances,
      requests: countRequests((options.requests ?? []).slice(firstRequest)),
      mainThread: traceData && options.trace ? mainThreadCost(parseTrace(traceData), url, options.trace.extensionOrigin) : null,
      heap: await readHeap(session),
      settled,
    };
  } finally {
    await page.close();
  }
}

/**
 * Waits until every Chinese unit on the first screen shows its translation; false if one did
 * not within `timeoutMs` (RedBridge's failure, measured by the counts). `settle` alone is not
 * enough here: in a browser that has just started, the first overlay can take longer to come
 * than `settle` waits for a change, and the pass would measure the first screen untranslated.
 */
async function firstScreenShown(page: Page, timeoutMs: number): Promise<boolean> {
  type Window = { __benchRecorder: UnitRecorder };
  return page
    .waitForFunction(
      () => {
        const units = (window as unknown as Window).__benchRecorder.appearances().filter((unit) => !unit.id.includes('skip'));
        return units.length > 0 && units.every((unit) => unit.shownAt !== null);
      },
      { timeout: timeoutMs, polling: 100 },
    )
    .then(
      () => true,
      () => false,
    );
}

/**
 * Waits for RedBridge's overlays to settle; false if they did not within `timeoutMs`. That is
 * RedBridge's failure, which the counts then show, so it is returned rather than thrown.
 */
export async function settleWithin(page: Page, timeoutMs: number): Promise<boolean> {
  try {
    await settle(page, timeoutMs);
    return true;
  } catch (error) {
    if (error instanceof NotSettledError) {
      console.log(`[bench] ${error.message}`);
      return false;
    }
    throw error;
  }
}

/**
 * Logs how many units came on screen before RedBridge read them, the three slowest to show
 * their translation, and every unit that never did, with what RedBridge left on it: a rare miss
 * or a slow unit in a long run is otherwise only a number in the report.
 */
async function logUnitTimes(page: Page, appearances: readonly Appearance[]): Promise<void> {
  const at = (ms: number | null) => (ms === null ? 'never' : `${Math.round(ms)} ms`);
  const timing = (unit: Appearance) => `on screen at ${at(unit.appearedAt)}, tracked at ${at(unit.trackedAt)}, shown at ${at(unit.shownAt)}`;
  const late = appearances.filter((unit) => unit.trackedAt === null || unit.trackedAt > unit.appearedAt).length;
  console.log(`[bench] units on screen before RedBridge tracked them: ${late} of ${appearances.length}`);
  const slowest = appearances
    .filter((unit) => unit.shownAt !== null)
    .sort((a, b) => b.shownAt! - b.appearedAt - (a.shownAt! - a.appearedAt))
    .slice(0, 3)
    .map((unit) => `${unit.id} (${timing(unit)})`);
  console.log(`[bench] slowest to show their translation: ${slowest.join('; ')}`);
  const never = appearances.filter((unit) => unit.shownAt === null);
  if (never.length === 0) return;
  const states = await page.evaluate(
    (ids) =>
      ids.map((id) => {
        const element = document.querySelector(`[data-fixture-id="${id}"]`);
        if (!element) return 'no longer in the page';
        const unitId = element.getAttribute('data-redbridge-id');
        const host = unitId ? document.querySelector(`redbridge-translation[data-redbridge-for="${unitId}"]`) : null;
        return `${unitId ? `tracked as ${unitId}` : 'not tracked'}, overlay ${host?.getAttribute('data-state') ?? 'none'}`;
      }),
    never.map((unit) => unit.id),
  );
  console.log(`[bench] on screen and never translated: ${never.map((unit, i) => `${unit.id} (${timing(unit)}): ${states[i]}`).join('; ')}`);
}

export function parseTrace(data: Uint8Array): TraceEvent[] {
  const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}
