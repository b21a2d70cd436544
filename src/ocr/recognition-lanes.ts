/**
 * Spreads an image's lines over several recognisers (issue 28): where onnxruntime-web gets one
 * thread (Firefox's extension pages have no SharedArrayBuffer), a second worker with its own
 * recogniser reads every other line, so both cores work. Each recogniser reads one line at a
 * time; a line goes to whichever is free first.
 */
import type { RecogniserOutput } from './pipeline';

/** Runs the recogniser on one line's tensor [1, 3, 48, width]. */
export type LineRecogniser = (tensor: Float32Array, width: number) => Promise<RecogniserOutput>;

/**
 * A recogniser that is started on the first line, not before: the worker's own session would
 * otherwise be loaded while the detector could already run.
 */
export type RecogniserStart = () => Promise<LineRecogniser>;

interface Job {
  tensor: Float32Array;
  width: number;
  resolve(output: RecogniserOutput): void;
  reject(error: unknown): void;
}

export interface RecognitionLanes {
  /** Reads one line on the first recogniser that is ready and free. */
  recognise: LineRecogniser;
  /** One more recogniser: started at once if lines have been asked for, else with the others. */
  add(start: RecogniserStart): void;
}

/**
 * One `LineRecogniser` over all of `starts`. Lines wait until a recogniser is ready and free;
 * a recogniser that fails to load is left out, and only when every one has failed, and none is
 * still loading, do the lines fail, with the first load error.
 */
export function spreadOverRecognisers(starts: readonly RecogniserStart[]): RecognitionLanes {
  if (starts.length === 0) throw new Error('no recogniser to read lines with');
  const notStarted = [...starts];
  const waiting: Job[] = [];
  const free: LineRecogniser[] = [];
  let started = false;
  let loading = 0;
  let ready = 0;
  let loadError: unknown;

  function pump(): void {
    while (waiting.length > 0 && free.length > 0) {
      const job = waiting.shift()!;
      const recogniser = free.shift()!;
      recogniser(job.tensor, job.width)
        .then(job.resolve, job.reject)
        .finally(() => {
          free.push(recogniser);
          // In a task of its own: the worker's own session computes without yielding, so
          // handing it the next line at once would keep the other workers' answers (messages)
          // waiting, and with them their next lines, until every line was read here.
          setTimeout(pump, 0);
        });
    }
    if (loading === 0 && ready === 0) {
      for (const job of waiting.splice(0)) job.reject(loadError);
    }
  }

  function begin(start: RecogniserStart): void {
    loading += 1;
    Promise.resolve()
      .then(start)
      .then(
        (recogniser) => {
          loading -= 1;
          ready += 1;
          free.push(recogniser);
          pump();
        },
        (error: unknown) => {
          loading -= 1;
          loadError ??= error;
          pump();
        },
      );
  }

  function startAll(): void {
    started = true;
    for (const start of notStarted.splice(0)) begin(start);
  }

  return {
    recognise: (tensor, width) =>
      new Promise<RecogniserOutput>((resolve, reject) => {
        waiting.push({ tensor, width, resolve, reject });
        if (!started) startAll();
        else pump();
      }),
    add(start) {
      if (started) begin(start);
      else notStarted.push(start);
    },
  };
}
