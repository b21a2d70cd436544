/**
 * `npm run bench`: RedBridge on generated RedNote pages, in Debian's Chromium, with and without
 * the extension, against a fake Google that answers after a fixed latency.
 *
 * One browser with RedBridge runs everything, so passes with and without it see the same
 * machine: the pages without it come from a host name its content script does not match.
 * - Timing rounds (5; `--passes N`): a 1,000-comment note without RedBridge, with a cold cache,
 *   then warm, each loaded, scrolled to its end and traced. Timing budgets judge the median, and
 *   the page's long tasks the ratio pooled over the rounds.
 * - Scale passes (once): the 5,000-comment note and the 1,000-card feed with a cold cache, and
 *   50 note open/close navigations in the feed's modal with and without RedBridge.
 * `--quick`: one round on small pages, for working on the page path; its verdict is indicative.
 *
 * Writes bench/results.json and bench/results.md, prints the table, and exits 1 when a budget
 * is missed, 2 when the harness itself failed twice (no verdict). `--docs` also puts the table
 * into docs/performance.md. Options: --passes, --comments, --scale-comments, --cards,
 * --navigations, --latency MS, --step MS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'puppeteer';
import { launchWithExtension, type ExtensionBrowser } from '../tests/e2e/browsers';
import { clearTranslationCache, setStoredSettings } from '../tests/e2e/probe';
import { startFakeGoogle } from '../tests/fakes/fake-google';
import { checkBudgets, type Measurements, type TimingRound } from './budgets';
import { writePerformanceSection } from './docs-section';
import { createHarness, HarnessBroken } from './harness';
import { modalNavigations } from './navigations';
import { startPageServer } from './page-server';
import { formatReport, toJson, type BenchConfig, type BenchResults } from './report';
import { scaledFeedPage, scaledNotePage } from './scaled-pages';
import { loadAndScroll, type PassOptions } from './scenarios';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RELEASE_CONTENT_SCRIPT = join(ROOT, '.output/chrome-mv3/content-scripts/xiaohongshu.js');
/** Pages without RedBridge are served under this name (resolved to 127.0.0.1), which its content script does not match. */
const WITHOUT_HOST = 'without-redbridge.test';

const quick = process.argv.includes('--quick');

function option(name: string, full: number, quickValue: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : quick ? quickValue : full;
}

const config: BenchConfig = {
  quick,
  passes: option('passes', 5, 1),
  comments: option('comments', 1000, 300),
  scaleComments: option('scale-comments', 5000, 500),
  feedCards: option('cards', 1000, 200),
  navigations: option('navigations', 50, 10),
  backendLatencyMs: option('latency', 150, 150),
  scrollStepDelayMs: option('step', 40, 40),
};

