// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, loadHtml, loadPage, usePageTimers } from '../../../tests/unit/fixture-page';
import { xiaohongshuVideos } from './videos';

/**
 * Which note a `<video>` plays, and where its transcript goes (issue 31). The note pages are the
 * stored fixtures, their markup made by their own inline scripts (`loadHtml` runs them):
 * video_note.html as a full-page note, feed.html?videos=1 with a video note in the feed's modal.
 * One test builds a modal by hand, from the selectors alone, for a card link of a set form.
 */
usePageTimers();

const VIDEO_PAGE = readFileSync(resolve(FIXTURES, 'video_note.html'), 'utf8');
/** video_note.html's first note (vid-01). */
const NOTE = '68f30a0000000000aa000001';
/** feed.html's first video card (pub-card-10), also the fourth note of video_note.html. */
const FEED_VIDEO = '68e8f54000000000e54aa5e2';
/** Its token, as feed.html's card and store carry it. */
const FEED_VIDEO_TOKEN = 'ABSiJxFV30WT0ApvqspLG5oP5n4ECuk2QPdWoG1YFjl=';

const startUrl = location.href;
afterEach(() => {
  history.replaceState(null, '', startUrl);
});

/** video_note.html at `address`: its script picks the note from the address, as RedNote's page does. */
function loadVideoNote(address: string): void {
  history.replaceState(null, '', address);
  loadHtml(VIDEO_PAGE);
}

const player = () => document.querySelector<HTMLVideoElement>('#noteContainer .media-container video')!;

interface FixtureWindow {
  __fixture: { openNote(id: string): void; closeNote(): void };
}
const fixture = () => (window as unknown as FixtureWindow).__fixture;

describe('xiaohongshuVideos on a full-page video note', () => {
  it('gives the player’s note id, the token from the address, and a transcript slot right after the description', () => {
    loadVideoNote(`/explore/${NOTE}?xsec_token=ABx&xsec_source=pc_feed`);
    const video = player();
    expect(video.getAttribute('data-fixture-id')).toBe('vid-01-video');
    expect(video.matches(xiaohongshuVideos.videoSelector)).toBe(true);

    const note = xiaohongshuVideos.videoNoteOf(video)!;
    expect(note).not.toBeNull();
    expect(note.video).toBe(video);
    expect(note.noteId).toBe(NOTE);
    expect(note.xsecToken).toBe('ABx');

    const desc = document.querySelector('#detail-desc')!;
    const slot = note.transcriptSlot!;
    expect(slot.parent).toBe(desc.parentElement);
    expect(slot.before).toBe(desc.nextSibling);
    expect(slot.before).toBe(document.querySelector('.note-content > .bottom-container'));
    // Put there, the transcript follows the description at once.
    const transcript = document.createElement('section');
    slot.parent.insertBefore(transcript, slot.before);
    expect(transcript.previousElementSibling).toBe(desc);
  });

  it('reads the note from /discovery/item/<id> too, and gives no token when the address has none', () => {
    loadVideoNote('/discovery/item/68f30a0000000000aa000003');
    const note = xiaohongshuVideos.videoNoteOf(player())!;
    expect(note.noteId).toBe('68f30a0000000000aa000003');
    expect(note.xsecToken).toBeNull();
  });

  it('puts the transcript after the title when the note has no description, and nowhere while it shows neither', () => {
    loadVideoNote(`/explore/${NOTE}?xsec_token=ABx`);
    document.querySelector('#detail-desc')!.remove();
    const title = document.querySelector('#detail-title')!;
    expect(xiaohongshuVideos.videoNoteOf(player())!.transcriptSlot).toEqual({ parent: title.parentElement, before: title.nextSibling });

    title.remove();
    const note = xiaohongshuVideos.videoNoteOf(player())!;
    expect(note.noteId).toBe(NOTE);
    expect(note.transcriptSlot).toBeNull();
  });

  it('gives nothing for the zero-size preloaded <video> outside #noteContainer', () => {
    loadVideoNote(`/explore/${NOTE}?xsec_token=ABx&xsec_source=pc_feed`);
    const videos = [...document.querySelectorAll('video')];
    expect(videos).toHaveLength(2);
    const preload = document.querySelector<HTMLVideoElement>('.preload video')!;
    expect(preload.closest('#noteContainer')).toBeNull();
    expect(preload.matches(xiaohongshuVideos.videoSelector)).toBe(false);
    expect(xiaohongshuVideos.videoNoteOf(preload)).toBeNull();
    // The selector finds the player alone.
    expect([...document.querySelectorAll(xiaohongshuVideos.videoSelector)]).toEqual([player()]);
  });

  it('gives nothing for an element that is not a video', () => {
    loadVideoNote(`/explore/${NOTE}?xsec_token=ABx&xsec_source=pc_feed`);
    for (const selector of ['#detail-desc', '#noteContainer', '.media-container', '.xgplayer']) {
      const element = document.querySelector(selector)!;
      expect(element, selector).not.toBeNull();
      expect(xiaohongshuVideos.videoNoteOf(element), selector).toBeNull();
    }
    // Not even one named `video` in the player, if it is not an HTML video.
    const impostor = document.createElementNS('http://www.w3.org/2000/svg', 'video');
    document.querySelector('.xgplayer')!.append(impostor);
    expect(impostor.matches(xiaohongshuVideos.videoSelector)).toBe(true);
    expect(xiaohongshuVideos.videoNoteOf(impostor)).toBeNull();
  });

  it('does not take a malformed token from the address', () => {
    loadVideoNote(`/explore/${NOTE}?xsec_token=<script>&xsec_source=pc_feed`);
    expect(new URL(location.href).searchParams.get('xsec_token')).toBe('<script>');
    const note = xiaohongshuVideos.videoNoteOf(player())!;
    expect(note.noteId).toBe(NOTE);
    expect(note.xsecToken).toBeNull();

    loadVideoNote(`/explore/${NOTE}?xsec_token=${'A'.repeat(201)}`);
    expect(xiaohongshuVideos.videoNoteOf(player())!.xsecToken).toBeNull();
  });

  it('gives nothing when the address names no note', () => {
    loadVideoNote('/xhs/video_note.html?note=68f30a0000000000aa000002');
    expect(player().getAttribute('data-fixture-id')).toBe('vid-02-video');
    expect(xiaohongshuVideos.videoNoteOf(player())).toBeNull();
  });
});

