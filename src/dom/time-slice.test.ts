import { describe, expect, it } from 'vitest';
import { createTaskSlicer } from './time-slice';

/** A slicer on a fake clock; the test gives the page its turns, each a task of its own. */
function fakeSlicer(budgetMs: number) {
  const clock = { now: 0 };
  let turns: (() => void)[] = [];
  const slicer = createTaskSlicer({ budgetMs, now: () => clock.now, yieldThen: (task) => turns.push(task) });
  /** The page's turn: what was waiting for it runs, in order; what that queues waits for the next. */
  const nextTask = () => {
    const waiting = turns;
    turns = [];
    for (const task of waiting) task();
  };
  return { slicer, clock, nextTask };
}

describe('createTaskSlicer', () => {
  it('runs tasks in order, a budget at a time, giving the page a turn between slices', async () => {
    const { slicer, clock, nextTask } = fakeSlicer(8);
    const ran: number[] = [];
    for (let i = 1; i <= 7; i++) {
      slicer.add(() => {
        ran.push(i);
        clock.now += 3;
      });
    }
    expect(ran).toEqual([]);
    slicer.run();
    // 3 + 3 + 3 ms reaches the 8 ms budget: the first slice stops after three tasks.
    expect(ran).toEqual([1, 2, 3]);
    expect(slicer.size).toBe(4);
    nextTask();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
    nextTask();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(slicer.size).toBe(0);
  });

  it('bounds the first slice by the budget run was given, and the rest by the slicer’s', () => {
    const { slicer, clock, nextTask } = fakeSlicer(8);
    const ran: number[] = [];
    for (let i = 1; i <= 6; i++) {
      slicer.add(() => {
        ran.push(i);
        clock.now += 1;
      });
    }
    slicer.run(2);
    expect(ran).toEqual([1, 2]);
    nextTask();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not start a second slice while one waits for its turn, and keeps later tasks in order', async () => {
    const { slicer, clock, nextTask } = fakeSlicer(5);
    const ran: string[] = [];
    const task = (name: string) => () => {
      ran.push(name);
      clock.now += 5;
    };
    slicer.add(task('a'));
    slicer.add(task('b'));
    slicer.run();
    slicer.add(task('c'));
    slicer.run();
    expect(ran).toEqual(['a']);
    nextTask();
    expect(ran).toEqual(['a', 'b']);
    nextTask();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('shares one budget between runs in the same task, and gives the next task a budget of its own', () => {
    const { slicer, clock, nextTask } = fakeSlicer(8);
    const ran: number[] = [];
    // A batch of answers arriving in one task: each adds its work and runs the slicer.
    for (let i = 1; i <= 6; i++) {
      slicer.add(() => {
        ran.push(i);
        clock.now += 3;
      });
      slicer.run();
    }
    // 3 + 3 + 3 ms spends the task's 8 ms: the others wait for the page's turn.
    expect(ran).toEqual([1, 2, 3]);
    nextTask();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
    // A later task starts afresh, even though the queue ran dry in between.
    nextTask();
    slicer.add(() => ran.push(7));
    slicer.run();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps going past a task that throws', () => {
    const { slicer } = fakeSlicer(8);
    const ran: string[] = [];
    const quiet = console.error;
    console.error = () => undefined;
    try {
      slicer.add(() => {
        throw new Error('bad unit');
      });
      slicer.add(() => ran.push('next'));
      slicer.run();
    } finally {
      console.error = quiet;
    }
    expect(ran).toEqual(['next']);
    slicer.add(() => ran.push('later'));
    slicer.run();
    expect(ran).toEqual(['next', 'later']);
  });

  it('drops queued tasks on clear', () => {
    const { slicer, clock, nextTask } = fakeSlicer(1);
    const ran: number[] = [];
    for (let i = 1; i <= 3; i++) slicer.add(() => (ran.push(i), (clock.now += 1)));
    slicer.run();
    slicer.clear();
    nextTask();
    expect(ran).toEqual([1]);
    expect(slicer.size).toBe(0);
    // The slicer is free again for new work.
    slicer.add(() => ran.push(4));
    slicer.run();
    expect(ran).toEqual([1, 4]);
  });
});
