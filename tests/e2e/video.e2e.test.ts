import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseInitialState, subtitleTracksOf } from '../../src/sites/xiaohongshu/video-state';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFakeSubtitleHost, type FakeSubtitleHost } from '../fakes/fake-subtitle-host';
import { FAKE_PREFIX } from '../fakes/fake-translation';
import { startFixtureServer, type FixtureServer } from '../fakes/fixture-server';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { askBackground, setExtensionStorage, setStoredSettings, tabStatsOf } from './probe';

/**
 * Video notes' subtitles (issue 31) on the fixture `video_note.html`, served at a note's own
 * address (`/explore/<id>`), and on the feed's modal (`feed.html?videos=1`): the page state
 * handed to the content script, the tracks loaded through the background from the (fake)
 * subtitle CDN and cached, and what the reader sees: captions over the video in step with it,
 * the transcript under the note, the CC switch, and what failures say.
 */
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const FIXTURE = readFileSync(new URL('../fixtures/xhs/video_note.html', import.meta.url), 'utf8');
const STATE = parseInitialState(FIXTURE);
const ALL_TRACKS = '68f30a0000000000aa000001';
const CHINESE_ONLY = '68f30a0000000000aa000002';
const NO_SUBTITLES = '68f30a0000000000aa000003';
/** The feed's first video card (pub-card-10): its modal's store has no video data. */
const FEED_VIDEO = '68e8f54000000000e54aa5e2';
const REDNOTE_HOST = 'www.rednote.com';
const EN = ['The wind by Erhai is so soothing', 'I rode all the way around the lake today'];
/** The second says 绝绝子, RedNote slang: its translation comes with the glossary's note. */
const ZH = ['洱海边的风太治愈了', '今天环湖骑了一整圈，绝绝子'];
const srt = (lines: readonly string[]) => `1\n00:00:00,500 --> 00:00:02,500\n${lines[0]}\n\n2\n00:00:02,500 --> 00:00:05,000\n${lines[1]}\n`;
const EN_SRT = srt(EN);
const ZH_SRT = srt(ZH);
/** The cue showing at `time` in the fixture tracks (both have the same timings). */
const cueAt = (time: number) => (time >= 0.5 && time < 2.5 ? 0 : time >= 2.5 && time < 5 ? 1 : -1);

/** What the page's own world hears back when it asks as the content script does (none: null). */
function askPageWorld(page: Page, noteId: string): Promise<string | null> {
  return page.evaluate(
    (id) =>
      new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 1000);
        window.addEventListener('redbridge:subtitles', (event) => {
          clearTimeout(timer);
          resolve((event as CustomEvent<string>).detail);
        });
        window.dispatchEvent(new CustomEvent('redbridge:subtitles-request', { detail: id }));
      }),
    noteId,
  );
}

/** What RedBridge shows for the note's video. */
interface VideoView {
  /** The caption's lines, by language; null when none shows. */
  caption: { lang: string; text: string }[] | null;
  transcript: string | null;
  status: string | null;
  source: string | null;
  cues: { time: string; zh: string | null; en: string | null; current: boolean }[];
  currentTime: number;
}

function readVideo(page: Page): Promise<VideoView> {
  return page.evaluate(() => {
    const captions = document.querySelector('redbridge-captions')?.shadowRoot;
    const transcript = document.querySelector('redbridge-transcript')?.shadowRoot;
    const caption = captions?.querySelector('[data-caption]');
    const video = document.querySelector<HTMLVideoElement>('#noteContainer .media-container video');
    return {
      caption: caption ? Array.from(caption.querySelectorAll('.line'), (line) => ({ lang: line.getAttribute('lang') ?? '', text: line.textContent ?? '' })) : null,
      transcript: transcript?.querySelector('section')?.getAttribute('data-state') ?? null,
      status: transcript?.querySelector('.status')?.textContent ?? null,
      source: transcript?.querySelector('.source')?.textContent ?? null,
      cues: Array.from(transcript?.querySelectorAll('.cue') ?? [], (cue) => ({
        time: cue.querySelector('.time')?.textContent ?? '',
        zh: cue.querySelector('.zh')?.textContent ?? null,
        en: cue.querySelector('.en')?.textContent ?? null,
        current: cue.getAttribute('aria-current') === 'true',
      })),
      currentTime: video?.currentTime ?? -1,
    };
  });
}