describe('xiaohongshuVideos in the feed’s note modal', () => {
  it('takes the id from the modal and the token from the address RedNote pushed, else from the note’s card', () => {
    history.replaceState(null, '', '/explore');
    loadPage('feed.html', 'videos=1');
    fixture().openNote(FEED_VIDEO);
    const video = document.querySelector<HTMLVideoElement>('.note-detail-mask #noteContainer .media-container video')!;
    expect(document.querySelector('.note-detail-mask')!.getAttribute('note-id')).toBe(FEED_VIDEO);

    // The modal's address: /explore/<id>?xsec_token=…
    expect(location.pathname).toBe(`/explore/${FEED_VIDEO}`);
    const note = xiaohongshuVideos.videoNoteOf(video)!;
    expect(note.noteId).toBe(FEED_VIDEO);
    expect(note.xsecToken).toBe(FEED_VIDEO_TOKEN);
    const desc = document.querySelector('.note-detail-mask #detail-desc')!;
    expect(note.transcriptSlot).toEqual({ parent: desc.parentElement, before: desc.nextSibling });

    // An address without the note (the feed's own): the token is the card's.
    history.replaceState(history.state, '', '/explore?channel_id=homefeed_recommend');
    expect(xiaohongshuVideos.videoNoteOf(video)).toMatchObject({ noteId: FEED_VIDEO, xsecToken: FEED_VIDEO_TOKEN });
    fixture().closeNote();
  });

  /** A modal built from the selectors: the mask with the note's id, its player, and the feed's cards. */
  function buildModal(noteId: string, cardHrefs: string[]): HTMLVideoElement {
    document.body.innerHTML = `
      <div class="feeds-container">
        ${cardHrefs.map((href) => `<section class="note-item"><div><a class="cover mask ld" href="${href}"><img></a></div></section>`).join('')}
      </div>
      <div class="note-detail-mask" note-id="${noteId}">
        <div id="noteContainer" class="note-container" data-type="video">
          <div class="media-container"><div class="player-container"><div class="xgplayer"><video></video></div></div></div>
          <div class="interaction-container"><div class="note-content">
            <div id="detail-title">title</div><div id="detail-desc">desc</div><div class="bottom-container"></div>
          </div></div>
        </div>
      </div>`;
    return document.querySelector('video')!;
  }

  const MODAL_NOTE = '68f30a0000000000aa000002';

  it('takes the id from the modal’s note-id and the token from the note’s card when the address has none', () => {
    history.replaceState(null, '', '/explore');
    const video = buildModal(MODAL_NOTE, [
      '/explore/68f30a0000000000aa000009?xsec_token=OTHER&xsec_source=pc_feed',
      `/explore/${MODAL_NOTE}?xsec_token=TOK&xsec_source=pc_feed`,
    ]);
    const note = xiaohongshuVideos.videoNoteOf(video)!;
    expect(note.noteId).toBe(MODAL_NOTE);
    expect(note.xsecToken).toBe('TOK');
    const desc = document.querySelector('#detail-desc')!;
    expect(note.transcriptSlot).toEqual({ parent: desc.parentElement, before: desc.nextSibling });
  });

  it('prefers the modal’s note-id to the address’s, and takes no token of another note', () => {
    // The address still names the note opened before, with its token.
    history.replaceState(null, '', `/explore/${NOTE}?xsec_token=ABx&xsec_source=pc_feed`);
    const video = buildModal(MODAL_NOTE, ['/explore/68f30a0000000000aa000009?xsec_token=OTHER&xsec_source=pc_feed']);
    const note = xiaohongshuVideos.videoNoteOf(video)!;
    expect(note.noteId).toBe(MODAL_NOTE);
    expect(note.xsecToken).toBeNull();
  });

  it('does not take a malformed token from the note’s card', () => {
    history.replaceState(null, '', '/explore');
    const video = buildModal(MODAL_NOTE, [`/explore/${MODAL_NOTE}?xsec_token=%3Cscript%3E&xsec_source=pc_feed`]);
    expect(xiaohongshuVideos.videoNoteOf(video)).toMatchObject({ noteId: MODAL_NOTE, xsecToken: null });
  });

  it('gives nothing for a modal whose note-id is not a note id', () => {
    history.replaceState(null, '', `/explore/${NOTE}?xsec_token=ABx`);
    const video = buildModal('not-a-note', []);
    expect(xiaohongshuVideos.videoNoteOf(video)).toBeNull();
  });
});
