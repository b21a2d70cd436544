import type { TranslateOutcome } from '../messaging/wire';
import type { Cue } from './srt';

/** How far ahead of playback cues are sent for translation: a minute of talk is one well-filled message. */
export const TRANSLATE_AHEAD_S = 60;

/** Translates one text the usual way (the content script's translate client: same backends, fallback, cache). */
export type TranslateText = (text: string, retry: boolean) => Promise<TranslateOutcome>;

export interface CueTranslations {
  /** Asks for every cue from the one showing at `time` until `TRANSLATE_AHEAD_S` later that was not asked for yet. */
  prefetch(time: number): void;
  /** The answer for cue `index`: undefined while it is on its way or not asked yet. */
  outcomeOf(index: number): TranslateOutcome | undefined;
  /** Asks again for a cue whose translation failed (the reader pressed Retry). */
  retry(index: number): void;
}

/** The cues, by index, showing at `time` or starting within `aheadS` seconds after it: the ones to have translated by now. */
export function cuesAhead(cues: readonly Cue[], time: number, aheadS = TRANSLATE_AHEAD_S): number[] {
  const ahead: number[] = [];
  for (let index = 0; index < cues.length; index += 1) {
    const cue = cues[index]!;
    if (cue.end <= time) continue;
    if (cue.start > time + aheadS) break;
    ahead.push(index);
  }
  return ahead;
}

/**
 * The translations of a Chinese track's cues, asked for ahead of playback: the cues of the
 * next minute are asked in one go (one message: the translate client joins the texts asked in
 * one task), and again as playback or a seek comes near cues not asked yet. `onAnswer` says
 * which cue got its answer, so the caption or transcript line can show it.
 */
export function createCueTranslations(cues: readonly Cue[], translate: TranslateText, onAnswer: (index: number) => void, aheadS = TRANSLATE_AHEAD_S): CueTranslations {
  const outcomes = new Map<number, TranslateOutcome>();
  const asked = new Set<number>();

  function ask(index: number, retry: boolean): void {
    asked.add(index);
    void translate(cues[index]!.text, retry).then((outcome) => {
      outcomes.set(index, outcome);
      onAnswer(index);
    });
  }

  return {
    prefetch(time) {
      for (const index of cuesAhead(cues, time, aheadS)) if (!asked.has(index)) ask(index, false);
    },
    outcomeOf: (index) => outcomes.get(index),
    retry(index) {
      if (index < 0 || index >= cues.length || outcomes.get(index)?.ok !== false) return;
      outcomes.delete(index);
      ask(index, true);
    },
  };
}
