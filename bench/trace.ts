/**
 * Reads a Chrome performance trace (`page.tracing`, categories `TRACE_CATEGORIES`) for what
 * the page's main thread spent, and how much of it went to the extension's scripts.
 */
import { percentile } from './stats';

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** A task longer than this is a long task (the RAIL and Long Tasks API threshold). */
export const LONG_TASK_MS = 50;

/** One frame at 60 Hz: script time in a task beyond this alone delays a frame. */
export const FRAME_MS = 16;

/** The percentile of RedBridge's script time per task that the benchmark reports and judges. */
export const SLICE_PERCENTILE = 99;

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds. */
  ts: number;
  dur?: number;
  args?: { data?: { url?: string; frames?: { processId: number; isOutermostMainFrame?: boolean }[] } };
}

export interface MainThreadCost {
  /** Time in top-level tasks on the page's main thread. */
  busyMs: number;
  longestTaskMs: number;
  /** Tasks over LONG_TASK_MS. */
  longTasks: number;
  /** Time in those tasks, all of it (not only the part beyond LONG_TASK_MS). */
  longTaskMs: number;
  /** Long tasks in which the extension's scripts ran at all. */
  longTasksWithExtension: number;
  /** Long tasks that would not be long without the extension's script time in them: RedBridge's. */
  longTasksFromExtension: number;
  /** Time in the extension's scripts (outermost calls only: nested calls are inside them). */
  extensionScriptingMs: number;
  /** The most the extension's scripts ran within one task. */
  longestExtensionSliceMs: number;
  /** Tasks the extension's scripts ran in. */
  tasksWithExtension: number;
  /** The SLICE_PERCENTILE-th percentile of the extension's script time over those tasks. */
  extensionSliceP99Ms: number;
  /** Tasks in which the extension's scripts ran longer than FRAME_MS. */
  extensionSlicesOverFrame: number;
  /** The extension's script evaluation when it is injected (parse, compile, run `main`'s sync part). */
  extensionStartupMs: number;
  /**
   * Of `longTasksFromExtension`, the one that holds that evaluation (0 or 1): the content
   * script's start, which a page pays once whatever RedBridge then does on it.
   */
  startupLongTasks: number;
}

const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.compile']);

function isTopLevelTask(event: TraceEvent): boolean {
  return event.name === 'RunTask' && event.ph === 'X';
}

/** The renderer main thread that parsed `pageUrl`. */
function pageMainThread(events: readonly TraceEvent[], pageUrl: string): { pid: number; tid: number } {
  const parse = events.find((event) => event.name === 'ParseHTML' && JSON.stringify(event.args ?? {}).includes(pageUrl));
  if (!parse) throw new Error(`the trace has no ParseHTML for ${pageUrl}`);
  return { pid: parse.pid, tid: parse.tid };
}

/** Outermost intervals only, from events sorted by start. */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  const result: TraceEvent[] = [];
  let end = -Infinity;
  for (const event of events) {
    if (event.ts >= end) {
      result.push(event);
      end = event.ts + (event.dur ?? 0);
    }
  }
  return result;
}

/**
 * The main-thread cost on the page that parsed `pageUrl` (the first navigation to it in the
 * trace), with the scripts whose URL starts with `extensionOrigin` counted as the extension's.
 */
export function mainThreadCost(events: readonly TraceEvent[], pageUrl: string, extensionOrigin: string | null): MainThreadCost {
  const { pid, tid } = pageMainThread(events, pageUrl);
  const onThread = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = outermost(onThread.filter(isTopLevelTask));
  const isExtension = (event: TraceEvent) =>
    !!extensionOrigin && SCRIPT_EVENTS.has(event.name) && (event.args?.data?.url ?? '').startsWith(extensionOrigin);
  const extensionCalls = outermost(onThread.filter(isExtension));

  let busyUs = 0;
  let longestUs = 0;
  let longTasks = 0;
  let longTaskUs = 0;
  let longTasksWithExtension = 0;
  let longTasksFromExtension = 0;
  const slicesMs: number[] = [];
  const startup = onThread.find((event) => event.name === 'EvaluateScript' && isExtension(event));
  let startupLongTasks = 0;
  let call = 0;
  for (const task of tasks) {
    const taskEnd = task.ts + (task.dur ?? 0);
    let extensionUs = 0;
    while (call < extensionCalls.length && extensionCalls[call]!.ts < taskEnd) {
      const event = extensionCalls[call]!;
      if (event.ts >= task.ts) extensionUs += event.dur ?? 0;
      call += 1;
    }
    const durationMs = (task.dur ?? 0) / 1000;
    busyUs += task.dur ?? 0;
    longestUs = Math.max(longestUs, task.dur ?? 0);
    if (extensionUs > 0) slicesMs.push(extensionUs / 1000);
    if (durationMs > LONG_TASK_MS) {
      longTasks += 1;
      longTaskUs += task.dur ?? 0;
      if (extensionUs > 0) longTasksWithExtension += 1;
      if (extensionUs > 0 && durationMs - extensionUs / 1000 <= LONG_TASK_MS) {
        longTasksFromExtension += 1;
        if (startup && startup.ts >= task.ts && startup.ts < taskEnd) startupLongTasks += 1;
      }
    }
  }
  return {
    busyMs: busyUs / 1000,
    longestTaskMs: longestUs / 1000,
    longTasks,
    longTaskMs: longTaskUs / 1000,
    longTasksWithExtension,
    longTasksFromExtension,
    extensionScriptingMs: extensionCalls.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000,
    longestExtensionSliceMs: slicesMs.length === 0 ? 0 : Math.max(...slicesMs),
    tasksWithExtension: slicesMs.length,
    extensionSliceP99Ms: slicesMs.length === 0 ? 0 : percentile(slicesMs, SLICE_PERCENTILE),
    extensionSlicesOverFrame: slicesMs.filter((ms) => ms > FRAME_MS).length,
    extensionStartupMs: (startup?.dur ?? 0) / 1000,
    startupLongTasks,
  };
}
