/**
 * How the content script reads a video note's subtitle tracks from RedNote's page state, which
 * its isolated world cannot see (issue 31):
 * - Chrome: a tiny MAIN-world script (`entrypoints/video-state.content.ts`) answers a request
 *   event with the note's `subtitles` map as a JSON string, and nothing else of the state;
 * - Firefox: the content script reads the state itself through `window.wrappedJSObject`.
 * Either way the page can forge what arrives: it goes through `tracksOf`, so only well-formed
 * tracks on RedNote's subtitle CDNs come out.
 */
import type { SubtitleTrack } from '../types';
import { tracksOf } from './video-state';
import { subtitlesInState } from './video-state-path';

export const SUBTITLES_REQUEST = 'redbridge:subtitles-request';
export const SUBTITLES_ANSWER = 'redbridge:subtitles';
/** An answer longer than this is not a track list. */
const MAX_ANSWER_CHARS = 100_000;
/** The MAIN-world script answers within the same task; this only bounds a page that swallowed the request. */
const ANSWER_TIMEOUT_MS = 500;

type StateWindow = Window & { __INITIAL_STATE__?: unknown };

/** The MAIN world's side: answers every request for as long as the page lives. */
export function answerSubtitleRequests(win: StateWindow): () => void {
  const onRequest = (event: Event) => {
    const noteId = (event as CustomEvent<unknown>).detail;
    if (typeof noteId !== 'string') return;
    let subtitles: unknown = null;
    try {
      subtitles = subtitlesInState(win.__INITIAL_STATE__, noteId);
    } catch {
      // A getter of the page's store threw: no tracks from here.
    }
    win.dispatchEvent(new CustomEvent(SUBTITLES_ANSWER, { detail: JSON.stringify({ noteId, subtitles }) }));
  };
  win.addEventListener(SUBTITLES_REQUEST, onRequest);
  return () => win.removeEventListener(SUBTITLES_REQUEST, onRequest);
}

/**
 * The tracks the page state lists for `noteId` ([] for a video without any), or null when the
 * state has no video data for it. Given at once when the page's world answers at once (it
 * does, when its script is there): the request for the files then leaves in the same task,
 * ahead of whatever else the page's change set off. Otherwise a promise, bounded by `timeoutMs`.
 */
export function pageSubtitleTracks(win: Window, noteId: string, timeoutMs = ANSWER_TIMEOUT_MS): SubtitleTrack[] | null | Promise<SubtitleTrack[] | null> {
  const wrapped = (win as { wrappedJSObject?: StateWindow }).wrappedJSObject;
  if (wrapped) {
    try {
      const subtitles = subtitlesInState(wrapped.__INITIAL_STATE__, noteId);
      return subtitles === null ? null : tracksOf(subtitles);
    } catch {
      return null;
    }
  }
  const answered: { tracks?: SubtitleTrack[] | null } = {};
  const pending = new Promise<SubtitleTrack[] | null>((resolve) => {
    const done = (tracks: SubtitleTrack[] | null) => {
      clearTimeout(timer);
      win.removeEventListener(SUBTITLES_ANSWER, onAnswer);
      answered.tracks = tracks;
      resolve(tracks);
    };
    const onAnswer = (event: Event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail !== 'string' || detail.length > MAX_ANSWER_CHARS) return;
      let answer: { noteId?: unknown; subtitles?: unknown };
      try {
        answer = JSON.parse(detail) as typeof answer;
      } catch {
        return;
      }
      if (answer === null || typeof answer !== 'object' || answer.noteId !== noteId) return;
      done(answer.subtitles === null || answer.subtitles === undefined ? null : tracksOf(answer.subtitles));
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    win.addEventListener(SUBTITLES_ANSWER, onAnswer);
    win.dispatchEvent(new CustomEvent(SUBTITLES_REQUEST, { detail: noteId }));
  });
  // The page's world answers within dispatchEvent, when it answers at all.
  return answered.tracks === undefined ? pending : answered.tracks;
}
