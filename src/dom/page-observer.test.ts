// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { OVERLAY_TAG } from './own-nodes';
import { createPageObserver } from './page-observer';

const later = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('createPageObserver', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  it('hands every subscriber all the changes the page made in one task in one batch', async () => {
    document.body.innerHTML = '<ul></ul>';
    const observer = createPageObserver();
    const batches: number[][] = [[], []];
    stops.push(observer.subscribe((records) => batches[0]!.push(records.length)));
    stops.push(observer.subscribe((records) => batches[1]!.push(records.length)));
    const list = document.querySelector('ul')!;
    for (let i = 0; i < 5; i++) list.append(document.createElement('li'));
    await later();
    expect(batches).toEqual([[5], [5]]);
  });

  it('hands the changes over before the page’s next task, so nothing waits for a task or frame of ours', async () => {
    document.body.innerHTML = '<ul></ul>';
    const observer = createPageObserver();
    let added = 0;
    stops.push(observer.subscribe((records) => records.forEach((record) => (added += record.addedNodes.length))));
    document.querySelector('ul')!.append(document.createElement('li'), document.createElement('li'));
    // The observer's callback is a microtask queued by the change, so it has run by now.
    await Promise.resolve();
    expect(added).toBe(2);
  });

  it('does not report RedBridge putting in its own nodes, but reports the page’s changes and any removal of them', async () => {
    document.body.innerHTML = '<ul><li>评论</li></ul>';
    const observer = createPageObserver();
    const batches: string[][] = [];
    stops.push(
      observer.subscribe((records) =>
        batches.push(records.map((record) => `${[...record.addedNodes, ...record.removedNodes].map((node) => node.nodeName).join()}`)),
      ),
    );
    const item = document.querySelector('li')!;
    const overlay = document.createElement(OVERLAY_TAG);
    item.after(overlay);
    await later();
    expect(batches).toEqual([]);

    item.after(document.createElement('li'));
    overlay.remove();
    await later();
    expect(batches).toEqual([['LI', OVERLAY_TAG.toUpperCase()]]);
  });

  it('stops observing when the last subscriber leaves', async () => {
    document.body.innerHTML = '<ul></ul>';
    const observer = createPageObserver();
    const seen: number[] = [];
    const first = observer.subscribe((records) => seen.push(records.length));
    const second = observer.subscribe(() => undefined);
    first();
    document.querySelector('ul')!.append(document.createElement('li'));
    await later();
    expect(seen).toEqual([]);
    second();
    const again: number[] = [];
    stops.push(observer.subscribe((records) => again.push(records.length)));
    document.querySelector('ul')!.append(document.createElement('li'));
    await later();
    // Records from while nobody listened are not delivered late.
    expect(again).toEqual([1]);
  });
});
