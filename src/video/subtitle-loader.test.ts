import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedBridgeDb } from '../cache/db';
import { SubtitleCache, subtitleKey } from '../cache/subtitle-cache';
import { startFakeSubtitleHost, type FakeSubtitleHost } from '../../tests/fakes/fake-subtitle-host';
import { fetchSubtitleText, loadSubtitles, SubtitleFetchError } from './subtitle-loader';

const ZH_SRT = '1\n00:00:00,500 --> 00:00:02,000\n今天去大理\n\n2\n00:00:02,000 --> 00:00:04,000\n洱海太美了\n';
const EN_SRT = '1\n00:00:00,500 --> 00:00:02,000\nWent to Dali today\n';
const cdn = (name: string) => `https://sns-subtitle-hw.xhscdn.com/subtitle/${name}.srt?sign=abc&t=1760000000`;
const track = (group: string, name: string, language = group === 'source' ? 'zh-CN' : group) => ({ group, language, url: cdn(name) });
const LIMITS = () => ({ maxEntries: 100, maxAgeMs: 30 * 24 * 3600 * 1000 });

let host: FakeSubtitleHost;
let dbCount = 0;
const opened: RedBridgeDb[] = [];
beforeAll(async () => {
  host = await startFakeSubtitleHost();
});
afterAll(() => host.close());
afterEach(() => {
  host.requests.length = 0;
  for (const db of opened.splice(0)) db.close();
});

function setup(timeoutMs = 2000) {
  const db = new RedBridgeDb(`subtitle-loader-test-${++dbCount}`);
  opened.push(db);
  const cache = new SubtitleCache(db, LIMITS);
  return { cache, deps: { cache, fetchText: (url: string) => fetchSubtitleText(host.local(url), timeoutMs) } };
}

