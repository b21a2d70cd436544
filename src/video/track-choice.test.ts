import { describe, expect, it } from 'vitest';
import { trackCandidates } from './track-choice';

const track = (group: string, language: string, url = `https://sns-subtitle-hw.xhscdn.com/${group}.srt`) => ({ group, language, url });

describe('trackCandidates', () => {
  it('tries the English track first, shown as it is, then zh-CN, then source, translated', () => {
    const tracks = [track('source', 'zh-CN'), track('zh-CN', 'zh-CN'), track('en-US', 'en-US')];
    expect(trackCandidates(tracks).map(({ track, translate }) => [track.group, translate])).toEqual([
      ['en-US', false],
      ['zh-CN', true],
      ['source', true],
    ]);
  });

  it('translates a Chinese-only video and shows an English source as it is', () => {
    expect(trackCandidates([track('zh-CN', 'zh-CN')])).toEqual([{ track: track('zh-CN', 'zh-CN'), translate: true }]);
    expect(trackCandidates([track('source', 'en-US')])).toEqual([{ track: track('source', 'en-US'), translate: false }]);
  });

  it('tries a file listed under two groups once, and has nothing to try for no tracks', () => {
    const same = 'https://sns-subtitle-hw.xhscdn.com/zh.srt';
    expect(trackCandidates([track('source', 'zh-CN', same), track('zh-CN', 'zh-CN', same)]).map(({ track }) => track.group)).toEqual(['zh-CN']);
    expect(trackCandidates([])).toEqual([]);
  });
});
