import type { SubtitleTrack } from '../sites/types';

/** A track to try, and whether its cues need translating into English. */
export interface TrackCandidate {
  track: SubtitleTrack;
  translate: boolean;
}

const isEnglish = (track: SubtitleTrack) => /^en\b/i.test(track.language) || /^en\b/i.test(track.group);
const rank = (track: SubtitleTrack) => (isEnglish(track) ? 0 : track.group === 'zh-CN' ? 1 : track.group === 'source' ? 2 : 3);

/**
 * The order to try a video's tracks in: an English track first (shown as it is, no backend
 * request), then `zh-CN`, then `source`, then any other group, each translated. A track that
 * cannot be fetched gives way to the next; the same file listed under two groups is tried once.
 */
export function trackCandidates(tracks: readonly SubtitleTrack[]): TrackCandidate[] {
  const seen = new Set<string>();
  return [...tracks]
    .map((track, index) => ({ track, index }))
    .sort((a, b) => rank(a.track) - rank(b.track) || a.index - b.index)
    .filter(({ track }) => !seen.has(track.url) && seen.add(track.url))
    .map(({ track }) => ({ track, translate: !isEnglish(track) }));
}