/** BENCH_TRACE_DIR=<dir>: keep each traced pass's Chrome trace there. */
function savedTrace(name: string): string | undefined {
  const dir = process.env.BENCH_TRACE_DIR;
  return dir ? join(dir, `${name}.json`) : undefined;
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

interface Setup {
  ext: ExtensionBrowser;
  probe: Page;
  origin: string;
}

async function main(): Promise<number> {
  if (!existsSync(RELEASE_CONTENT_SCRIPT)) throw new Error('Build first: npm run bench builds the extension before running');
  const started = Date.now();
  const harness = createHarness(log);
  const timingNote = scaledNotePage({ comments: config.comments, pageSize: 50 });
  const scaleNote = scaledNotePage({ comments: config.scaleComments, pageSize: 50 });
  const feed = scaledFeedPage({ cards: config.feedCards, batchSize: 40 });
  const pages = await startPageServer({ note: timingNote.html, 'scale-note': scaleNote.html, feed: feed.html });
  const google = await startFakeGoogle();
  google.setMode({ kind: 'slow', delayMs: config.backendLatencyMs });
  const withUrl = (name: string) => `${pages.url}/bench/${name}.html`;
  const withoutUrl = (name: string) => withUrl(name).replace('127.0.0.1', WITHOUT_HOST);
  const noteOptions = { scroller: '.note-scroller', stepDelayMs: config.scrollStepDelayMs };
  log(
    `${config.quick ? 'QUICK run (indicative only): ' : ''}${config.passes} timing round(s) on a ${config.comments}-comment note; ` +
      `scale passes on a ${config.scaleComments}-comment note and a ${config.feedCards}-card feed`,
  );

  let setup: Setup | null = null;
  async function launch(): Promise<Setup> {
    const ext = await launchWithExtension('chromium', { loopbackHosts: [WITHOUT_HOST] });
    try {
      const origin = await ext.extensionOrigin();
      const probe = await ext.openProbe(withUrl('note'));
      await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
      return { ext, probe, origin };
    } catch (error) {
      await ext.close();
      throw error;
    }
  }
  /**
   * Measures in the browser, under the harness: a throw is the harness's, and the browser is
   * started anew for the second try, in case it is what broke. The cache goes with it, so what
   * is retried is a whole unit of work that starts from a cold cache (a timing round, a scale pass).
   */
  const inBrowser = <T>(name: string, measure: (browser: Setup) => Promise<T>) =>
    harness.attempt(name, async () => {
      setup ??= await launch();
      try {
        return await measure(setup);
      } catch (error) {
        await setup.ext.close().catch(() => {});
        setup = null;
        throw error;
      }
    });
  const visit = async (browser: Setup, name: string, url: string, options: Omit<PassOptions, 'requests'>, coldCache: boolean) => {
    if (coldCache) await clearTranslationCache(browser.probe);
    log(name);
    return loadAndScroll(browser.ext.browser, url, { ...options, requests: google.requests });
  };

  try {
    await inBrowser('starting Chromium with RedBridge', async () => {});
    const rounds: TimingRound[] = [];
    for (let round = 1; round <= config.passes; round += 1) {
      const traced = (browser: Setup, label: string, withExtension: boolean) => ({
        ...noteOptions,
        withExtension,
        trace: { extensionOrigin: withExtension ? browser.origin : null, save: savedTrace(`round${round}-${label}`) },
      });
      const measured = await inBrowser(`timing round ${round}`, async (browser) => ({
        without: await visit(browser, `round ${round}: note without RedBridge`, withoutUrl('note'), traced(browser, 'without', false), false),
        cold: await visit(browser, `round ${round}: note with RedBridge, cold cache`, withUrl('note'), traced(browser, 'cold', true), true),
        warm: await visit(browser, `round ${round}: note with RedBridge, warm cache`, withUrl('note'), traced(browser, 'warm', true), false),
      }));
      rounds.push(measured);
    }
    const noteCold = await inBrowser('scale: long note with RedBridge, cold cache', (browser) =>
      visit(browser, 'scale: long note with RedBridge, cold cache', withUrl('scale-note'), { ...noteOptions, withExtension: true }, true),
    );
    const feedCold = await inBrowser('scale: feed with RedBridge, cold cache', (browser) =>
      visit(browser, 'scale: feed with RedBridge, cold cache', withUrl('feed'), { scroller: null, stepDelayMs: config.scrollStepDelayMs, withExtension: true }, true),
    );
    const navigate = (withExtension: boolean) => {
      const name = `scale: ${config.navigations} modal navigations ${withExtension ? 'with' : 'without'} RedBridge`;
      return inBrowser(name, (browser) => {
        log(name);
        return modalNavigations(browser.ext.browser, withExtension ? withUrl('feed') : withoutUrl('feed'), {
          count: config.navigations,
          cards: 12,
          withExtension,
        });
      });
    };
    const navigation = { withoutExtension: await navigate(false), withExtension: await navigate(true) };
    const chromium = await setup!.ext.browser.version();

    const script = readFileSync(RELEASE_CONTENT_SCRIPT);
    const contentScript = {
      rawKB: script.length / 1000,
      gzipKB: gzipSync(script).length / 1000,
      startupMs: rounds[0]?.cold.mainThread?.extensionStartupMs ?? NaN,
    };
    const measured: Measurements = { rounds, scale: { noteCold, feedCold, navigation }, contentScriptGzipKB: contentScript.gzipKB };
    const budgets = checkBudgets(measured);
    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      commit: currentCommit(),
      machine: { cpus: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), chromium },
      config,
      durationS: Math.round((Date.now() - started) / 1000),
      harnessFailures: [...harness.failures],
      contentScript,
      measured,
      budgets,
    };
    const report = formatReport(results);
    writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(toJson(results), null, 2)}\n`);
    writeFileSync(join(ROOT, 'bench/results.md'), `${report}\n`);
    if (process.argv.includes('--docs')) writePerformanceSection('bench', report);
    console.log(`\n${report}\n`);
    const missed = budgets.filter((check) => !check.ok);
    const verdict = missed.length === 0 ? 'all budgets hold' : `${missed.length} budget(s) missed`;
    log(`${verdict}${config.quick ? ' (quick run: indicative only)' : ''} (${results.durationS} s)`);
    return missed.length === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof HarnessBroken)) throw error;
    log(`no verdict: ${error.message}`);
    return 2;
  } finally {
    await (setup as Setup | null)?.ext.close();
    await Promise.all([pages.close(), google.close()]);
  }
}

/**
 * The checked-out commit, with `+` if tracked files other than the bench's own results have
 * changes; undefined outside a git clone.
 */
function currentCommit(): string | undefined {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results.json', ':!bench/results.md']);
    return `${git(['rev-parse', '--short', 'HEAD'])}${changed ? '+' : ''}`;
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
