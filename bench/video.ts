/**
 * `npm run bench:video`: video notes' subtitles (issue 31) in the e2e build, in Debian's Chromium
 * (and Firefox ESR with `--firefox`), with the fake subtitle CDN and the fake Google answering
 * after `--latency` ms (300). Per browser, `--passes` times (7), each from an empty cache and
 * after a pause that lets Google's rate limit (1 request a second, a burst of 4) fill up again,
 * so the limit is not what is measured:
 * - **first cue ready, note opened over the feed** (budget: ≤ latency + 200 ms): on
 *   `feed.html?videos=1`, RedBridge running, the feed's video card opened as a modal → the first
 *   cue's English in the transcript. Its store has no video data, so the background reads the
 *   note's page; its English track answers 403, so its Chinese track is translated. Judged with
 *   the note's own text read before (opened once with subtitles off), so that the cue's request
 *   is the backend's only one: what is measured is RedBridge's time, not Google's limit of two
 *   requests at once; the same from an empty cache is shown beside it;
 * - **first cue ready, note page loaded** (shown): `video_note.html` at the note's address,
 *   DOMContentLoaded → the first cue's English, for the Chinese-only note (less the latency)
 *   and the English one. On this tiny page DOMContentLoaded comes about 100 ms after the
 *   navigation, before RedBridge's script has started; on RedNote it comes long after;
 * - **frames late** (budget: at most 1 for any cue, "within one frame"): the English track, made
 *   of 27 cues of 0.2 s, played through; for each cue, the video frames shown at or after its
 *   start (by the frame's own time) that still had another caption.
 * Prints a table, writes bench/results-video.json, exits 1 when a budget fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { launchWithExtension, type BrowserName } from '../tests/e2e/browsers';
import { askBackground, setExtensionStorage, setStoredSettings } from '../tests/e2e/probe';
import { startFakeGoogle } from '../tests/fakes/fake-google';
import { startFakeSubtitleHost } from '../tests/fakes/fake-subtitle-host';
import { startFixtureServer } from '../tests/fakes/fixture-server';
import { median } from './stats';
import { numberOption } from './cli';

const RESULTS = join(fileURLToPath(new URL('./', import.meta.url)), 'results-video.json');
const ENGLISH_NOTE = '68f30a0000000000aa000001';
const CHINESE_NOTE = '68f30a0000000000aa000002';
/** The feed's first video card (pub-card-10); its page is the fixture's 4th note. */
const FEED_VIDEO = '68e8f54000000000e54aa5e2';
/** Long enough for Google's token bucket to give the next page a full burst. */
const PAUSE_MS = 3000;
/** The fake Google alone, no fallback; its address is filled in once it runs. */
const BENCH_SETTINGS = { backend: 'google', fallbacks: [] as string[], backends: { google: { host: '' } } };
/** The budgets. */
const FIRST_CUE_OVER_LATENCY_MS = 200;
const MAX_FRAMES_LATE = 1;

const PASSES = numberOption('passes', 7);
const LATENCY_MS = numberOption('latency', 300);
const BROWSERS: BrowserName[] = process.argv.includes('--firefox') ? ['chromium', 'firefox'] : ['chromium'];

