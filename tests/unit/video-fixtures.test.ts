// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, loadHtml, loadPage, usePageTimers } from './fixture-page';

/**
 * The video pieces of the fixture pages (issue 31): feed.html's `?videos=1` player in a video
 * note's modal, and video_note.html picking its note from the address as RedNote's page does.
 */
usePageTimers();

/** feed.html's first video card (pub-card-10). */
const FEED_VIDEO = '68e8f54000000000e54aa5e2';

interface FixtureWindow {
  __fixture: { openNote(id: string): void; closeNote(): void; state: { note: { noteDetailMap: Record<string, { note: Record<string, unknown> }> } } };
}
const fixture = () => (window as unknown as FixtureWindow).__fixture;

describe('feed.html ?videos=1', () => {
  it('shows RedNote’s player in a video note’s modal, and keeps the store’s note without video data', () => {
    loadPage('feed.html', 'videos=1');
    fixture().openNote(FEED_VIDEO);
    const media = document.querySelector('.note-detail-mask #noteContainer[data-type="video"] > .media-container');
    expect(media?.querySelector('.slider-container')).toBeNull();
    const video = media?.querySelector(':scope > .player-container > .xgplayer.xgplayer-pc > video');
    expect(video?.getAttribute('src')).toBe('/xhs/video/dali.webm');
    expect(video?.getAttribute('data-fixture-id')).toBe('pub-n10-video');
    for (const attribute of ['playsinline', 'muted', 'preload', 'crossorigin']) expect(video?.hasAttribute(attribute), attribute).toBe(true);
    const note = fixture().state.note.noteDetailMap[FEED_VIDEO]?.note;
    expect(note?.type).toBe('video');
    expect(note).not.toHaveProperty('video');
    fixture().closeNote();
  });

  it('keeps the slider for an image note, and for every note without the flag', () => {
    loadPage('feed.html', 'videos=1');
    fixture().openNote('68f22fc000000000b2315042');
    expect(document.querySelector('.note-detail-mask .media-container > .slider-container')).not.toBeNull();
    expect(document.querySelector('.note-detail-mask video')).toBeNull();

    loadPage('feed.html');
    fixture().openNote(FEED_VIDEO);
    expect(document.querySelector('.note-detail-mask #noteContainer[data-type="video"] > .media-container > .slider-container')).not.toBeNull();
    expect(document.querySelector('.note-detail-mask video')).toBeNull();
  });
});

describe('video_note.html', () => {
  const page = readFileSync(resolve(FIXTURES, 'video_note.html'), 'utf8');
  const shown = () => ({
    title: document.querySelector('#detail-title')?.textContent,
    video: document.querySelector('.media-container video')?.getAttribute('data-fixture-id'),
  });

  it('picks the note from /explore/<id> and /discovery/item/<id>, before ?note=', () => {
    history.replaceState(null, '', `/explore/${FEED_VIDEO}?xsec_token=x&note=68f30a0000000000aa000002`);
    loadHtml(page);
    expect(shown()).toEqual({ title: '出租屋改造｜花了800块住出了ins风', video: 'vid-04-video' });
    expect(document.querySelector('.bottom-container .date')?.textContent).toBe('10-10 江苏');

    history.replaceState(null, '', '/discovery/item/68f30a0000000000aa000003');
    loadHtml(page);
    expect(shown()).toEqual({ title: '夜晚的古城☁️纯音乐', video: 'vid-03-video' });
  });

  it('falls back to ?note= and then to the first note', () => {
    history.replaceState(null, '', '/xhs/video_note.html?note=68f30a0000000000aa000002');
    loadHtml(page);
    expect(shown()).toEqual({ title: '喜洲粑粑探店｜咸甜都好吃', video: 'vid-02-video' });

    history.replaceState(null, '', '/xhs/video_note.html');
    loadHtml(page);
    expect(shown()).toEqual({ title: '洱海骑行vlog｜风太舒服了', video: 'vid-01-video' });
    expect(document.querySelector('.bottom-container .date')?.textContent).toBe('10-17 云南');
  });
});