async function waitForVideo(page: Page, ready: (view: VideoView) => boolean, what: string, timeoutMs = 20_000): Promise<VideoView> {
  const deadline = Date.now() + timeoutMs;
  let view = await readVideo(page);
  while (!ready(view)) {
    if (Date.now() > deadline) throw new Error(`${what}: never happened; the video shows ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    view = await readVideo(page);
  }
  return view;
}

/** Moves the note's video to `time` and waits for it to get there. */
function seek(page: Page, time: number): Promise<void> {
  return page.evaluate(
    (to) =>
      new Promise<void>((resolve) => {
        const video = document.querySelector<HTMLVideoElement>('#noteContainer .media-container video')!;
        video.pause();
        video.addEventListener('seeked', () => resolve(), { once: true });
        video.currentTime = to;
      }),
    time,
  );
}

const captionText = (view: VideoView) => view.caption?.map((line) => line.text) ?? null;

/** Presses a button inside the captions' shadow root. */
async function pressInCaptions(page: Page, selector: string): Promise<void> {
  const button = await page.waitForSelector(`pierce/${selector}`, { timeout: 10_000 });
  await button!.click();
}

describe.each<BrowserName>(['chromium', 'firefox'])('video subtitles in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: FixtureServer;
  let cdn: FakeSubtitleHost;
  let google: FakeBackend;
  let probe: Page;
  const pages: Page[] = [];

  async function openNote(noteId: string, origin = fixtures.url): Promise<Page> {
    const page = await ext.browser.newPage();
    pages.push(page);
    await page.goto(`${origin}/explore/${noteId}?xsec_token=AB${noteId.slice(-6)}&xsec_source=pc_feed`, { waitUntil: 'load' });
    await page.waitForSelector('#noteContainer[data-type="video"] .media-container video');
    return page;
  }

  beforeAll(async () => {
    [fixtures, cdn, google] = await Promise.all([startFixtureServer(), startFakeSubtitleHost(), startFakeGoogle()]);
    for (const name of ['vlog01', 'vlog04']) {
      cdn.serve(`${name}_en`, EN_SRT);
      cdn.serve(`${name}_zh`, ZH_SRT);
      cdn.serve(`${name}_source`, ZH_SRT);
    }
    cdn.serve('vlog02_zh', ZH_SRT);
    ext = await launchWithExtension(browserName, { loopbackHosts: [REDNOTE_HOST] });
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
    await setExtensionStorage(probe, { 'e2e:subtitle-origin': cdn.url });
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => (page.isClosed() ? undefined : page.close())));
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), cdn?.close(), google?.close()]);
  });

  it(
    browserName === 'chromium'
      ? 'hands the note’s subtitle tracks from the page state to the content script’s request, and nothing else'
      : 'runs no script in the page’s own world: Firefox’s content script reads the state itself',
    async () => {
      const page = await openNote(ALL_TRACKS);
      const answer = await askPageWorld(page, ALL_TRACKS);
      if (browserName === 'firefox') {
        expect(answer).toBeNull();
      } else {
        const parsed = JSON.parse(answer ?? 'null') as { noteId: string; subtitles: Record<string, { url: string }[]> };
        expect(parsed.noteId).toBe(ALL_TRACKS);
        expect(Object.keys(parsed.subtitles).sort()).toEqual(['en-US', 'source', 'zh-CN']);
        expect(Object.keys(parsed).sort()).toEqual(['noteId', 'subtitles']);
      }
    },
  );

  it('loads the English track and its Chinese companion from the subtitle CDN, then again from the cache with no fetch', async () => {
    await askBackground(probe, { type: 'clear-cache' });
    const before = cdn.requests.length;
    const tracks = subtitleTracksOf(STATE, ALL_TRACKS)!;
    const first = await askBackground<'subtitles'>(probe, { type: 'subtitles', noteId: ALL_TRACKS, tracks });
    expect(first).toMatchObject({ ok: true, translate: false, fromCache: false, track: { group: 'en-US' } });
    expect(first.ok && first.cues.map((cue) => cue.text)).toEqual(EN);
    expect(first.ok && first.chinese?.map((cue) => cue.text)).toEqual(ZH);
    expect(cdn.requests.slice(before).sort()).toEqual(['/subtitle/vlog01_en.srt', '/subtitle/vlog01_zh.srt']);
    const again = await askBackground<'subtitles'>(probe, { type: 'subtitles', noteId: ALL_TRACKS, tracks });
    expect(again).toMatchObject({ ok: true, fromCache: true, chinese: [{ text: ZH[0] }, { text: ZH[1] }] });
    expect(cdn.requests).toHaveLength(before + 2);
  });

  it('takes the Chinese track, to translate, when the English one answers 403', async () => {
    cdn.forbid('vlog02_en');
    const tracks = [{ group: 'en-US', language: 'en-US', url: 'https://sns-subtitle-qc.rednotecdn.com/subtitle/vlog02_en.srt?sign=x&t=1' }, ...subtitleTracksOf(STATE, CHINESE_ONLY)!];
    const outcome = await askBackground<'subtitles'>(probe, { type: 'subtitles', noteId: CHINESE_ONLY, tracks });
    expect(outcome).toMatchObject({ ok: true, translate: true, track: { group: 'zh-CN' }, cues: [{ start: 0.5, end: 2.5, text: ZH[0] }, { text: ZH[1] }] });
  });

  it('says why when no track can be fetched, and Retry loads them once the CDN serves them', async () => {
    await askBackground(probe, { type: 'clear-cache' });
    cdn.forbid('vlog02_zh');
    const page = await openNote(CHINESE_ONLY);
    const failed = await waitForVideo(page, (view) => view.transcript === 'failed', 'the failure');
    expect(failed.status).toBe('RedNote no longer serves this video’s subtitle files. Retry');
    cdn.serve('vlog02_zh', ZH_SRT);
    const retry = await page.waitForSelector('pierce/button[data-retry]');
    await retry!.click();
    await waitForVideo(page, (view) => view.transcript === 'ready' && view.cues.length === 2, 'the subtitles after Retry');
  });

  it('shows the English track over the video in step with playback and seeks, with no backend request for it', async () => {
    const requestsBefore = google.requests.length;
    const page = await openNote(ALL_TRACKS);
    const ready = await waitForVideo(page, (view) => view.transcript === 'ready', 'the transcript');
    expect(ready.cues).toEqual([
      { time: '0:00', zh: ZH[0], en: EN[0], current: false },
      { time: '0:02', zh: ZH[1], en: EN[1], current: false },
    ]);
    expect(ready.source).toBe('RedNote’s own English subtitles');
    for (const [time, expected] of [[1, [EN[0]]], [3, [EN[1]]], [5.5, null], [0.6, [EN[0]]]] as const) {
      await seek(page, time);
      const view = await waitForVideo(page, (v) => JSON.stringify(captionText(v)) === JSON.stringify(expected), `the caption at ${time} s`);
      expect(view.cues.map((cue) => cue.current)).toEqual([0, 1].map((index) => index === cueAt(time)));
    }
    if (browserName === 'chromium') {
      // The README's picture: the caption over the video, the transcript under the note's text.
      await waitForVideo(page, (view) => view.cues[0]?.current === true, 'the first cue marked');
      await (await page.$('#noteContainer'))!.screenshot({ path: `${SCREENSHOTS}video-chromium.png` });
    }
    // While it plays: every frame's caption is the cue of that frame's time. Captions follow the
    // video's own frames (10 a second here), so a frame and a bit of slack at a cue's edges.
    const samples = await page.evaluate(
      () =>
        new Promise<{ time: number; caption: string | null }[]>((resolve) => {
          const video = document.querySelector<HTMLVideoElement>('#noteContainer .media-container video')!;
          const captions = document.querySelector('redbridge-captions')!.shadowRoot!;
          const seen: { time: number; caption: string | null }[] = [];
          const sample = () => {
            seen.push({ time: video.currentTime, caption: captions.querySelector('[data-caption] .line')?.textContent ?? null });
            if (video.currentTime < 3.2 && !video.ended) requestAnimationFrame(sample);
            else resolve(seen);
          };
          video.currentTime = 2.0;
          void video.play().then(() => requestAnimationFrame(sample));
        }),
    );
    const away = samples.filter(({ time }) => Math.abs(time - 2.5) > 0.15);
    expect(away.length).toBeGreaterThan(5);
    expect(samples.some(({ time }) => time > 2.6)).toBe(true);
    for (const { time, caption } of away) expect({ time, caption }).toEqual({ time, caption: EN[cueAt(time)] ?? null });
    // The note's title and text are translated as on any note; its subtitles are not sent anywhere.
    expect(google.requests.slice(requestsBefore).flatMap((request) => request.texts).filter((text) => [...EN, ...ZH].includes(text))).toEqual([]);
    expect((await tabStatsOf(probe, page))?.subtitlesShown).toBe(1);
  });

  it('translates the Chinese-only track through the backend and shows it at each cue’s time, also after a seek', async () => {
    const page = await openNote(CHINESE_ONLY);
    await seek(page, 1);
    const first = await waitForVideo(page, (view) => captionText(view)?.[0] === `${FAKE_PREFIX}${ZH[0]}`, 'the first cue’s English');
    expect(first.source).toBe('RedNote’s Chinese subtitles, translated by Google Translate');
    await seek(page, 4);
    await waitForVideo(page, (view) => captionText(view)?.[0] === `${FAKE_PREFIX}${ZH[1]}`, 'the second cue’s English after a seek');
    // As under any machine translation, the slang it uses is explained, in the transcript.
    const slang = await page.$eval('pierce/.cue[data-cue="1"] details.slang summary', (summary) => summary.textContent);
    expect(slang).toContain('绝绝子');
    expect(google.requests.flatMap((request) => request.texts)).toEqual(expect.arrayContaining(ZH));
  });

  it('plays the video from a cue when its time is clicked in the transcript, and marks that cue', async () => {
    const page = await openNote(ALL_TRACKS);
    await waitForVideo(page, (view) => view.transcript === 'ready', 'the transcript');
    const time = await page.waitForSelector('pierce/.cue[data-cue="1"] .time');
    await time!.click();
    const view = await waitForVideo(page, (v) => v.cues[1]?.current === true, 'the clicked cue marked');
    expect(view.currentTime).toBeGreaterThanOrEqual(2.5);
    await page.evaluate(() => document.querySelector<HTMLVideoElement>('#noteContainer .media-container video')!.pause());
  });

  it('switches the captions between English, Chinese, both and off with the CC button, and remembers the language', async () => {
    const page = await openNote(ALL_TRACKS);
    await waitForVideo(page, (view) => view.transcript === 'ready', 'the transcript');
    await seek(page, 1);
    await waitForVideo(page, (view) => captionText(view)?.[0] === EN[0], 'the English caption');
    await pressInCaptions(page, '[data-cc-button]');
    await pressInCaptions(page, 'button[data-mode="both"]');
    // The choice is saved as the setting, and the captions follow it (also after the restart it brings).
    await waitForVideo(page, (view) => JSON.stringify(view.caption) === JSON.stringify([{ lang: 'en', text: EN[0] }, { lang: 'zh-CN', text: ZH[0] }]), 'both languages');
    // Saved by a message of its own, which may land after the captions changed: waited for.
    await vi.waitFor(async () => expect(await askBackground<'get-page-settings'>(probe, { type: 'get-page-settings' })).toMatchObject({ subtitleLanguage: 'both' }), { timeout: 5000, interval: 100 });
    await pressInCaptions(page, '[data-cc-button]');
    await pressInCaptions(page, 'button[data-mode="chinese"]');
    expect(await page.$('pierce/button[data-mode]')).toBeNull();
    await waitForVideo(page, (view) => JSON.stringify(captionText(view)) === JSON.stringify([ZH[0]]), 'Chinese only');
    await pressInCaptions(page, '[data-cc-button]');
    await pressInCaptions(page, 'button[data-mode="off"]');
    await waitForVideo(page, (view) => view.caption === null, 'no caption');
    expect((await readVideo(page)).transcript).toBe('ready');
    // The popup's or the options' choice reaches the open video in place.
    await askBackground(probe, { type: 'set-subtitle-language', language: 'english' });
    await waitForVideo(page, (view) => JSON.stringify(captionText(view)) === JSON.stringify([EN[0]]), 'English again, from the setting');
  });

  it('says “No subtitles for this video” when the note lists none', async () => {
    const page = await openNote(NO_SUBTITLES);
    const view = await waitForVideo(page, (v) => v.transcript === 'none', 'the no-subtitles note');
    expect(view.status).toBe('No subtitles for this video');
    expect(view.caption).toBeNull();
  });

  it('gets the subtitles of a video note opened as a modal from the feed, from the note’s own page', async () => {
    const page = await ext.browser.newPage();
    pages.push(page);
    await page.goto(`${fixtures.url}/xhs/feed.html?videos=1`, { waitUntil: 'load' });
    const pageReads = fixtures.notePageRequests.length;
    await page.evaluate((id) => window.__fixture.openNote(id), FEED_VIDEO);
    await page.waitForSelector('.note-detail-mask #noteContainer[data-type="video"] video');
    await waitForVideo(page, (view) => view.transcript === 'ready', 'the modal’s transcript');
    expect(fixtures.notePageRequests.slice(pageReads)).toEqual([expect.stringMatching(new RegExp(`^/explore/${FEED_VIDEO}\\?xsec_token=`))]);
    await seek(page, 3);
    await waitForVideo(page, (view) => captionText(view)?.[0] === EN[1], 'the modal’s caption');
  });

  it('shows a reopened note’s subtitles with no fetch and no backend request, on www.rednote.com too', async () => {
    const counts = () => ({ cdn: cdn.requests.length, pages: fixtures.notePageRequests.length, google: google.requests.length });
    // Every note below was shown once already in this browser.
    const before = counts();
    const feed = await ext.browser.newPage();
    pages.push(feed);
    await feed.goto(`${fixtures.url}/xhs/feed.html?videos=1`, { waitUntil: 'load' });
    await feed.evaluate((id) => window.__fixture.openNote(id), FEED_VIDEO);
    await waitForVideo(feed, (view) => view.transcript === 'ready', 'the reopened modal');
    const rednote = await openNote(ALL_TRACKS, `http://${REDNOTE_HOST}:${new URL(fixtures.url).port}`);
    await seek(rednote, 1);
    await waitForVideo(rednote, (view) => captionText(view)?.[0] === EN[0], 'the caption on www.rednote.com');
    const translated = await openNote(CHINESE_ONLY);
    await seek(translated, 1);
    await waitForVideo(translated, (view) => captionText(view)?.[0] === `${FAKE_PREFIX}${ZH[0]}`, 'the translated caption, again');
    // The two page reads are the browser's own loads of the two note pages.
    expect(counts()).toEqual({ ...before, pages: before.pages + 2 });
  });
});
