// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CueLines } from '../video/cue-lines';
import { VideoTranscript, type TranscriptState, type VideoTranscriptProps } from './VideoTranscript';

const container = document.createElement('div');
document.body.append(container);

afterEach(async () => {
  getSelection()?.removeAllRanges();
  await act(() => render(null, container));
});

/** A Chinese track being translated: one cue translated, one on its way, one failed. */
const CUES: CueLines[] = [
  { start: 0, end: 2.5, english: { kind: 'text', text: 'Rode all the way around Erhai today' }, chinese: '今天环洱海骑了一圈' },
  { start: 65.9, end: 68, english: { kind: 'pending' }, chinese: '风吹过来真的好治愈' },
  { start: 3725, end: 3727, english: { kind: 'failed', message: 'offline' }, chinese: '看这个水' },
];

async function show(state: TranscriptState, props: Partial<Omit<VideoTranscriptProps, 'state'>> = {}) {
  const all: VideoTranscriptProps = { state, onSeek: vi.fn(), onRetry: vi.fn(), onRetryCue: vi.fn(), ...props };
  await act(() => render(<VideoTranscript {...all} />, container));
  return all;
}

const ready = (current = -1, cues = CUES): TranscriptState => ({ status: 'ready', cues, current, source: 'RedNote’s Chinese subtitles, translated by Google' });

const root = () => container.querySelector<HTMLElement>('.rb-transcript')!;
const items = () => [...container.querySelectorAll<HTMLLIElement>('li[data-cue]')];
const item = (index: number) => items()[index]!;
const timeButton = (index: number) => item(index).querySelector<HTMLButtonElement>('button.time')!;

describe('VideoTranscript while loading or without cues', () => {
  it('says the subtitles are loading, as a busy status', async () => {
    await show({ status: 'loading' });
    expect(root().getAttribute('data-state')).toBe('loading');
    expect(root().getAttribute('aria-label')).toBe('Transcript');
    expect(root().querySelector('h3')!.textContent).toBe('Transcript');
    const status = container.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(status.textContent).toBe('Loading this video’s subtitles…');
    expect(container.querySelector('ol, [role="alert"], button')).toBeNull();
  });

  it('says the video has no subtitles', async () => {
    await show({ status: 'none' });
    expect(root().getAttribute('data-state')).toBe('none');
    const status = container.querySelector('[role="status"][data-no-subtitles]')!;
    expect(status.textContent).toBe('No subtitles for this video');
    expect(status.hasAttribute('aria-busy')).toBe(false);
    expect(container.querySelector('ol, [role="alert"], button')).toBeNull();
  });

  it('says why the subtitles failed to load, and loads them again on Retry', async () => {
    const { onRetry, onSeek, onRetryCue } = await show({ status: 'failed', message: 'RedNote no longer serves this video’s subtitle files.' });
    expect(root().getAttribute('data-state')).toBe('failed');
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.querySelector('span')!.textContent).toBe('RedNote no longer serves this video’s subtitle files.');
    const retry = alert.querySelector<HTMLButtonElement>('button[data-retry]')!;
    expect(retry.textContent).toBe('Retry');
    expect(retry.type).toBe('button');
    expect(container.querySelector('[role="status"], ol')).toBeNull();

    expect(onRetry).not.toHaveBeenCalled();
    await act(() => retry.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onSeek).not.toHaveBeenCalled();
    expect(onRetryCue).not.toHaveBeenCalled();
  });
});

