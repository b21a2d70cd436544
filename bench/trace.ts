/**
 * Reads a Chrome performance trace (`page.tracing`, categories `TRACE_CATEGORIES`) for what
 * the page's main thread spent, and how much of it went to the extension's scripts.
 */

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** A task longer than this is a long task (the RAIL and Long Tasks API threshold). */
export const LONG_TASK_MS = 50;

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
  /** Time in the extension's scripts (outermost calls only: nested calls are inside them). */
  extensionScriptingMs: number;
  /** The most the extension's scripts ran within one task. */
  longestExtensionSliceMs: number;
  /**
   * Long tasks the extension caused: over LONG_TASK_MS with the extension's scripts in them,
   * and not long without them (the task's time minus the extension's is at most LONG_TASK_MS).
   */
  extensionLongTasks: number;
  /** The extension's script evaluation when it is injected (parse, compile, run `main`'s sync part). */
  extensionStartupMs: number;
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
  let longestSliceUs = 0;
  let extensionLongTasks = 0;
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
    longestSliceUs = Math.max(longestSliceUs, extensionUs);
    if (durationMs > LONG_TASK_MS) {
      longTasks += 1;
      if (extensionUs > 0 && durationMs - extensionUs / 1000 <= LONG_TASK_MS) extensionLongTasks += 1;
    }
  }
  const startup = onThread.find((event) => event.name === 'EvaluateScript' && isExtension(event));
  return {
    busyMs: busyUs / 1000,
    longestTaskMs: longestUs / 1000,
    longTasks,
    extensionScriptingMs: extensionCalls.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000,
    longestExtensionSliceMs: longestSliceUs / 1000,
    extensionLongTasks,
    extensionStartupMs: (startup?.dur ?? 0) / 1000,
  };
}
