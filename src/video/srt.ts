/**
 * SubRip (SRT) subtitles, as RedNote's speech recognition writes them (issue 31). The file comes
 * from a CDN and is untrusted: it is read as plain text, never as markup, and bounded in size.
 */

/** One subtitle: shown from `start` (inclusive) to `end` (exclusive), in seconds. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** A 166 s video had about 4.7 kB; this is a two-hour talk's worth with room to spare. */
export const MAX_SRT_CHARS = 1_000_000;
export const MAX_CUES = 5000;
/** Longer cue text is cut: a caption is a line or two, not a page. */
export const MAX_CUE_CHARS = 500;

/** `00:01:02,345` (hours optional; a dot or comma before 1–3 digits of fraction). */
const TIME = String.raw`(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}`);
const INDEX = /^\s*\d+\s*$/;
/** Styling that some SRT writers add: `<i>`, `<font …>`, `{\an8}`. Dropped; the words stay. */
const MARKUP = /<[^>]{0,200}>|\{\\[^}]{0,200}\}/g;

function seconds(hours: string | undefined, minutes: string, secs: string, fraction: string): number {
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs) + Number(fraction.padEnd(3, '0')) / 1000;
}

/**
 * The cues of an SRT file, in time order; cues with no words or no duration are left out. A
 * cue's text runs from its timing line to the next timing line, less the blank lines and the
 * next cue's index, so stray blank lines (inside a cue, between cues, at either end) and a
 * missing index are read the way a player reads them. Throws on text that is not SRT at all.
 */
export function parseSrt(source: string): Cue[] {
  if (source.length > MAX_SRT_CHARS) throw new Error(`subtitles too long: ${source.length} characters`);
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cues: Cue[] = [];
  let current: { start: number; end: number; lines: string[] } | null = null;

  const finish = () => {
    if (!current) return;
    const words = current.lines;
    while (words.length > 0 && words[words.length - 1]!.trim() === '') words.pop();
    const text = words
      .map((line) => line.replace(MARKUP, '').trim())
      .filter((line) => line !== '')
      .join('\n')
      .slice(0, MAX_CUE_CHARS);
    if (text !== '' && current.end > current.start && cues.length < MAX_CUES) cues.push({ start: current.start, end: current.end, text });
    current = null;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const timing = TIMING.exec(line);
    if (timing) {
      if (current) {
        // The digits-only line just before this timing line is this cue's index, not the last cue's words.
        const words = current.lines;
        while (words.length > 0 && words[words.length - 1]!.trim() === '') words.pop();
        if (words.length > 0 && INDEX.test(words[words.length - 1]!)) {
          // An index directly under the words with no blank line between is a caption that is a number ("666").
          const before = words[words.length - 2];
          if (before === undefined || before.trim() === '' || words.length === 1) words.pop();
        }
      }
      finish();
      const [, h1, m1, s1, f1, h2, m2, s2, f2] = timing;
      current = { start: seconds(h1, m1!, s1!, f1!), end: seconds(h2, m2!, s2!, f2!), lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  finish();
  if (cues.length === 0 && source.trim() !== '' && !lines.some((line) => TIMING.test(line))) throw new Error('not SRT: no timing line');
  return cues.sort((a, b) => a.start - b.start);
}

/** `value` as cues if it is a list of well-formed ones (the cache is input too), else null. */
export function validCues(value: unknown): Cue[] | null {
  if (!Array.isArray(value) || value.length > MAX_CUES) return null;
  const valid = value.every(
    (cue: unknown) =>
      cue !== null &&
      typeof cue === 'object' &&
      Number.isFinite((cue as Cue).start) &&
      Number.isFinite((cue as Cue).end) &&
      (cue as Cue).end > (cue as Cue).start &&
      typeof (cue as Cue).text === 'string' &&
      (cue as Cue).text !== '' &&
      (cue as Cue).text.length <= MAX_CUE_CHARS,
  );
  return valid ? (value as Cue[]) : null;
}