describe('VideoTranscript with its cues', () => {
  it('lists every cue with its time, Chinese and English, under where the cues come from', async () => {
    await show(ready());
    expect(root().getAttribute('data-state')).toBe('ready');
    expect(container.querySelector('.source')!.textContent).toBe('RedNote’s Chinese subtitles, translated by Google');
    expect(container.querySelector('[role="status"]')).toBeNull();
    expect(items().map((li) => [li.getAttribute('data-cue'), li.querySelector('.time')!.textContent, li.querySelector('.zh')?.textContent, li.querySelector('.en')!.textContent])).toEqual([
      ['0', '0:00', '今天环洱海骑了一圈', 'Rode all the way around Erhai today'],
      ['1', '1:05', '风吹过来真的好治愈', 'Translating…'],
      ['2', '1:02:05', '看这个水', 'Couldn’t translate: offline Retry'],
    ]);
    expect(item(0).querySelector('.zh')!.getAttribute('lang')).toBe('zh-CN');
    expect(item(0).querySelector('.en')!.getAttribute('lang')).toBe('en');
    expect(item(1).querySelector('.en')!.classList.contains('pending')).toBe(true);
    expect(timeButton(1).getAttribute('aria-label')).toBe('Play from 1:05');
    expect(timeButton(2).getAttribute('aria-label')).toBe('Play from 1:02:05');
  });

  it('leaves out the Chinese line of a cue without Chinese', async () => {
    await show(ready(-1, [{ start: 4, end: 6, english: { kind: 'text', text: 'Thanks for watching' }, chinese: null }]));
    expect(item(0).querySelector('.zh')).toBeNull();
    expect(item(0).querySelector('.en')!.textContent).toBe('Thanks for watching');
  });

  it('marks the cue playing, and only it', async () => {
    await show(ready(1));
    expect(items().map((li) => li.getAttribute('aria-current'))).toEqual([null, 'true', null]);
    await show(ready(2));
    expect(items().map((li) => li.getAttribute('aria-current'))).toEqual([null, null, 'true']);
    await show(ready(-1));
    expect(items().some((li) => li.hasAttribute('aria-current'))).toBe(false);
  });

  it('plays from a cue’s start when its time is clicked', async () => {
    const { onSeek } = await show(ready());
    await act(() => timeButton(1).click());
    expect(onSeek).toHaveBeenCalledTimes(1);
    expect(onSeek).toHaveBeenCalledWith(65.9);
    expect(timeButton(2).getAttribute('data-seek')).toBe('3725');
  });

  it('explains a translated cue’s slang under its English, and opening the note does not play', async () => {
    const slangCue: CueLines = {
      start: 9,
      end: 11,
      english: { kind: 'text', text: 'So good', slang: [{ term: '绝绝子', meaning: 'amazing' }] },
      chinese: '绝绝子',
    };
    const { onSeek } = await show(ready(-1, [slangCue]));
    const summary = item(0).querySelector<HTMLElement>('details.slang summary')!;
    expect(summary.textContent).toContain('绝绝子');
    expect(item(0).querySelector('details.slang dd')!.textContent).toBe('amazing');
    await act(() => summary.click());
    expect(onSeek).not.toHaveBeenCalled();
  });

  it('plays from a cue’s start when its line is clicked elsewhere than a button', async () => {
    const { onSeek } = await show(ready());
    await act(() => item(0).querySelector<HTMLElement>('.zh')!.click());
    expect(onSeek).toHaveBeenCalledTimes(1);
    expect(onSeek).toHaveBeenLastCalledWith(0);
    await act(() => item(2).querySelector<HTMLElement>('.en span')!.click());
    expect(onSeek).toHaveBeenCalledTimes(2);
    expect(onSeek).toHaveBeenLastCalledWith(3725);
  });

  it('does not play when the reader has selected text in a line', async () => {
    const { onSeek } = await show(ready());
    const zh = item(0).querySelector('.zh')!;
    const range = document.createRange();
    range.selectNodeContents(zh);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    expect(getSelection()!.isCollapsed).toBe(false);
    await act(() => (zh as HTMLElement).click());
    expect(onSeek).not.toHaveBeenCalled();
  });

  it('says why a cue’s translation failed, and translates that cue again on its Retry without playing', async () => {
    const { onRetryCue, onSeek, onRetry } = await show(ready());
    const failed = item(2).querySelector('.en.failed')!;
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.querySelector('span')!.textContent).toBe('Couldn’t translate: offline');
    const retry = failed.querySelector<HTMLButtonElement>('button[data-retry-cue]')!;
    expect(retry.textContent).toBe('Retry');
    expect(retry.getAttribute('data-retry-cue')).toBe('2');
    // Only the failed cue has a Retry.
    expect(container.querySelectorAll('button.retry')).toHaveLength(1);

    await act(() => retry.click());
    expect(onRetryCue).toHaveBeenCalledTimes(1);
    expect(onRetryCue).toHaveBeenCalledWith(2);
    expect(onSeek).not.toHaveBeenCalled();
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('writes cues, errors and the source as text, never as markup', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    await show({
      status: 'ready',
      current: 0,
      source: `<i>${markup}</i>`,
      cues: [
        { start: 0, end: 1, english: { kind: 'text', text: markup }, chinese: `<b>${markup}</b>` },
        { start: 1, end: 2, english: { kind: 'failed', message: markup }, chinese: null },
      ],
    });
    expect(container.querySelector('.source')!.textContent).toBe(`<i>${markup}</i>`);
    expect(item(0).querySelector('.zh')!.textContent).toBe(`<b>${markup}</b>`);
    expect(item(0).querySelector('.en')!.textContent).toBe(markup);
    expect(item(1).querySelector('.en span')!.textContent).toBe(`Couldn’t translate: ${markup}`);
    expect(container.querySelector('img, b, i')).toBeNull();

    await show({ status: 'failed', message: markup });
    expect(container.querySelector('[role="alert"] span')!.textContent).toBe(markup);
    expect(container.querySelector('img')).toBeNull();
  });
});