describe('loadSubtitles', () => {
  it('shows the English track as it is when there is one', async () => {
    host.serve('en1', EN_SRT);
    host.serve('zh1', ZH_SRT);
    const { deps } = setup();
    const outcome = await loadSubtitles('n1', [track('source', 'zh1'), track('zh-CN', 'zh1'), track('en-US', 'en1')], deps);
    expect(outcome).toMatchObject({ ok: true, translate: false, fromCache: false, track: { group: 'en-US' } });
    // The Chinese comes along, for the Chinese line and the transcript.
    expect(outcome.ok && outcome.chinese?.map((cue) => cue.text)).toEqual(['今天去大理', '洱海太美了']);
    expect([...host.requests].sort()).toEqual(['/subtitle/en1.srt', '/subtitle/zh1.srt']);
  });

  it('shows English without Chinese when no Chinese track can be read, and asks for it no more once the English is cached', async () => {
    host.serve('en1b', EN_SRT);
    host.forbid('zh1b');
    const { deps } = setup();
    const tracks = [track('zh-CN', 'zh1b'), track('en-US', 'en1b')];
    const first = await loadSubtitles('n1b', tracks, deps);
    expect(first).toMatchObject({ ok: true, translate: false });
    expect(first.ok && first.chinese).toBeUndefined();
    expect([...host.requests].sort()).toEqual(['/subtitle/en1b.srt', '/subtitle/zh1b.srt']);
    expect(await loadSubtitles('n1b', tracks, deps)).toMatchObject({ ok: true, fromCache: true });
    expect(host.requests).toHaveLength(2);
  });

  it('with no tracks from the page, answers from the cache alone, else lists them from the note page', async () => {
    host.serve('en1c', EN_SRT);
    host.serve('zh1c', ZH_SRT);
    const { deps } = setup();
    let pageReads = 0;
    const notePage = () => {
      pageReads += 1;
      return Promise.resolve([track('zh-CN', 'zh1c'), track('en-US', 'en1c')]);
    };
    const first = await loadSubtitles('n1c', null, { ...deps, notePage });
    expect(first).toMatchObject({ ok: true, translate: false, fromCache: false, chinese: [{ text: '今天去大理' }, { text: '洱海太美了' }] });
    expect(pageReads).toBe(1);
    const again = await loadSubtitles('n1c', null, { ...deps, notePage });
    expect(again).toEqual({ ...first, fromCache: true });
    expect(pageReads).toBe(1);
    expect(host.requests).toHaveLength(2);
  });

  it('says the note page could not be read, and why', async () => {
    const { deps } = setup();
    const notePage = () => Promise.reject(new SubtitleFetchError('no-state', 'no video data'));
    expect(await loadSubtitles('n1d', null, { ...deps, notePage })).toEqual({ ok: false, reason: 'unavailable', tried: [{ group: 'page', failure: 'no-state' }] });
    expect(await loadSubtitles('n1d', null, deps)).toMatchObject({ ok: false, reason: 'unavailable', tried: [{ group: 'page' }] });
  });

  it('takes the Chinese track, to translate, when the note has no English one', async () => {
    host.serve('zh2', ZH_SRT);
    const outcome = await loadSubtitles('n2', [track('zh-CN', 'zh2')], setup().deps);
    expect(outcome).toMatchObject({ ok: true, translate: true, cues: [{ start: 0.5, end: 2, text: '今天去大理' }, { text: '洱海太美了' }] });
  });

  it('falls back to the next group when a track answers 403, a stalled body or no SRT', async () => {
    host.forbid('en3');
    host.stall('zh3', ZH_SRT);
    host.serve('src3', ZH_SRT);
    const outcome = await loadSubtitles('n3', [track('en-US', 'en3'), track('zh-CN', 'zh3'), track('source', 'src3')], setup(500).deps);
    expect(outcome).toMatchObject({ ok: true, track: { group: 'source' }, translate: true });
    host.serve('html3', '<html>expired</html>');
    const none = await loadSubtitles('n3b', [track('en-US', 'en3'), track('zh-CN', 'html3')], setup(500).deps);
    expect(none).toEqual({ ok: false, reason: 'unavailable', tried: [{ group: 'en-US', failure: 'gone' }, { group: 'zh-CN', failure: 'not-srt' }] });
  });

  it('says there are no subtitles when the note lists none, and never fetches a forged address', async () => {
    const { deps } = setup();
    expect(await loadSubtitles('n4', [], deps)).toEqual({ ok: false, reason: 'none', tried: [] });
    const forged = [{ group: 'en-US', language: 'en-US', url: 'https://evil.example/en.srt' }, { group: 'zh-CN', language: 'zh-CN', url: `${host.url}/subtitle/x.srt` }];
    expect(await loadSubtitles('n4', forged, deps)).toEqual({ ok: false, reason: 'none', tried: [] });
    expect(host.requests).toEqual([]);
  });

  it('shows a reopened video from the cache, by note and track, with no fetch even after its URL changed', async () => {
    host.serve('zh5', ZH_SRT);
    const { cache, deps } = setup();
    const first = await loadSubtitles('n5', [track('zh-CN', 'zh5')], deps);
    expect(first).toMatchObject({ ok: true, fromCache: false });
    host.requests.length = 0;
    const resigned = { group: 'zh-CN', language: 'zh-CN', url: cdn('zh5').replace('sign=abc', 'sign=new') };
    const again = await loadSubtitles('n5', [resigned], deps);
    expect(again).toMatchObject({ ok: true, fromCache: true, cues: first.ok ? first.cues : [] });
    expect(host.requests).toEqual([]);
    expect(await cache.get(subtitleKey('n5', resigned))).toHaveLength(2);
  });

  it('caches nothing blank and keeps going when the cache fails', async () => {
    host.serve('empty6', '\n\n');
    host.serve('zh6', ZH_SRT);
    const { cache, deps } = setup();
    expect(await loadSubtitles('n6', [track('en-US', 'empty6')], deps)).toMatchObject({ ok: false, tried: [{ failure: 'empty' }] });
    expect(await cache.get(subtitleKey('n6', track('en-US', 'empty6')))).toBeUndefined();
    const broken = { get: () => Promise.reject(new Error('closed')), put: () => Promise.reject(new Error('closed')) };
    expect(await loadSubtitles('n6', [track('zh-CN', 'zh6')], { ...deps, cache: broken })).toMatchObject({ ok: true, fromCache: false });
  });
});
