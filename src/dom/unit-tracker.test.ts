// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xiaohongshu } from '../sites/xiaohongshu/adapter';
import { isOwnNode, OVERLAY_TAG } from './own-nodes';
import { createPageObserver } from './page-observer';
import { createUnitTracker, UNIT_ID_ATTRIBUTE, type TrackedUnit } from './unit-tracker';

/** A comment as RedNote renders it, with `.content` as the unit. */
function comment(id: string, text: string): string {
  return `<div class="parent-comment"><div id="comment-${id}" class="comment-item"><div class="comment-inner-container">
    <div class="right"><div class="author-wrapper"><div class="author"><a class="name">昵称</a></div></div>
    <div class="content"><span class="note-text"><span>${text}</span></span></div>
    <div class="info"><div class="date"><span>2天前</span></div></div></div></div></div></div>`;
}

const frame = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('createUnitTracker', () => {
  const events: string[] = [];
  /** Elements as `found` and `dropped` reported them, and each unit's element when `added`. */
  const found: Element[] = [];
  const dropped: Element[] = [];
  const addedElements: Element[] = [];
  let tracker: ReturnType<typeof createUnitTracker>;
  const describeUnit = (unit: TrackedUnit) => `${unit.kind}:${unit.content.text}`;

  beforeEach(() => {
    events.length = 0;
    for (const list of [found, dropped, addedElements]) list.length = 0;
    document.body.innerHTML = `<div class="list-container">${comment('a', '第一条评论')}</div>`;
    tracker = createUnitTracker(xiaohongshu, isOwnNode, {
      found: (element) => found.push(element),
      added: (unit) => {
        addedElements.push(unit.element);
        events.push(`added ${describeUnit(unit)}`);
      },
      dropped: (element) => dropped.push(element),
      changed: (unit) => events.push(`changed ${describeUnit(unit)}`),
      removed: (unit) => events.push(`removed ${describeUnit(unit)}`),
      ownNodeRemoved: (node) => events.push(`own removed ${node.localName}`),
    }, createPageObserver());
    tracker.start(document.body);
  });

  afterEach(() => tracker.stop());

  it('reports the units already in the page and marks them with an id', () => {
    expect(events).toEqual(['added comment:第一条评论']);
    expect(document.querySelector('.content')!.getAttribute(UNIT_ID_ATTRIBUTE)).toMatch(/^u\d+$/);
  });

  it('reports units the page adds later, once each', async () => {
    document.querySelector('.list-container')!.insertAdjacentHTML('beforeend', comment('b', '第二条评论'));
    await frame();
    expect(events).toEqual(['added comment:第一条评论', 'added comment:第二条评论']);
  });

  it('reports a unit whose words the page changes in place, and not one rebuilt with the same words', async () => {
    const content = document.querySelector('.content')!;
    content.innerHTML = '<span class="note-text"><span>第一条评论</span></span>';
    await frame();
    expect(events).toHaveLength(1);
    content.querySelector('.note-text span')!.textContent = '改过的评论';
    await frame();
    expect(events.at(-1)).toBe('changed comment:改过的评论');
  });

  it('reports a unit removed on its own, though selectors cannot match it once detached', async () => {
    document.querySelector('.content')!.remove();
    await frame();
    expect(events.at(-1)).toBe('removed comment:第一条评论');
  });

  it('reports the removal of one of our own nodes, and ignores their insertion', async () => {
    const host = document.createElement(OVERLAY_TAG);
    document.querySelector('.content')!.after(host);
    await frame();
    host.remove();
    await frame();
    expect(events).toEqual(['added comment:第一条评论', `own removed ${OVERLAY_TAG}`]);
  });

  it('forgets a removed unit and tracks the very element anew when a virtual list puts it back', async () => {
    const item = document.querySelector('.parent-comment')!;
    const content = item.querySelector('.content')!;
    const firstId = content.getAttribute(UNIT_ID_ATTRIBUTE);
    for (let round = 0; round < 3; round += 1) {
      item.remove();
      await frame();
      document.querySelector('.list-container')!.append(item);
      await frame();
    }
    expect(events).toEqual([
      'added comment:第一条评论',
      ...Array.from({ length: 3 }, () => ['removed comment:第一条评论', 'added comment:第一条评论']).flat(),
    ]);
    expect(content.getAttribute(UNIT_ID_ATTRIBUTE)).not.toBe(firstId);
  });

  it('reports a comment whose .content the page inserts empty once its words arrive', async () => {
    document.querySelector('.list-container')!.insertAdjacentHTML('beforeend', comment('b', ''));
    await frame();
    const late = document.querySelector('#comment-b .content')!;
    late.innerHTML = '<span class="note-text"><span>晚到的评论</span></span>';
    await frame();
    expect(events).toEqual(['added comment:第一条评论', 'added comment:', 'changed comment:晚到的评论']);
  });

  it('names each unit it finds in the page task that added it, before reading it', async () => {
    const list = document.querySelector('.list-container')!;
    list.insertAdjacentHTML('beforeend', comment('b', '第二条评论'));
    await Promise.resolve();
    // The mutation observer ran at the end of that task: the unit is known before any frame.
    const unit = document.querySelector('#comment-b .content')!;
    expect(found).toContain(unit);
    await frame();
    expect(addedElements.at(-1)).toBe(unit);
  });

  it('reports as dropped every unit found and removed before it could be read', async () => {
    const list = document.querySelector('.list-container')!;
    list.insertAdjacentHTML('beforeend', Array.from({ length: 400 }, (_, i) => comment(`n${i}`, `评论${i}`)).join(''));
    await Promise.resolve();
    // Reading 400 units takes more than the first slice: the rest wait for their turn.
    const foundNow = found.length;
    expect(foundNow).toBe(401);
    list.remove();
    await frame();
    await frame();
    expect(dropped.length).toBeGreaterThan(0);
    expect(addedElements.length + dropped.length).toBe(foundNow);
    expect(new Set([...addedElements, ...dropped]).size).toBe(foundNow);
  });
});
