import type { Slot, VideoNote, VideoSite } from '../types';
import { NOTE_PATH, SELECTORS } from './selectors';
import { pageSubtitleTracks } from './video-state-bridge';

const NOTE_ID = /^[0-9a-f]{24}$/;
/** RedNote's tokens are URL-safe base64 with `=` padding; anything else is not one. */
const XSEC_TOKEN = /^[\w=+/-]{1,200}$/;

function tokenIn(href: string, noteId: string): string | null {
  try {
    const url = new URL(href, location.href);
    if (NOTE_PATH.exec(url.pathname)?.[1] !== noteId) return null;
    const token = url.searchParams.get('xsec_token');
    return token && XSEC_TOKEN.test(token) ? token : null;
  } catch {
    return null;
  }
}

/** The note's token: from the address (a note page, or the feed's modal after its pushState), else from its card. */
function xsecTokenOf(noteId: string): string | null {
  const fromAddress = tokenIn(location.href, noteId);
  if (fromAddress) return fromAddress;
  for (const link of document.querySelectorAll<HTMLAnchorElement>(SELECTORS.cardCoverLink)) {
    const token = tokenIn(link.getAttribute('href') ?? '', noteId);
    if (token) return token;
  }
  return null;
}

/** Under the note's text (its description, else its title); null while the note shows neither. */
function transcriptSlotOf(container: Element): Slot | null {
  const text = container.querySelector(SELECTORS.noteDesc) ?? container.querySelector(SELECTORS.noteTitle);
  return text?.parentElement ? { parent: text.parentElement, before: text.nextSibling } : null;
}

/** RedNote's video notes: the feed's modal and the full-page note alike, on both sites. */
export const xiaohongshuVideos: VideoSite = {
  videoSelector: SELECTORS.noteVideo,

  videoNoteOf(element): VideoNote | null {
    if (!(element instanceof HTMLVideoElement) || !element.matches(SELECTORS.noteVideo)) return null;
    const container = element.closest(SELECTORS.noteContainer)!;
    const noteId = element.closest(SELECTORS.noteModal)?.getAttribute('note-id') ?? NOTE_PATH.exec(location.pathname)?.[1] ?? null;
    if (!noteId || !NOTE_ID.test(noteId)) return null;
    return { video: element, noteId, xsecToken: xsecTokenOf(noteId), transcriptSlot: transcriptSlotOf(container) };
  },

  pageTracks: (noteId) => pageSubtitleTracks(window, noteId),
};
