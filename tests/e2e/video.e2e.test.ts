import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInitialState, subtitleTracksOf } from '../../src/sites/xiaohongshu/video-state';
import { startFakeSubtitleHost, type FakeSubtitleHost } from '../fakes/fake-subtitle-host';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { askBackground, setExtensionStorage } from './probe';

/**
 * Video notes' subtitles (issue 31), the parts built so far: the page state handed to the
 * content script's world, and the background loading a track from the (fake) subtitle CDN.
 */
const FIXTURE = readFileSync(new URL('../fixtures/xhs/video_note.html', import.meta.url), 'utf8');
const STATE = parseInitialState(FIXTURE);
const ALL_TRACKS = '68f30a0000000000aa000001';
const CHINESE_ONLY = '68f30a0000000000aa000002';
const EN_SRT = '1\n00:00:00,500 --> 00:00:02,500\nThe wind by Erhai is so soothing\n\n2\n00:00:02,500 --> 00:00:05,000\nI rode all the way around the lake today\n';
const ZH_SRT = '1\n00:00:00,500 --> 00:00:02,500\n洱海边的风太治愈了\n\n2\n00:00:02,500 --> 00:00:05,000\n今天环湖骑了一整圈\n';

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

describe.each<BrowserName>(['chromium', 'firefox'])('video subtitles in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let cdn: FakeSubtitleHost;
  let probe: Page;

  beforeAll(async () => {
    [fixtures, cdn] = await Promise.all([startFixtureServer(), startFakeSubtitleHost()]);
    cdn.serve('vlog01_en', EN_SRT);
    cdn.serve('vlog01_zh', ZH_SRT);
    cdn.serve('vlog02_zh', ZH_SRT);
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setExtensionStorage(probe, { 'e2e:subtitle-origin': cdn.url });
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), cdn?.close()]);
  });

  it(
    browserName === 'chromium'
      ? 'hands the note’s subtitle tracks from the page state to the content script’s request, and nothing else'
      : 'runs no script in the page’s own world: Firefox’s content script reads the state itself',
    async () => {
      const page = await ext.browser.newPage();
      await page.goto(`${fixtures.url}/xhs/video_note.html?note=${ALL_TRACKS}`, { waitUntil: 'load' });
      await page.waitForSelector('#noteContainer[data-type="video"] .media-container video');
      const answer = await askPageWorld(page, ALL_TRACKS);
      if (browserName === 'firefox') {
        expect(answer).toBeNull();
      } else {
        const parsed = JSON.parse(answer ?? 'null') as { noteId: string; subtitles: Record<string, { url: string }[]> };
        expect(parsed.noteId).toBe(ALL_TRACKS);
        expect(Object.keys(parsed.subtitles).sort()).toEqual(['en-US', 'source', 'zh-CN']);
        expect(Object.keys(parsed).sort()).toEqual(['noteId', 'subtitles']);
      }
      await page.close();
    },
  );

  it('loads the English track from the subtitle CDN, then again from the cache with no fetch', async () => {
    const tracks = subtitleTracksOf(STATE, ALL_TRACKS)!;
    const first = await askBackground<'subtitles'>(probe, { type: 'subtitles', noteId: ALL_TRACKS, tracks });
    expect(first).toMatchObject({ ok: true, translate: false, fromCache: false, track: { group: 'en-US' } });
    expect(first.ok && first.cues.map((cue) => cue.text)).toEqual(['The wind by Erhai is so soothing', 'I rode all the way around the lake today']);
    expect(cdn.requests).toEqual(['/subtitle/vlog01_en.srt']);
    const again = await askBackground<'subtitles'>(probe, { type: 'subtitles', noteId: ALL_TRACKS, tracks });
    expect(again).toMatchObject({ ok: true, fromCache: true });
    expect(cdn.requests).toHaveLength(1);
  });

  it('takes the Chinese track, to translate, when the English one answers 403', async () => {
    cdn.forbid('vlog02_en');
    const tracks = [{ group: 'en-US', language: 'en-US', url: 'https://sns-subtitle-qc.rednotecdn.com/subtitle/vlog02_en.srt?sign=x&t=1' }, ...subtitleTracksOf(STATE, CHINESE_ONLY)!];
    const outcome = await askBackground<'subtitles'>(probe, { type: 'subtitles', noteId: CHINESE_ONLY, tracks });
    expect(outcome).toMatchObject({ ok: true, translate: true, track: { group: 'zh-CN' }, cues: [{ start: 0.5, end: 2.5, text: '洱海边的风太治愈了' }, { text: '今天环湖骑了一整圈' }] });
  });
});