const time = (seconds: number) => {
  const ms = Math.round(seconds * 1000);
  return `00:00:${String(Math.floor(ms / 1000)).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
};
/**
 * 27 cues of 0.2 s from 0.55 s: many starts to be late for in the fixture's 6 s video, each
 * half a frame off the video's frames (10 a second), so no frame's time sits on a cue's edge.
 */
const DENSE = Array.from({ length: 27 }, (_, i) => ({ start: 0.55 + i * 0.2, end: 0.75 + i * 0.2, text: `Line ${i + 1}` }));
const DENSE_SRT = DENSE.map((cue, i) => `${i + 1}\n${time(cue.start)} --> ${time(cue.end)}\n${cue.text}\n`).join('\n');
const ZH_SRT = '1\n00:00:00,500 --> 00:00:02,500\n洱海边的风太治愈了\n\n2\n00:00:02,500 --> 00:00:05,000\n今天环湖骑了一整圈\n';
/** The modal note's own words: its first cue is not the page note's, already translated. */
const MODAL_ZH_SRT = '1\n00:00:00,500 --> 00:00:02,500\n出租屋改造只花了八百块\n\n2\n00:00:02,500 --> 00:00:05,000\n窗帘换成了米白色\n';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function log(message: string): void {
  console.log(`[bench:video ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Milliseconds from DOMContentLoaded to the first cue's English in the transcript. */
async function firstCueReady(page: Page, url: string): Promise<number> {
  await page.evaluateOnNewDocument(() => {
    const marks = { loaded: 0, ready: 0 };
    (window as unknown as { __videoBench: typeof marks }).__videoBench = marks;
    document.addEventListener('DOMContentLoaded', () => (marks.loaded = performance.now()));
    const poll = () => {
      const english = document.querySelector('redbridge-transcript')?.shadowRoot?.querySelector('.cue[data-cue="0"] .en:not(.pending)');
      if (english?.textContent) marks.ready = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await page.goto(url, { waitUntil: 'load' });
  const marks = await page.waitForFunction(() => {
    const found = (window as unknown as { __videoBench: { loaded: number; ready: number } }).__videoBench;
    return found.ready > 0 ? found : null;
  }, { timeout: 30_000 });
  const { loaded, ready } = (await marks.jsonValue()) as { loaded: number; ready: number };
  return ready - loaded;
}

/**
 * Milliseconds from opening the feed's video card to its first cue's English in the transcript.
 * `textRead`: the note was opened once before with subtitles off, so its title, text and
 * comments come from the cache and the cue's request is the only one the backend gets; else
 * they all go to the backend at once, and with two requests in flight at most (Google's limit)
 * the cue's may wait a whole round trip behind the note's own.
 */
async function modalFirstCueReady(probe: Page, page: Page, feedUrl: string, textRead: boolean): Promise<number> {
  const open = (id: string) => page.evaluate((note) => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(note), id);
  if (textRead) await setStoredSettings(probe, { ...BENCH_SETTINGS, videoSubtitles: 'off' });
  await page.goto(feedUrl, { waitUntil: 'load' });
  await page.waitForSelector('redbridge-translation', { timeout: 30_000 });
  if (textRead) {
    await open(FEED_VIDEO);
    await page.waitForSelector('.note-detail-mask redbridge-translation', { timeout: 30_000 });
    await sleep(PAUSE_MS);
    await page.evaluate(() => (window as unknown as { __fixture: { closeNote(): void } }).__fixture.closeNote());
    await setStoredSettings(probe, BENCH_SETTINGS);
  }
  await sleep(PAUSE_MS);
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const opened = performance.now();
        const poll = () => {
          const english = document.querySelector('redbridge-transcript')?.shadowRoot?.querySelector('.cue[data-cue="0"] .en:not(.pending)');
          if (english?.textContent) resolve(performance.now() - opened);
          else requestAnimationFrame(poll);
        };
        (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(id);
        requestAnimationFrame(poll);
      }),
    FEED_VIDEO,
  );
}

/**
 * Plays the dense English track through and gives, per cue, the video frames shown at or after
 * its start that still had another caption. Each frame sent to the screen is taken by its own
 * time (`requestVideoFrameCallback`); the caption is read at the next animation frame, after
 * everything that frame's callbacks did and before the video's next frame (10 frames a second).
 */
async function framesLate(page: Page): Promise<number[]> {
  await page.waitForFunction(() => document.querySelector('redbridge-transcript')?.getAttribute('data-state') === 'ready', { timeout: 30_000 });
  const frames = await page.evaluate(
    () =>
      new Promise<{ time: number; caption: string | null }[]>((resolve) => {
        const video = document.querySelector<HTMLVideoElement>('#noteContainer .media-container video')!;
        const captions = document.querySelector('redbridge-captions')!.shadowRoot!;
        const seen: { time: number; caption: string | null }[] = [];
        const frame = (_now: number, shown: VideoFrameCallbackMetadata) => {
          requestAnimationFrame(() => seen.push({ time: shown.mediaTime, caption: captions.querySelector('[data-caption] .line')?.textContent ?? null }));
          if (video.ended) return;
          video.requestVideoFrameCallback(frame);
        };
        video.addEventListener('ended', () => setTimeout(() => resolve(seen), 100), { once: true });
        video.currentTime = 0;
        void video.play().then(() => video.requestVideoFrameCallback(frame));
      }),
  );
  return DENSE.map((cue) => frames.filter((f) => f.time >= cue.start && f.time < cue.end && f.caption !== cue.text).length);
}

async function main(): Promise<void> {
  const [fixtures, cdn, google] = await Promise.all([startFixtureServer(), startFakeSubtitleHost(), startFakeGoogle()]);
  cdn.serve('vlog01_en', DENSE_SRT);
  cdn.serve('vlog01_zh', ZH_SRT);
  cdn.serve('vlog02_zh', ZH_SRT);
  cdn.forbid('vlog04_en');
  cdn.serve('vlog04_zh', MODAL_ZH_SRT);
  google.setMode({ kind: 'slow', delayMs: LATENCY_MS });
  BENCH_SETTINGS.backends.google.host = google.url;
  const results: Record<string, unknown> = { passes: PASSES, latencyMs: LATENCY_MS };
  let failed = false;
  try {
    for (const browserName of BROWSERS) {
      const ext = await launchWithExtension(browserName, { networkEvents: false });
      try {
        const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
        await setStoredSettings(probe, BENCH_SETTINGS);
        await setExtensionStorage(probe, { 'e2e:subtitle-origin': cdn.url });
        const modal: number[] = [];
        const modalCold: number[] = [];
        const translated: number[] = [];
        const english: number[] = [];
        const late: number[] = [];
        for (let pass = 0; pass < PASSES; pass += 1) {
          for (const [into, textRead] of [[modal, true], [modalCold, false]] as const) {
            await askBackground(probe, { type: 'clear-cache' });
            const feed = await ext.browser.newPage();
            into.push((await modalFirstCueReady(probe, feed, `${fixtures.url}/xhs/feed.html?videos=1`, textRead)) - LATENCY_MS);
            await feed.close();
          }
          for (const [note, into] of [[CHINESE_NOTE, translated], [ENGLISH_NOTE, english]] as const) {
            await sleep(PAUSE_MS);
            const page = await ext.browser.newPage();
            into.push((await firstCueReady(page, `${fixtures.url}/explore/${note}?xsec_token=AB`)) - (note === CHINESE_NOTE ? LATENCY_MS : 0));
            if (note === ENGLISH_NOTE) late.push(...(await framesLate(page)));
            await page.close();
          }
          log(`${browserName} pass ${pass + 1}: over latency: modal ${modal.at(-1)!.toFixed(0)} ms (cold ${modalCold.at(-1)!.toFixed(0)} ms), page ${translated.at(-1)!.toFixed(0)} ms; English page ${english.at(-1)!.toFixed(0)} ms; frames late ${Math.max(...late.slice(-DENSE.length))}`);
        }
        const worstLate = Math.max(...late);
        const over = median(modal);
        const summary = (values: number[]) => ({ median: Math.round(median(values)), max: Math.round(Math.max(...values)) });
        const row = {
          modalFirstCueOverLatencyMs: { ...summary(modal), budget: FIRST_CUE_OVER_LATENCY_MS },
          modalColdFirstCueOverLatencyMs: summary(modalCold),
          pageFirstTranslatedCueOverLatencyMs: summary(translated),
          pageFirstEnglishCueMs: summary(english),
          framesLate: { worstCue: worstLate, cuesLate: late.filter((n) => n > 0).length, cues: late.length, budget: MAX_FRAMES_LATE },
        };
        results[browserName] = row;
        const ok = over <= FIRST_CUE_OVER_LATENCY_MS && worstLate <= MAX_FRAMES_LATE;
        failed ||= !ok;
        console.log(`\n${browserName}:`);
        console.log(`  note opened over the feed, its text read before → first cue's English, over the backend's ${LATENCY_MS} ms: median ${row.modalFirstCueOverLatencyMs.median} ms (worst ${row.modalFirstCueOverLatencyMs.max}) — budget ≤ ${FIRST_CUE_OVER_LATENCY_MS} ms: ${over <= FIRST_CUE_OVER_LATENCY_MS ? 'ok' : 'OVER'}`);
        console.log(`  the same, the note's own text not read before (its requests and the cue's share Google's two slots): median ${row.modalColdFirstCueOverLatencyMs.median} ms (worst ${row.modalColdFirstCueOverLatencyMs.max})`);
        console.log(`  note page DOMContentLoaded → first cue's English, over the latency: median ${row.pageFirstTranslatedCueOverLatencyMs.median} ms (worst ${row.pageFirstTranslatedCueOverLatencyMs.max}); English track, no backend: median ${row.pageFirstEnglishCueMs.median} ms (worst ${row.pageFirstEnglishCueMs.max})`);
        console.log(`  video frames shown at or after a cue's start with another caption: worst ${worstLate} over ${late.length} cues (${row.framesLate.cuesLate} late at all) — budget ≤ ${MAX_FRAMES_LATE}: ${worstLate <= MAX_FRAMES_LATE ? 'ok' : 'OVER'}`);
      } finally {
        await ext.close();
      }
    }
  } finally {
    await Promise.all([fixtures.close(), cdn.close(), google.close()]);
  }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.exit(failed ? 1 : 0);
}

void main();
