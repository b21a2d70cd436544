import type { SubtitleTrack } from '../types';
import { subtitlesInState } from './video-state-path';

/**
 * A video note's subtitle tracks, from RedNote's page state (issue 31; ../shared/xhs/README.md
 * §7). The state is the page's, and the page can forge it: everything read here is checked, and
 * a track's URL must be an https address on RedNote's subtitle CDNs.
 */

/** `sns-subtitle-hw.xhscdn.com`, `sns-subtitle-qc.rednotecdn.com`… */
const SUBTITLE_HOST = /^sns-subtitle-[a-z0-9-]{1,30}\.(?:xhscdn|rednotecdn)\.com$/;
const GROUP = /^[A-Za-z0-9_-]{1,20}$/;
/** `format` 0 is SRT, the only one seen on real pages. */
const SRT_FORMAT = 0;
const MAX_TRACKS = 12;
const MAX_URL_LENGTH = 2000;

/** Whether `url` is one RedBridge may fetch subtitles from. */
export function isSubtitleUrl(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && SUBTITLE_HOST.test(parsed.hostname);
  } catch {
    return false;
  }
}

const MARKER = 'window.__INITIAL_STATE__=';

/**
 * The `window.__INITIAL_STATE__` of a note page's HTML, or null when the page has none or it
 * cannot be read. The literal is JavaScript, not JSON: it holds bare `undefined`, which becomes
 * null here (outside strings only); `\u002F` escapes are JSON already.
 */
export function parseInitialState(html: string): unknown {
  const start = html.indexOf(MARKER);
  if (start < 0) return null;
  const end = html.indexOf('</script>', start);
  const literal = html.slice(start + MARKER.length, end < 0 ? undefined : end).trim().replace(/;\s*$/, '');
  try {
    return JSON.parse(undefinedToNull(literal));
  } catch {
    return null;
  }
}

function undefinedToNull(literal: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < literal.length; i += 1) {
    const char = literal[i]!;
    if (inString) {
      out += char;
      if (char === '\\') out += literal[++i] ?? '';
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (literal.startsWith('undefined', i) && !/[\w$]/.test(literal[i - 1] ?? '') && !/[\w$]/.test(literal[i + 9] ?? '')) {
      out += 'null';
      i += 8;
    } else {
      out += char;
    }
  }
  return out;
}

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;

/**
 * The subtitle tracks of note `noteId` in a page state (see `subtitlesInState`): null when the
 * state has no video data for the note (look elsewhere), [] when it has the video but no
 * usable tracks. Tracks come in the state's order; invalid ones are left out.
 */
export function subtitleTracksOf(state: unknown, noteId: string): SubtitleTrack[] | null {
  const subtitles = subtitlesInState(state, noteId);
  return subtitles === null ? null : tracksOf(subtitles);
}

/** The valid tracks of a `subtitles` map (group → list of tracks), e.g. as the page's own script hands them over. */
export function tracksOf(subtitles: unknown): SubtitleTrack[] {
  if (subtitles === null || typeof subtitles !== 'object' || Array.isArray(subtitles)) return [];
  const tracks: SubtitleTrack[] = [];
  for (const [group, list] of Object.entries(subtitles)) {
    if (!GROUP.test(group) || !Array.isArray(list)) continue;
    for (const entry of list) {
      const format = field(entry, 'format');
      if (format !== undefined && format !== SRT_FORMAT) continue;
      const language = field(entry, 'language');
      const track = validTrack({ group, language: typeof language === 'string' && GROUP.test(language) ? language : group, url: field(entry, 'url') });
      if (track && tracks.length < MAX_TRACKS) tracks.push(track);
    }
  }
  return tracks;
}

/** `value` as a track if its group and language are plain names and its URL is on the subtitle CDNs, else null. */
export function validTrack(value: unknown): SubtitleTrack | null {
  const group = field(value, 'group');
  const language = field(value, 'language');
  const url = field(value, 'url');
  if (typeof group !== 'string' || !GROUP.test(group) || typeof language !== 'string' || !GROUP.test(language)) return null;
  if (typeof url !== 'string' || !isSubtitleUrl(url)) return null;
  return { group, language, url };
}
