import { describe, expect, it } from 'vitest';
import { mainThreadCost, type TraceEvent } from './trace';

const PAGE = 'http://127.0.0.1:1234/bench/note.html';
const EXTENSION = 'chrome-extension://abc';
const at = { pid: 1, tid: 7 };

/** A top-level task of `ms` starting at `startMs`. */
const task = (startMs: number, ms: number): TraceEvent => ({ name: 'RunTask', cat: 'toplevel', ph: 'X', ...at, ts: startMs * 1000, dur: ms * 1000 });
/** A call into a script at `url` inside a task. */
const call = (startMs: number, ms: number, url: string): TraceEvent => ({
  name: 'FunctionCall',
  cat: 'devtools.timeline',
  ph: 'X',
  ...at,
  ts: startMs * 1000,
  dur: ms * 1000,
  args: { data: { url } },
});

function trace(...events: TraceEvent[]): TraceEvent[] {
  const parse: TraceEvent = { name: 'ParseHTML', cat: 'devtools.timeline', ph: 'X', ...at, ts: 0, dur: 1, args: { data: { url: PAGE } } };
  return [parse, ...events];
}

describe('mainThreadCost', () => {
  it('counts long tasks and all the time in them', () => {
    const cost = mainThreadCost(trace(task(10, 30), task(100, 60), task(200, 120)), PAGE, EXTENSION);
    expect(cost.longTasks).toBe(2);
    expect(cost.longTaskMs).toBe(180);
    expect(cost.busyMs).toBe(210);
  });

  it("takes the extension's script time per task, its 99th percentile and the tasks over a frame", () => {
    const events: TraceEvent[] = [];
    // 199 tasks with 2 ms of the extension's script and the page's own; one with 30 ms of it.
    for (let i = 0; i < 200; i += 1) {
      const start = 1000 + i * 100;
      events.push(task(start, 40), call(start + 1, i === 150 ? 30 : 2, `${EXTENSION}/content-scripts/xiaohongshu.js`), call(start + 35, 3, PAGE));
    }
    const cost = mainThreadCost(trace(...events), PAGE, EXTENSION);
    expect(cost.tasksWithExtension).toBe(200);
    expect(cost.extensionSliceP99Ms).toBe(2);
    expect(cost.longestExtensionSliceMs).toBe(30);
    expect(cost.extensionSlicesOverFrame).toBe(1);
    expect(cost.extensionScriptingMs).toBe(199 * 2 + 30);
  });

  it('counts the long tasks the extension’s scripts ran in, however little of them', () => {
    const url = `${EXTENSION}/content-scripts/xiaohongshu.js`;
    const cost = mainThreadCost(trace(task(10, 60), call(11, 1, url), task(100, 80), task(300, 40), call(301, 5, url)), PAGE, EXTENSION);
    expect(cost.longTasks).toBe(2);
    expect(cost.longTasksWithExtension).toBe(1);
  });

  it('takes a long task for the extension’s when it would be short without the extension’s script time', () => {
    const url = `${EXTENSION}/content-scripts/xiaohongshu.js`;
    // 70 ms with 25 of the extension's: 45 without, so the extension's; 90 ms with 5 of it: the page's.
    const cost = mainThreadCost(trace(task(10, 70), call(11, 25, url), task(100, 90), call(101, 5, url)), PAGE, EXTENSION);
    expect(cost.longTasksWithExtension).toBe(2);
    expect(cost.longTasksFromExtension).toBe(1);
  });

  it('tells the long task that holds the extension’s start-up evaluation from the others', () => {
    const url = `${EXTENSION}/content-scripts/xiaohongshu.js`;
    const evaluate: TraceEvent = { ...call(11, 40, url), name: 'EvaluateScript' };
    const cost = mainThreadCost(trace(task(10, 70), evaluate, task(100, 70), call(101, 30, url)), PAGE, EXTENSION);
    expect(cost.longTasksFromExtension).toBe(2);
    expect(cost.startupLongTasks).toBe(1);
    expect(cost.extensionStartupMs).toBe(40);
  });

  it('counts nothing as the extension in a pass without it', () => {
    const cost = mainThreadCost(trace(task(10, 60), call(11, 40, `${EXTENSION}/x.js`)), PAGE, null);
    expect(cost.tasksWithExtension).toBe(0);
    expect(cost.extensionSliceP99Ms).toBe(0);
    expect(cost.longTasks).toBe(1);
  });
});
