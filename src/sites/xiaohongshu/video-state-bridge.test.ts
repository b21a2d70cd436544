// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { answerSubtitleRequests, pageSubtitleTracks, SUBTITLES_ANSWER, SUBTITLES_REQUEST } from './video-state-bridge';

const ZH = 'https://sns-subtitle-hw.xhscdn.com/subtitle/zh.srt?sign=a&t=1';
const EN = 'https://sns-subtitle-qc.rednotecdn.com/subtitle/en.srt?sign=b&t=1';
const mediaV2 = (subtitles: unknown) => JSON.stringify({ video: { duration: 12, subtitles } });
const SUBTITLES = { 'zh-CN': [{ url: ZH, language: 'zh-CN', format: 0 }], 'en-US': [{ url: EN, language: 'en-US', format: 0 }] };

type TestWindow = Window & { __INITIAL_STATE__?: unknown; wrappedJSObject?: unknown };
const win = window as unknown as TestWindow;
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  delete win.__INITIAL_STATE__;
  delete win.wrappedJSObject;
});

describe('the page state bridge (Chrome: MAIN world ↔ isolated world)', () => {
  it('hands over the tracks of the note asked for, from the live store’s refs too', async () => {
    win.__INITIAL_STATE__ = { note: { noteDetailMap: { _value: { n1: { note: { video: { mediaV2: mediaV2(SUBTITLES) } } } } } } };
    stops.push(answerSubtitleRequests(win));
    expect(await pageSubtitleTracks(win, 'n1')).toEqual([
      { group: 'zh-CN', language: 'zh-CN', url: ZH },
      { group: 'en-US', language: 'en-US', url: EN },
    ]);
  });

  it('says null for a note the state has no video data for, and [] for a video without subtitles', async () => {
    win.__INITIAL_STATE__ = { note: { noteDetailMap: { n1: { note: { video: { mediaV2: mediaV2(undefined) } } } } } };
    stops.push(answerSubtitleRequests(win));
    expect(await pageSubtitleTracks(win, 'other')).toBeNull();
    expect(await pageSubtitleTracks(win, 'n1')).toEqual([]);
  });

  it('checks what the page answers: another note’s answer, junk and tracks off the subtitle CDNs are not taken', async () => {
    const forge = (event: Event) => {
      const noteId = (event as CustomEvent<string>).detail;
      window.dispatchEvent(new CustomEvent(SUBTITLES_ANSWER, { detail: JSON.stringify({ noteId: 'other', subtitles: SUBTITLES }) }));
      window.dispatchEvent(new CustomEvent(SUBTITLES_ANSWER, { detail: '{not json' }));
      window.dispatchEvent(new CustomEvent(SUBTITLES_ANSWER, { detail: { noteId, subtitles: SUBTITLES } }));
      const evil = { 'en-US': [{ url: 'https://evil.example/x.srt', language: 'en-US', format: 0 }], 'zh-CN': [{ url: ZH, language: 'zh-CN', format: 0 }] };
      window.dispatchEvent(new CustomEvent(SUBTITLES_ANSWER, { detail: JSON.stringify({ noteId, subtitles: evil }) }));
    };
    window.addEventListener(SUBTITLES_REQUEST, forge);
    stops.push(() => window.removeEventListener(SUBTITLES_REQUEST, forge));
    expect(await pageSubtitleTracks(win, 'n1')).toEqual([{ group: 'zh-CN', language: 'zh-CN', url: ZH }]);
  });

  it('gives up with null when nothing answers', async () => {
    expect(await pageSubtitleTracks(win, 'n1', 20)).toBeNull();
  });
});

describe('the page state in Firefox', () => {
  it('is read through wrappedJSObject, with no event to the page', async () => {
    let asked = false;
    const spy = () => (asked = true);
    window.addEventListener(SUBTITLES_REQUEST, spy);
    stops.push(() => window.removeEventListener(SUBTITLES_REQUEST, spy));
    win.wrappedJSObject = { __INITIAL_STATE__: { noteData: { data: { noteData: { video: { mediaV2: mediaV2({ 'zh-CN': SUBTITLES['zh-CN'] }) } } } } } };
    expect(await pageSubtitleTracks(win, 'n9')).toEqual([{ group: 'zh-CN', language: 'zh-CN', url: ZH }]);
    expect(asked).toBe(false);
  });
});
