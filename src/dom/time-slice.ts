import { createYielder } from './schedule';

/** How long one slice of queued work may hold the main thread before the page gets a turn. */
export const SLICE_BUDGET_MS = 8;

export interface TaskSlicer {
  /** Queues `task` behind the others; nothing runs until `run`. */
  add(task: () => void): void;
  /**
   * Runs the first slice now, unless a slice is already running or waiting for its turn;
   * `firstBudgetMs` bounds that first slice (e.g. when it runs inside the page's own task).
   * Runs within one task (as when a batch of answers arrives) share one budget: once it is
   * spent, the rest waits for the page's next turn.
   */
  run(firstBudgetMs?: number): void;
  /** Drops every queued task (the feature stopped). */
  clear(): void;
  readonly size: number;
}

/**
 * Runs queued tasks in order, in slices of about `budgetMs`, yielding to the page between
 * slices, so that tracking a thousand new comments never becomes one long task.
 */
export interface TaskSlicerOptions {
  budgetMs?: number;
  now?: () => number;
  /** Runs a task once the page has had its turn. */
  yieldThen?: (task: () => void) => void;
}

export function createTaskSlicer({
  budgetMs = SLICE_BUDGET_MS,
  now = () => performance.now(),
  yieldThen = createYielder(),
}: TaskSlicerOptions = {}): TaskSlicer {
  let tasks: (() => void)[] = [];
  let next = 0;
  /** A slice is running, or the next one is waiting for the page to give us a turn. */
  let busy = false;
  /** When the budget of this task's slices runs out; null once the page has had a turn since. */
  let taskBudgetEnd: number | null = null;

  /** The end of this task's budget, `budgetMs` from now if no slice ran in this task yet. */
  function budgetEnd(): number {
    if (taskBudgetEnd === null) {
      taskBudgetEnd = now() + budgetMs;
      // Whatever runs after the page's turn is another task, with a budget of its own.
      yieldThen(() => (taskBudgetEnd = null));
    }
    return taskBudgetEnd;
  }

  function runSlice(end = budgetEnd()): void {
    while (next < tasks.length) {
      const task = tasks[next]!;
      next += 1;
      try {
        task();
      } catch (error) {
        // One bad unit must not stall the rest of the queue.
        console.error('[RedBridge]', error);
      }
      if (now() >= end) break;
    }
    if (next < tasks.length) {
      yieldThen(() => runSlice());
      return;
    }
    tasks = [];
    next = 0;
    busy = false;
  }

  return {
    add(task) {
      tasks.push(task);
    },
    run(firstBudgetMs) {
      if (busy || next >= tasks.length) return;
      busy = true;
      const start = now();
      const end = Math.min(budgetEnd(), start + (firstBudgetMs ?? budgetMs));
      if (end > start) runSlice(end);
      else yieldThen(() => runSlice());
    },
    clear() {
      tasks = [];
      next = 0;
    },
    get size() {
      return tasks.length - next;
    },
  };
}
