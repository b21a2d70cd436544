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
import { trackCandidates, type TrackCandidate } from './track-choice';

/**
 * Why a track could not be read. `gone`: the CDN refused it for good (403, 404, 410);
 * `no-state`: the note's own page, read for its tracks, held no video data for the note.
 */
export type SubtitleFailure = 'gone' | 'http' | 'timeout' | 'network' | 'too-large' | 'not-srt' | 'empty' | 'no-state';

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
  | {
      ok: true;
      /** The track shown (its address is not needed past the fetch, and expires). */
      track: Pick<SubtitleTrack, 'group' | 'language'>;
      /** Whether `cues` are Chinese, to be translated; false for an English track. */
      translate: boolean;
      cues: Cue[];
      fromCache: boolean;
      /** With an English track: a Chinese track's cues, for the Chinese line and the transcript, where one could be read. */
      chinese?: Cue[];
    }
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

/** The tracks a video note's subtitles are usually cached under, English first: tried when the page gave no tracks. */
const USUAL_TRACKS: readonly Pick<SubtitleTrack, 'group' | 'language'>[] = [
  { group: 'en-US', language: 'en-US' },
  { group: 'zh-CN', language: 'zh-CN' },
  { group: 'source', language: 'zh-CN' },
];

/** A failing cache never stops the subtitles: they are fetched instead. */
const cachedCues = (cache: SubtitleLoaderDeps['cache'], noteId: string, track: Pick<SubtitleTrack, 'group' | 'language'>) =>
  cache.get(subtitleKey(noteId, track)).catch(() => undefined);

const isEnglishGroup = (group: string) => /^en\b/i.test(group);

/**
 * The cues of one Chinese track, for the Chinese beside an English track's cues; null when none
 * can be read. Fetched only along with the English (`fetch`): a reopened note whose Chinese
 * could not be read makes no request for it.
 */
async function chineseCues(
  noteId: string,
  candidates: readonly TrackCandidate[],
  deps: Required<SubtitleLoaderDeps>,
  fetch: boolean,
): Promise<{ track: SubtitleTrack; cues: Cue[]; fromCache: boolean } | null> {
  for (const { track } of candidates.filter((candidate) => candidate.translate)) {
    const cached = await cachedCues(deps.cache, noteId, track);
    if (cached) return { track, cues: cached, fromCache: true };
    if (!fetch) continue;
    try {
      const cues = await readTrack(track, deps.fetchText);
      void deps.cache.put(subtitleKey(noteId, track), cues).catch(() => undefined);
      return { track, cues, fromCache: false };
    } catch {
      // The Chinese is a companion to the English: without it, the English still shows.
    }
  }
  return null;
}

/** With `tracks` null (the page had no video data for the note): what the cache holds for it, with its Chinese companion. */
async function fromCacheAlone(noteId: string, cache: SubtitleLoaderDeps['cache']): Promise<SubtitleOutcome | null> {
  // Asked all at once: a note opened over the feed waits for these before its page is read.
  const found = await Promise.all(USUAL_TRACKS.map((track) => cachedCues(cache, noteId, track)));
  const index = found.findIndex((cues) => cues !== undefined);
  if (index < 0) return null;
  const track = USUAL_TRACKS[index]!;
  const translate = !isEnglishGroup(track.group);
  const chinese = translate ? undefined : found.slice(1).find((cues) => cues !== undefined);
  return { ok: true, track, translate, cues: found[index]!, fromCache: true, ...(chinese ? { chinese } : {}) };
}

/**
 * A note's subtitles: the first of `trackCandidates(tracks)` the cache has or its CDN serves;
 * with an English track, a Chinese one too where one can be read. `tracks` null: the page has
 * no video data for the note, so the cache is asked first and then `notePage` lists them.
 */
export async function loadSubtitles(
  noteId: string,
  tracks: readonly unknown[] | null,
  { cache, fetchText = fetchSubtitleText, notePage }: SubtitleLoaderDeps & { notePage?: () => Promise<SubtitleTrack[]> },
): Promise<SubtitleOutcome> {
  let listed = tracks;
  if (listed === null) {
    const cached = await fromCacheAlone(noteId, cache);
    if (cached) return cached;
    if (!notePage) return { ok: false, reason: 'unavailable', tried: [{ group: 'page', failure: 'network' }] };
    try {
      listed = await notePage();
    } catch (error) {
      return { ok: false, reason: 'unavailable', tried: [{ group: 'page', failure: error instanceof SubtitleFetchError ? error.failure : 'network' }] };
    }
  }
  const valid = listed.map(validTrack).filter((track): track is SubtitleTrack => track !== null);
  const candidates = trackCandidates(valid);
  if (candidates.length === 0) return { ok: false, reason: 'none', tried: [] };
  const tried: { group: string; failure: SubtitleFailure }[] = [];
  for (const { track, translate } of candidates) {
    let cues = await cachedCues(cache, noteId, track);
    const fromCache = cues !== undefined;
    // An English track's Chinese companion is read alongside it, not after: the first cue waits for the slower of the two, not for both.
    const chinese = translate ? Promise.resolve(null) : chineseCues(noteId, candidates, { cache, fetchText }, !fromCache);
    if (!cues) {
      try {
        cues = await readTrack(track, fetchText);
        // The answer does not wait for the cache: IndexedDB keeps the write ahead of any later read.
        void cache.put(subtitleKey(noteId, track), cues).catch(() => undefined);
      } catch (error) {
        tried.push({ group: track.group, failure: error instanceof SubtitleFetchError ? error.failure : 'network' });
        // The Chinese read alongside is the next choice: shown, translated, with no second read.
        const fallback = await chinese;
        if (fallback) return { ok: true, track: { group: fallback.track.group, language: fallback.track.language }, translate: true, cues: fallback.cues, fromCache: fallback.fromCache };
        continue;
      }
    }
    const companion = await chinese;
    return { ok: true, track: { group: track.group, language: track.language }, translate, cues, fromCache, ...(companion ? { chinese: companion.cues } : {}) };
  }
  return { ok: false, reason: 'unavailable', tried };
}
