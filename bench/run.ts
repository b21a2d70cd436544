/**
 * `npm run bench`: RedBridge on generated RedNote pages at scale, in Debian's Chromium, with
 * and without the extension, against a fake Google that answers after a fixed latency.
 * Writes bench/results.json and bench/results.md, prints the table, and exits non-zero when
 * a budget is missed. `--docs` also puts the table into docs/performance.md.
 * Options: --comments N, --cards N, --latency MS, --navigations N, --step MS.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium, launchWithExtension } from '../tests/e2e/browsers';
import { clearTranslationCache, setStoredSettings } from '../tests/e2e/probe';
import { startFakeGoogle } from '../tests/fakes/fake-google';
import { checkBudgets, worstLatencyMs } from './budgets';
import { modalNavigations } from './navigations';
import { startPageServer } from './page-server';
import { formatReport, type BenchResults } from './report';
import { scaledFeedPage, scaledNotePage } from './scaled-pages';
import { loadAndScroll, type PassResult } from './scenarios';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RELEASE_CONTENT_SCRIPT = join(ROOT, '.output/chrome-mv3/content-scripts/xiaohongshu.js');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const config = {
  comments: option('comments', 5000),
  feedCards: option('cards', 1000),
  backendLatencyMs: option('latency', 150),
  navigations: option('navigations', 50),
  scrollStepDelayMs: option('step', 40),
};

/** BENCH_TRACE_DIR=<dir>: keep each traced pass's Chrome trace there. */
function savedTrace(name: string): string | undefined {
  const dir = process.env.BENCH_TRACE_DIR;
  return dir ? join(dir, `${name}.json`) : undefined;
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** results.json keeps latency figures, not the per-unit log. */
function forJson(pass: PassResult) {
  const { appearances, ...rest } = pass;
  const shown = appearances.filter((unit) => unit.shownAt !== null).map((unit) => Math.max(0, unit.shownAt! - unit.appearedAt));
  shown.sort((a, b) => a - b);
  const at = (p: number) => shown[Math.min(shown.length - 1, Math.floor(p * shown.length))] ?? null;
  return {
    ...rest,
    latencyMs: { units: appearances.length, never: appearances.length - shown.length, p50: at(0.5), p95: at(0.95), max: worstLatencyMs(pass) },
  };
}

let requestsLogged = 0;
/** With BENCH_VERBOSE set: the texts in each backend request since the last call, to see how batching went. */
function logRequestSizes(records: readonly { texts: string[] }[]): void {
  const fresh = records.slice(requestsLogged);
  requestsLogged = records.length;
  if (process.env.BENCH_VERBOSE) log(`texts per request: ${fresh.map((record) => record.texts.length).join(' ')}`);
}

async function main(): Promise<number> {
  if (!existsSync(RELEASE_CONTENT_SCRIPT)) throw new Error('Build first: npm run bench builds the extension before running');
  const started = Date.now();
  const note = scaledNotePage({ comments: config.comments, pageSize: 50 });
  const feed = scaledFeedPage({ cards: config.feedCards, batchSize: 40 });
  const pages = await startPageServer({ note: note.html, feed: feed.html });
  const google = await startFakeGoogle();
  google.setMode({ kind: 'slow', delayMs: config.backendLatencyMs });
  const noteUrl = `${pages.url}/bench/note.html`;
  const feedUrl = `${pages.url}/bench/feed.html`;
  const noteOptions = { scroller: '.note-scroller', stepDelayMs: config.scrollStepDelayMs };
  const feedOptions = { scroller: null, stepDelayMs: config.scrollStepDelayMs };

  log(`pages: note with ${config.comments} comments (${(note.html.length / 1e6).toFixed(1)} MB), feed of ${config.feedCards} cards`);
  const plainHome = await mkdtemp(join(tmpdir(), 'redbridge-bench-plain-'));
  const plain = await launchChromium(plainHome);
  const chromium = await plain.version();
  let withoutExtension: PassResult;
  let navigationWithout;
  try {
    log('note without RedBridge');
    withoutExtension = await loadAndScroll(plain, noteUrl, { ...noteOptions, withExtension: false, trace: { extensionOrigin: null, save: savedTrace('note-without-redbridge') } });
    log('modal navigations without RedBridge');
    navigationWithout = await modalNavigations(plain, feedUrl, { count: config.navigations, cards: 12, withExtension: false });
  } finally {
    await plain.close();
    await rm(plainHome, { recursive: true, force: true });
  }

  const ext = await launchWithExtension('chromium');
  let cold: PassResult;
  let warm: PassResult;
  let feedCold: PassResult;
  let navigationWith;
  try {
    const origin = await ext.extensionOrigin();
    const probe = await ext.openProbe(noteUrl);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
    await clearTranslationCache(probe);
    log('note with RedBridge, cold cache');
    cold = await loadAndScroll(ext.browser, noteUrl, {
      ...noteOptions,
      withExtension: true,
      trace: { extensionOrigin: origin, save: savedTrace('note-cold') },
      requests: google.requests,
    });
    logRequestSizes(google.requests);
    log('note with RedBridge, warm cache');
    warm = await loadAndScroll(ext.browser, noteUrl, {
      ...noteOptions,
      withExtension: true,
      trace: { extensionOrigin: origin, save: savedTrace('note-warm') },
      requests: google.requests,
    });
    log('feed with RedBridge, cold cache');
    feedCold = await loadAndScroll(ext.browser, feedUrl, { ...feedOptions, withExtension: true, requests: google.requests });
    logRequestSizes(google.requests);
    log('modal navigations with RedBridge');
    navigationWith = await modalNavigations(ext.browser, feedUrl, { count: config.navigations, cards: 12, withExtension: true });
  } finally {
    await ext.close();
    await Promise.all([pages.close(), google.close()]);
  }

  const script = readFileSync(RELEASE_CONTENT_SCRIPT);
  const contentScript = {
    rawKB: script.length / 1000,
    gzipKB: gzipSync(script).length / 1000,
    startupMs: cold.mainThread?.extensionStartupMs ?? NaN,
  };
  const navigation = { withExtension: navigationWith, withoutExtension: navigationWithout };
  const budgets = checkBudgets({ noteCold: cold, noteWarm: warm, feedCold, navigation, contentScriptGzipKB: contentScript.gzipKB });
  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), chromium },
    config,
    contentScript,
    note: { withoutExtension, cold, warm },
    feed: { cold: feedCold },
    navigation,
    budgets,
  };
  const report = formatReport(results);
  const json = {
    ...results,
    note: { withoutExtension: forJson(withoutExtension), cold: forJson(cold), warm: forJson(warm) },
    feed: { cold: forJson(feedCold) },
  };
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench/results.md'), `${report}\n`);
  if (process.argv.includes('--docs')) updatePerformanceDoc(report);
  console.log(`\n${report}\n`);
  const missed = budgets.filter((check) => !check.ok);
  log(`${missed.length === 0 ? 'all budgets hold' : `${missed.length} budget(s) missed`} (${Math.round((Date.now() - started) / 1000)} s)`);
  return missed.length === 0 ? 0 : 1;
}

/** Replaces the table between the bench markers of docs/performance.md. */
function updatePerformanceDoc(report: string): void {
  const path = join(ROOT, 'docs', 'performance.md');
  const page = readFileSync(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${start} … ${end} section`);
  writeFileSync(path, `${page.slice(0, from + start.length)}\n${report}\n${page.slice(to)}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
