import type { TranslateOutcome } from '../messaging/wire';
import type { SlangEntry } from '../text/slang';
import { cueIndexAt } from './cue-timing';
import type { Cue } from './srt';

/** A cue's English: the track's own, a translation, on its way, or failed (with why). */
export type EnglishLine =
  /** `slang`: RedNote slang in a translated cue, explained (as under any machine translation). */
  | { kind: 'text'; text: string; slang?: SlangEntry[] }
  | { kind: 'pending' }
  | { kind: 'failed'; message: string };

/** One cue as the captions and the transcript show it. */
export interface CueLines {
  start: number;
  end: number;
  english: EnglishLine;
  /** Null when the note has no Chinese track that could be read. */
  chinese: string | null;
}

/** What the cues' lines are made from: a loaded track, and its translations when it is Chinese. */
export interface LoadedTrack {
  cues: readonly Cue[];
  /** True: `cues` are Chinese, translated through `outcomeOf`. False: they are English. */
  translate: boolean;
  /** With an English track: a Chinese track's cues, where one could be read. */
  chinese: readonly Cue[] | null;
}

/**
 * The Chinese said during an English cue: the Chinese track's cue showing at the English
 * cue's midpoint. RedNote's tracks come from one recognition, so their timings mostly agree;
 * where they do not, the midpoint still falls in the cue that says the same thing.
 */
function chineseDuring(chinese: readonly Cue[], cue: Cue): string | null {
  const index = cueIndexAt(chinese, (cue.start + cue.end) / 2);
  return index >= 0 ? chinese[index]!.text : null;
}

/** Cue `index` of `track`, with its English as far as its translation has come. */
export function cueLines(track: LoadedTrack, index: number, outcomeOf: (index: number) => TranslateOutcome | undefined): CueLines {
  const cue = track.cues[index]!;
  if (!track.translate) {
    return { start: cue.start, end: cue.end, english: { kind: 'text', text: cue.text }, chinese: track.chinese ? chineseDuring(track.chinese, cue) : null };
  }
  const outcome = outcomeOf(index);
  const english: EnglishLine = !outcome
    ? { kind: 'pending' }
    : outcome.ok
      ? { kind: 'text', text: outcome.translation, ...(outcome.slang?.length ? { slang: outcome.slang } : {}) }
      : { kind: 'failed', message: outcome.error.message };
  return { start: cue.start, end: cue.end, english, chinese: cue.text };
}

/** `m:ss` (or `h:mm:ss`) of a time in seconds, as players show it. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}
