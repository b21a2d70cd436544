// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeIntersectionObserver as FakeObserver } from '../../tests/unit/fake-intersection-observer';
import { createVisibilityQueue, DUE_WHEN_WAITING } from './visibility';

const near = (root: Element | null = null) => FakeObserver.all.find((o) => o.root === root && o.rootMargin.startsWith('100%'))!;
const soon = (root: Element | null = null) => FakeObserver.all.find((o) => o.root === root && o.rootMargin.startsWith('25%'))!;

function units(count: number, parent: Element = document.body): Element[] {
  return Array.from({ length: count }, () => parent.appendChild(document.createElement('p')));
}

describe('createVisibilityQueue', () => {
  let flushed: Element[][];
  let queue: ReturnType<typeof createVisibilityQueue>;

  beforeEach(() => {
    FakeObserver.all = [];
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    document.body.innerHTML = '';
    flushed = [];
    queue = createVisibilityQueue({
      scrollContainerFor: (element) => element.closest('.scroller'),
      onFlush: (elements) => flushed.push(elements),
    });
  });

  afterEach(() => {
    queue.disconnect();
    vi.unstubAllGlobals();
  });

  it('holds units that are a screen away until a full batch has gathered, then sends them together', () => {
    const all = units(DUE_WHEN_WAITING);
    all.forEach((unit) => queue.watch(unit));
    near().report(all.slice(0, DUE_WHEN_WAITING - 1), 1600);
    expect(flushed).toEqual([]);
    expect(soon().observed.size).toBe(DUE_WHEN_WAITING - 1);
    near().report(all.slice(DUE_WHEN_WAITING - 1), 1700);
    expect(flushed).toEqual([all]);
    // Sent units are watched no more.
    expect(near().observed.size).toBe(0);
    expect(soon().observed.size).toBe(0);
  });

  it('sends the whole queue at once when a unit is already about to be seen', () => {
    const [far1, far2, visible] = units(3);
    [far1!, far2!, visible!].forEach((unit) => queue.watch(unit));
    near().report([far1!, far2!], 1500);
    expect(flushed).toEqual([]);
    near().report([visible!], 900);
    expect(flushed).toEqual([[far1, far2, visible]]);
  });

  it('sends the queue when one of its units scrolls close to the screen', () => {
    const [first, second] = units(2);
    queue.watch(first!);
    queue.watch(second!);
    near().report([first!, second!], 1800);
    expect(flushed).toEqual([]);
    soon().report([first!], 1100);
    expect(flushed).toEqual([[first, second]]);
    soon().report([second!], 1100);
    expect(flushed).toHaveLength(1);
  });

  it('tells onNear which units came near, and queues only those it did not take care of', () => {
    queue.disconnect();
    FakeObserver.all = [];
    const cameNear: Element[][] = [];
    const [shownFromCache, waiting, visible] = units(3);
    queue = createVisibilityQueue({
      scrollContainerFor: () => null,
      onNear(elements) {
        cameNear.push(elements);
        return new Set(elements.filter((element) => element === shownFromCache));
      },
      onFlush: (elements) => flushed.push(elements),
    });
    [shownFromCache!, waiting!, visible!].forEach((unit) => queue.watch(unit));
    near().report([shownFromCache!, waiting!], 1500);
    expect(cameNear).toEqual([[shownFromCache, waiting]]);
    // The unit onNear took is watched no more: only the other waits to come closer.
    expect(near().observed.has(shownFromCache!)).toBe(false);
    expect([...soon().observed]).toEqual([waiting]);
    near().report([visible!], 100);
    expect(flushed).toEqual([[waiting, visible]]);
  });

  it('forgets a queued unit the page removed', () => {
    const [kept, removed, visible] = units(3);
    [kept!, removed!, visible!].forEach((unit) => queue.watch(unit));
    near().report([kept!, removed!], 1500);
    removed!.remove();
    queue.unwatch(removed!);
    near().report([visible!], 100);
    expect(flushed).toEqual([[kept, visible]]);
  });

  it('watches a scroll container with observers of its own, and drops them when the container goes', () => {
    const scroller = document.body.appendChild(document.createElement('div'));
    scroller.className = 'scroller';
    const [inColumn] = units(1, scroller);
    const [inWindow] = units(1);
    queue.watch(inColumn!);
    queue.watch(inWindow!);
    expect(near(scroller).observed.has(inColumn!)).toBe(true);
    expect(near(null).observed.has(inWindow!)).toBe(true);
    near(scroller).report([inColumn!], 1500);
    scroller.remove();
    queue.unwatch(inColumn!);
    expect(near(scroller).disconnected).toBe(true);
    expect(soon(scroller).disconnected).toBe(true);
    expect(near(null).disconnected).toBe(false);
    near(null).report([inWindow!], 10);
    expect(flushed).toEqual([[inWindow]]);
  });
});
