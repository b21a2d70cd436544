import type { Cue } from './srt';

/**
 * The index of the cue showing at `time` seconds in `cues` (sorted by start), or -1 between
 * cues. A cue shows from its start (inclusive) to its end (exclusive), so at the instant one
 * cue ends and the next begins, the next one shows; where cues overlap, the later-starting one.
 */
export function cueIndexAt(cues: readonly Cue[], time: number): number {
  let low = 0;
  let high = cues.length - 1;
  let found = -1;
  // The last cue that starts at or before `time`.
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (cues[middle]!.start <= time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && time < cues[found]!.end ? found : -1;
}
