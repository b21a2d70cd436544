/**
 * A video note opened as a modal from the feed may have no video data in the page's live store
 * (issue 31): its subtitle tracks are then read from the note's own page, fetched in the
 * background with the reader's session, as the site would load it, and parsed like any page
 * state. Only the site the request came from is fetched, at the note's own address.
 */
import type { SubtitleTrack } from '../sites/types';
import { parseInitialState, subtitleTracksOf } from '../sites/xiaohongshu/video-state';
import { SubtitleFetchError } from './subtitle-loader';

/** RedNote's sites, as the address bar shows them: the only origins a note page is fetched from. */
export const REDNOTE_ORIGINS: readonly string[] = ['https://www.xiaohongshu.com', 'https://www.rednote.com'];
export const isRedNoteOrigin = (origin: string): boolean => REDNOTE_ORIGINS.includes(origin);
/** A note page is a few hundred kilobytes; this leaves room and stops a runaway answer. */
export const MAX_NOTE_PAGE_CHARS = 8_000_000;
export const NOTE_PAGE_TIMEOUT_MS = 10_000;

const NOTE_ID = /^[0-9a-f]{24}$/;
const XSEC_TOKEN = /^[\w=+/-]{1,200}$/;

/**
 * The note's page on `origin` (the requesting tab's), or null when `isNoteOrigin` refuses the
 * origin or the id or token is not well formed: a page cannot point this fetch elsewhere.
 */
export function notePageUrl(origin: string, noteId: string, xsecToken: string, isNoteOrigin = isRedNoteOrigin): string | null {
  if (!isNoteOrigin(origin) || !NOTE_ID.test(noteId) || !XSEC_TOKEN.test(xsecToken)) return null;
  return `${origin}/explore/${noteId}?xsec_token=${encodeURIComponent(xsecToken)}&xsec_source=pc_feed`;
}

/** The page's HTML; throws SubtitleFetchError. The site may redirect (rednote.com to `/discovery/item/…`), but not off its origin. */
export async function fetchNotePage(url: string, timeoutMs = NOTE_PAGE_TIMEOUT_MS): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', signal });
  } catch (error) {
    throw signal.aborted ? new SubtitleFetchError('timeout', `no answer within ${timeoutMs} ms`) : new SubtitleFetchError('network', String(error));
  }
  if (new URL(response.url || url).origin !== new URL(url).origin) throw new SubtitleFetchError('http', 'the note page moved to another site');
  if (!response.ok) throw new SubtitleFetchError([403, 404, 410].includes(response.status) ? 'gone' : 'http', `HTTP ${response.status}`);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw signal.aborted ? new SubtitleFetchError('timeout', `page not complete within ${timeoutMs} ms`) : new SubtitleFetchError('network', String(error));
  }
  if (text.length > MAX_NOTE_PAGE_CHARS) throw new SubtitleFetchError('too-large', `page too large: ${text.length} characters`);
  return text;
}

/** The tracks the note's page lists ([] for a video with none); throws SubtitleFetchError when the page holds no state for the note. */
export async function notePageTracks(url: string, noteId: string, fetchText: (url: string) => Promise<string> = fetchNotePage): Promise<SubtitleTrack[]> {
  const tracks = subtitleTracksOf(parseInitialState(await fetchText(url)), noteId);
  if (tracks === null) throw new SubtitleFetchError('no-state', 'the note page has no video data for this note');
  return tracks;
}
