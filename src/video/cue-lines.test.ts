import { describe, expect, it, vi } from 'vitest';
import type { TranslateOutcome } from '../messaging/wire';
import { clockTime, cueLines, type LoadedTrack } from './cue-lines';
import type { Cue } from './srt';

/** RedNote's English track of a cycling vlog: three cues, then a gap, then a fourth. */
const ENGLISH: Cue[] = [
  { start: 0, end: 2, text: 'Rode all the way around Erhai today' },
  { start: 2, end: 4.5, text: 'The wind feels so healing' },
  { start: 4.5, end: 6, text: 'Look at the water' },
  { start: 20, end: 22, text: 'Thanks for watching' },
];

/** The same recognition's Chinese track, cue for cue, with the same timings. */
const CHINESE_SAME: Cue[] = [
  { start: 0, end: 2, text: '今天环洱海骑了一圈' },
  { start: 2, end: 4.5, text: '风吹过来真的好治愈' },
  { start: 4.5, end: 6, text: '看这个水' },
  { start: 20, end: 22, text: '谢谢观看' },
];

/**
 * A Chinese track whose timings are a little off the English ones (starts late, ends early or
 * late, a cue split at a different instant), and that says nothing after 6 s.
 */
const CHINESE_SHIFTED: Cue[] = [
  { start: 0.3, end: 2.2, text: '今天环洱海骑了一圈' },
  { start: 2.2, end: 4.1, text: '风吹过来真的好治愈' },
  { start: 4.1, end: 6.4, text: '看这个水' },
];

const englishTrack = (chinese: readonly Cue[] | null): LoadedTrack => ({ cues: ENGLISH, translate: false, chinese });

/** RedNote's Chinese track, to be translated. */
const CHINESE_TRACK: LoadedTrack = { cues: CHINESE_SAME, translate: true, chinese: null };

const ok = (translation: string): TranslateOutcome => ({ ok: true, translation, backend: 'google', fromCache: false });
const failed = (message: string): TranslateOutcome => ({ ok: false, error: { code: 'network', message } });

const noOutcome = () => undefined;

describe('cueLines of an English track', () => {
  it('gives the cue’s own English and times, with the Chinese track’s cue at the same moment', () => {
    const track = englishTrack(CHINESE_SAME);
    expect(ENGLISH.map((_, index) => cueLines(track, index, noOutcome))).toEqual([
      { start: 0, end: 2, english: { kind: 'text', text: 'Rode all the way around Erhai today' }, chinese: '今天环洱海骑了一圈' },
      { start: 2, end: 4.5, english: { kind: 'text', text: 'The wind feels so healing' }, chinese: '风吹过来真的好治愈' },
      { start: 4.5, end: 6, english: { kind: 'text', text: 'Look at the water' }, chinese: '看这个水' },
      { start: 20, end: 22, english: { kind: 'text', text: 'Thanks for watching' }, chinese: '谢谢观看' },
    ]);
  });

  it('finds the Chinese at the English cue’s midpoint where the timings do not quite agree', () => {
    const track = englishTrack(CHINESE_SHIFTED);
    // 0–2 (midpoint 1) falls in 0.3–2.2, though the Chinese starts late: at the English start (0) nothing is said yet.
    expect(cueLines(track, 0, noOutcome).chinese).toBe('今天环洱海骑了一圈');
    // 2–4.5 (midpoint 3.25) falls in 2.2–4.1, though at the English start (2) the previous Chinese cue still shows.
    expect(cueLines(track, 1, noOutcome).chinese).toBe('风吹过来真的好治愈');
    // 4.5–6 (midpoint 5.25) falls in 4.1–6.4, which starts before and ends after the English.
    expect(cueLines(track, 2, noOutcome).chinese).toBe('看这个水');
  });

  it('gives no Chinese to a cue the Chinese track says nothing during', () => {
    const track = englishTrack(CHINESE_SHIFTED);
    expect(cueLines(track, 3, noOutcome)).toEqual({ start: 20, end: 22, english: { kind: 'text', text: 'Thanks for watching' }, chinese: null });
    // An empty Chinese track: nothing said at all.
    expect(cueLines(englishTrack([]), 0, noOutcome).chinese).toBeNull();
  });

  it('gives no Chinese when there is no Chinese track', () => {
    const track = englishTrack(null);
    expect(ENGLISH.map((_, index) => cueLines(track, index, noOutcome).chinese)).toEqual([null, null, null, null]);
    expect(cueLines(track, 1, noOutcome).english).toEqual({ kind: 'text', text: 'The wind feels so healing' });
  });

  it('never asks for a translation of an English cue', () => {
    const outcomeOf = vi.fn(() => ok('should not be used'));
    expect(cueLines(englishTrack(CHINESE_SAME), 0, outcomeOf).english).toEqual({ kind: 'text', text: 'Rode all the way around Erhai today' });
    expect(outcomeOf).not.toHaveBeenCalled();
  });
});

describe('cueLines of a Chinese track', () => {
  it('is pending while the cue’s translation has not come, with the cue’s Chinese and times', () => {
    const outcomeOf = vi.fn(noOutcome);
    expect(cueLines(CHINESE_TRACK, 1, outcomeOf)).toEqual({ start: 2, end: 4.5, english: { kind: 'pending' }, chinese: '风吹过来真的好治愈' });
    expect(outcomeOf).toHaveBeenCalledWith(1);
  });

  it('shows the translation once it has come', () => {
    const outcomes = new Map([[2, ok('Look at this water')]]);
    expect(cueLines(CHINESE_TRACK, 2, (index) => outcomes.get(index))).toEqual({
      start: 4.5,
      end: 6,
      english: { kind: 'text', text: 'Look at this water' },
      chinese: '看这个水',
    });
    // The other cues have not been answered.
    expect(cueLines(CHINESE_TRACK, 0, (index) => outcomes.get(index)).english).toEqual({ kind: 'pending' });
  });

  it('carries the slang a translation explains, and nothing when it explains none', () => {
    const slang = [{ term: '绝绝子', meaning: 'amazing, the best (RedNote slang)' }];
    const withSlang = { ...ok('So good'), slang };
    expect(cueLines(CHINESE_TRACK, 2, () => withSlang).english).toEqual({ kind: 'text', text: 'So good', slang });
    expect(cueLines(CHINESE_TRACK, 2, () => ({ ...ok('So good'), slang: [] })).english).toEqual({ kind: 'text', text: 'So good' });
  });

  it('says why a translation failed', () => {
    expect(cueLines(CHINESE_TRACK, 0, () => failed('offline'))).toEqual({
      start: 0,
      end: 2,
      english: { kind: 'failed', message: 'offline' },
      chinese: '今天环洱海骑了一圈',
    });
  });
});

describe('clockTime', () => {
  it('writes m:ss under an hour, with the seconds rounded down', () => {
    expect(clockTime(0)).toBe('0:00');
    expect(clockTime(9.99)).toBe('0:09');
    expect(clockTime(65.9)).toBe('1:05');
    expect(clockTime(600)).toBe('10:00');
    expect(clockTime(3599)).toBe('59:59');
  });

  it('writes h:mm:ss from an hour on', () => {
    expect(clockTime(3600)).toBe('1:00:00');
    expect(clockTime(3725)).toBe('1:02:05');
  });

  it('writes 0:00 for a time before the start', () => {
    expect(clockTime(-1)).toBe('0:00');
    expect(clockTime(-0.5)).toBe('0:00');
  });
});
