/**
 * Loads a video note's subtitles in the background (issue 31): the first track of
 * `trackCandidates` that the cache has or that its CDN serves as SRT with some words. The
 * tracks come from the page, which can forge them: each is checked again here, and only
 * RedNote's subtitle CDNs are ever fetched. What is cached is the cues, by note and track.
 */
import type { SubtitleCache } from '../cache/subtitle-cache';
import { subtitleKey } from '../cache/subtitle-cache';
import type { SubtitleTrack } from '../sites/types';
import { validTrack } from '../sites/xiaohongshu/video-state';
import { MAX_SRT_CHARS, parseSrt, type Cue } from './srt';
import { trackCandidates } from './track-choice';

/** Why a track could not be read. `gone`: the CDN refused it for good (403, 404, 410). */
export type SubtitleFailure = 'gone' | 'http' | 'timeout' | 'network' | 'too-large' | 'not-srt' | 'empty';

export class SubtitleFetchError extends Error {
  constructor(
    readonly failure: SubtitleFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SubtitleFetchError';
  }
}

export type SubtitleOutcome =
  | { ok: true; track: SubtitleTrack; translate: boolean; cues: Cue[]; fromCache: boolean }
  /** `none`: the note lists no usable track; `unavailable`: none of its tracks could be read (`tried` says why, in order). */
  | { ok: false; reason: 'none' | 'unavailable'; tried: { group: string; failure: SubtitleFailure }[] };

export const SUBTITLE_TIMEOUT_MS = 10_000;

/** The text of a subtitle file; throws SubtitleFetchError. No cookies go with it, and a redirect is refused. */
export async function fetchSubtitleText(url: string, timeoutMs = SUBTITLE_TIMEOUT_MS): Promise<string> {
  let response: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    response = await fetch(url, { credentials: 'omit', redirect: 'error', signal });
  } catch (error) {
    throw signal.aborted ? new SubtitleFetchError('timeout', `no answer within ${timeoutMs} ms`) : new SubtitleFetchError('network', String(error));
  }
  if ([403, 404, 410].includes(response.status)) throw new SubtitleFetchError('gone', `HTTP ${response.status}`);
  if (!response.ok) throw new SubtitleFetchError('http', `HTTP ${response.status}`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_SRT_CHARS * 4) throw new SubtitleFetchError('too-large', 'file too large');
  try {
    return await response.text();
  } catch (error) {
    throw signal.aborted ? new SubtitleFetchError('timeout', `body not complete within ${timeoutMs} ms`) : new SubtitleFetchError('network', String(error));
  }
}

export interface SubtitleLoaderDeps {
  cache: Pick<SubtitleCache, 'get' | 'put'>;
  fetchText?: (url: string) => Promise<string>;
}

async function readTrack(track: SubtitleTrack, fetchText: (url: string) => Promise<string>): Promise<Cue[]> {
  const text = await fetchText(track.url);
  if (text.length > MAX_SRT_CHARS) throw new SubtitleFetchError('too-large', `file too large: ${text.length} characters`);
  let cues: Cue[];
  try {
    cues = parseSrt(text);
  } catch (error) {
    throw new SubtitleFetchError('not-srt', String(error));
  }
  if (cues.length === 0) throw new SubtitleFetchError('empty', 'no words in the file');
  return cues;
}

export async function loadSubtitles(noteId: string, tracks: readonly unknown[], { cache, fetchText = fetchSubtitleText }: SubtitleLoaderDeps): Promise<SubtitleOutcome> {
  const valid = tracks.map(validTrack).filter((track): track is SubtitleTrack => track !== null);
  const candidates = trackCandidates(valid);
  if (candidates.length === 0) return { ok: false, reason: 'none', tried: [] };
  const tried: { group: string; failure: SubtitleFailure }[] = [];
  for (const { track, translate } of candidates) {
    const key = subtitleKey(noteId, track);
    // A failing cache never stops the subtitles: they are fetched instead.
    const cached = await cache.get(key).catch(() => undefined);
    if (cached) return { ok: true, track, translate, cues: cached, fromCache: true };
    try {
      const cues = await readTrack(track, fetchText);
      await cache.put(key, cues).catch(() => undefined);
      return { ok: true, track, translate, cues, fromCache: false };
    } catch (error) {
      tried.push({ group: track.group, failure: error instanceof SubtitleFetchError ? error.failure : 'network' });
    }
  }
  return { ok: false, reason: 'unavailable', tried };
}
