import type { SiteAdapter, UnitContent, UnitKind } from '../sites/types';
import type { PageObserver } from './page-observer';
import { createTaskSlicer } from './time-slice';

export interface TrackedUnit {
  /** Short id, also written on the element as `data-redbridge-id`. */
  readonly id: string;
  readonly element: Element;
  readonly kind: UnitKind;
  content: UnitContent;
}

export interface UnitTrackerHandlers {
  /**
   * An element that matches the site's unit selector, just found in the page, before it is
   * read (which may wait a few slices): called in the page's own task, so that where it is can
   * be followed from the first frame it shows in. Cheap work only. Each is later `added` or,
   * if it is gone by then, `dropped`.
   */
  found(element: Element): void;
  added(unit: TrackedUnit): void;
  /** A `found` element the page removed before it could be read. */
  dropped(element: Element): void;
  /** The page changed the unit's words in place. */
  changed(unit: TrackedUnit): void;
  removed(unit: TrackedUnit): void;
  /** The page removed one of our own nodes (`isOwnNode`), e.g. while re-rendering. */
  ownNodeRemoved(node: Element): void;
}

export const UNIT_ID_ATTRIBUTE = 'data-redbridge-id';

/**
 * The first slice of work on the page's changes runs at the end of the page's own task, before
 * the frame that shows them: units read there have their cache lookups on the way while that
 * frame is drawn, so their translations are ready when they come into view. Reading takes about
 * 0.06 ms a unit (traced, 2 cores), so this reads most of a page of 50 comments; the page's own
 * task that adds them took up to 41 ms late in a 5,000-comment thread, and with 5 ms here (plus
 * what the observer's callback does around the slice) such a task came within 0.2 ms of a long
 * one. What is left follows in slices of its own.
 */
export const IN_PAGE_TASK_BUDGET_MS = 3;

let nextId = 1;

/**
 * Finds a site's units in the page and follows them as the page changes: infinite scroll,
 * SPA navigation, lazy replies, re-renders. It reads each batch of the page observer's changes
 * at the end of the page's task and names every unit element found there to `found` at once;
 * reading and marking them is time-sliced (a short first slice right there, the rest in tasks
 * of their own), so a page that adds a thousand comments at once never turns into one long
 * task, and a unit the reader scrolls past before it is read is still known to have been seen.
 */
export function createUnitTracker(
  adapter: SiteAdapter,
  isOwnNode: (node: Node) => boolean,
  handlers: UnitTrackerHandlers,
  changes: PageObserver,
) {
  const tracked = new WeakMap<Element, TrackedUnit>();
  const slicer = createTaskSlicer();
  let unsubscribe: (() => void) | null = null;

  function contentKey(content: UnitContent): string {
    return `${content.text}\u0000${content.tags.join('\u0000')}`;
  }

  function track(element: Element): void {
    // Queued work may run a few frames later: the page may have dropped the element by then.
    if (tracked.has(element)) return;
    const kind = element.isConnected ? adapter.kindOf(element) : null;
    if (!kind) return handlers.dropped(element);
    const unit: TrackedUnit = { id: `u${nextId++}`, element, kind, content: adapter.readUnit(element, kind) };
    element.setAttribute(UNIT_ID_ATTRIBUTE, unit.id);
    tracked.set(element, unit);
    handlers.added(unit);
  }

  function queueUnitsIn(root: Element): void {
    const found = Array.from(root.querySelectorAll(adapter.unitSelector));
    if (root.matches(adapter.unitSelector)) found.unshift(root);
    for (const element of found) {
      if (tracked.has(element)) continue;
      handlers.found(element);
      slicer.add(() => track(element));
    }
  }

  function recheck(element: Element): void {
    const unitElement = element.closest(adapter.unitSelector);
    const unit = unitElement && tracked.get(unitElement);
    if (!unit) return;
    const content = adapter.readUnit(unit.element, unit.kind);
    if (contentKey(content) === contentKey(unit.content)) return;
    unit.content = content;
    handlers.changed(unit);
  }

  function forget(root: Element): void {
    if (isOwnNode(root)) return handlers.ownNodeRemoved(root);
    // Selectors cannot match inside a detached subtree (`.right > .content` has no parent
    // there), so removed units are found by the id we wrote on them.
    const gone = Array.from(root.querySelectorAll(`[${UNIT_ID_ATTRIBUTE}]`));
    if (root.hasAttribute(UNIT_ID_ATTRIBUTE)) gone.push(root);
    for (const element of gone) {
      const unit = tracked.get(element);
      if (!unit) continue;
      tracked.delete(element);
      handlers.removed(unit);
    }
  }

  function process(records: readonly MutationRecord[]): void {
    const added = new Set<Element>();
    const removed = new Set<Element>();
    const touched = new Set<Element>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      if (target && !isOwnNode(target)) touched.add(target);
      for (const node of record.addedNodes) if (node instanceof Element && !isOwnNode(node)) added.add(node);
      for (const node of record.removedNodes) if (node instanceof Element) removed.add(node);
    }
    for (const element of touched) if (element.isConnected) slicer.add(() => recheck(element));
    for (const root of added) if (root.isConnected && !hasQueuedAncestor(root, added)) queueUnitsIn(root);
    for (const root of removed) if (!root.isConnected) slicer.add(() => forget(root));
    slicer.run(IN_PAGE_TASK_BUDGET_MS);
  }

  /** A subtree inside another added subtree is found when that one is searched. */
  function hasQueuedAncestor(element: Element, added: ReadonlySet<Element>): boolean {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) if (added.has(parent)) return true;
    return false;
  }

  return {
    start(root: Element = document.documentElement): void {
      unsubscribe ??= changes.subscribe(process);
      queueUnitsIn(root);
      slicer.run();
    },
    stop(): void {
      unsubscribe?.();
      unsubscribe = null;
      slicer.clear();
    },
  };
}
