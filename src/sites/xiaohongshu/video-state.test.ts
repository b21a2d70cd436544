import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSubtitleUrl, parseInitialState, subtitleTracksOf, tracksOf } from './video-state';

const ZH = 'https://sns-subtitle-hw.xhscdn.com/subtitle/abc/zh.srt?sign=1f2e&t=1760000000';
const EN = 'https://sns-subtitle-qc.rednotecdn.com/subtitle/abc/en.srt?sign=9a8b&t=1760000000';

/** A note page's state as RedNote writes it into the HTML: `/` as `\u002F`, bare `undefined`, mediaV2 a string of JSON. */
function notePage(noteId: string, subtitles: unknown): string {
  const mediaV2 = JSON.stringify({ video: { duration: 166, subtitles } });
  const state = JSON.stringify({ global: { key: 'UNDEFINED' }, note: { noteDetailMap: { [noteId]: { note: { noteId, type: 'video', video: { mediaV2 } } } } } })
    .replaceAll('/', '\\u002F')
    .replace('"UNDEFINED"', 'undefined');
  return `<html><body><script>window.__INITIAL_STATE__=${state.replace('"global":{', '"x":undefined,"global":{')}</script></body></html>`;
}

describe('parseInitialState', () => {
  it('reads the state literal with \\u002F escapes and bare undefined, leaving "undefined" inside strings alone', () => {
    const html = '<script>window.__INITIAL_STATE__={"a":undefined,"b":"undefined","c":"x\\u002Fy","d":[undefined],"e":"say \\"undefined\\""};</script>';
    expect(parseInitialState(html)).toEqual({ a: null, b: 'undefined', c: 'x/y', d: [null], e: 'say "undefined"' });
  });

  it('gives null for a page without a state or with one that cannot be read', () => {
    expect(parseInitialState('<html></html>')).toBeNull();
    expect(parseInitialState('<script>window.__INITIAL_STATE__={"a":</script>')).toBeNull();
  });
});

describe('subtitleTracksOf', () => {
  it('reads the tracks of a note page, in any key order, each group’s list', () => {
    const html = notePage('n1', {
      'en-US': [{ url: EN, language: 'en-US', format: 0, type: 'asr' }],
      source: [{ url: ZH, language: 'zh-CN', format: 0, type: 'asr' }],
      'zh-CN': [{ url: ZH, language: 'zh-CN', format: 0, type: 'asr' }],
    });
    expect(subtitleTracksOf(parseInitialState(html), 'n1')).toEqual([
      { group: 'en-US', language: 'en-US', url: EN },
      { group: 'source', language: 'zh-CN', url: ZH },
      { group: 'zh-CN', language: 'zh-CN', url: ZH },
    ]);
  });

  it('reads the mobile page’s root, and says null when the note has no video data and [] when it has no tracks', () => {
    const mediaV2 = JSON.stringify({ video: { subtitles: { 'zh-CN': [{ url: ZH, language: 'zh-CN', format: 0 }] } } });
    expect(subtitleTracksOf({ noteData: { data: { noteData: { video: { mediaV2 } } } } }, 'n1')).toEqual([{ group: 'zh-CN', language: 'zh-CN', url: ZH }]);
    expect(subtitleTracksOf(parseInitialState(notePage('n1', {})), 'other')).toBeNull();
    expect(subtitleTracksOf(parseInitialState(notePage('n1', {})), 'n1')).toEqual([]);
    expect(subtitleTracksOf({ note: { noteDetailMap: { n1: { note: { video: { mediaV2: '{not json' } } } } } }, 'n1')).toEqual([]);
  });
});

describe('tracksOf: a forged list reaches nothing outside the subtitle CDNs', () => {
  it('keeps only https tracks on sns-subtitle-*.xhscdn.com or *.rednotecdn.com, in SRT', () => {
    const forged = {
      'zh-CN': [
        { url: 'https://evil.example/zh.srt', language: 'zh-CN', format: 0 },
        { url: 'http://sns-subtitle-hw.xhscdn.com/zh.srt', language: 'zh-CN', format: 0 },
        { url: 'https://sns-subtitle-hw.xhscdn.com.evil.example/zh.srt', language: 'zh-CN', format: 0 },
        { url: 'https://user:pw@sns-subtitle-hw.xhscdn.com/zh.srt', language: 'zh-CN', format: 0 },
        { url: 'javascript:alert(1)', language: 'zh-CN', format: 0 },
        { url: ZH, language: 'zh-CN', format: 2 },
        { url: ZH, language: '<img src=x onerror=alert(1)>', format: 0 },
      ],
      '../../x': [{ url: EN, language: 'en-US', format: 0 }],
      'en-US': 'not a list',
    };
    expect(tracksOf(forged)).toEqual([{ group: 'zh-CN', language: 'zh-CN', url: ZH }]);
    expect(tracksOf(null)).toEqual([]);
    expect(tracksOf([{ url: ZH }])).toEqual([]);
  });

  it('says which addresses subtitles may come from', () => {
    expect(isSubtitleUrl(ZH)).toBe(true);
    expect(isSubtitleUrl(EN)).toBe(true);
    expect(isSubtitleUrl('https://sns-webpic-qc.xhscdn.com/a.jpg')).toBe(false);
    expect(isSubtitleUrl('https://sns-subtitle-hw.xhscdn.com:8443/a.srt')).toBe(false);
    expect(isSubtitleUrl('not a url')).toBe(false);
  });
});

describe('the video note fixture page', () => {
  const html = readFileSync(new URL('../../../tests/fixtures/xhs/video_note.html', import.meta.url), 'utf8');
  const state = parseInitialState(html);

  it('lists source, en-US and zh-CN tracks on the first note, zh-CN only on the second, none on the third', () => {
    expect(subtitleTracksOf(state, '68f30a0000000000aa000001')?.map((track) => `${track.group}:${track.language}`)).toEqual(['source:zh-CN', 'en-US:en-US', 'zh-CN:zh-CN']);
    expect(subtitleTracksOf(state, '68f30a0000000000aa000002')?.map((track) => track.url)).toEqual([
      'https://sns-subtitle-hw.xhscdn.com/subtitle/vlog02_zh.srt?sign=5f0c2a9d1e7b44c3a8b2d6e1f0a9c8b7&t=1760990000',
    ]);
    expect(subtitleTracksOf(state, '68f30a0000000000aa000003')).toEqual([]);
  });

  it('writes its state as RedNote does: slashes escaped, a bare undefined', () => {
    expect(html).toContain('https:\\u002F\\u002Fsns-subtitle-hw.xhscdn.com');
    expect(html).toMatch(/"undefinedKey":undefined/);
  });
});
