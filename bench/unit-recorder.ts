/**
 * Runs in the page's main world from the start of every document (`evaluateOnNewDocument`):
 * it notes when each benchmark unit first shows in the viewport and when its translation
 * (RedBridge's overlay host, `data-state`) first shows as done. It reads the page as a user
 * sees it, nothing of the extension's internals beyond the overlay's markup.
 * Serialised by puppeteer: it may use nothing from outside its own body.
 */
export function installUnitRecorder(unitIdPattern: string, nearScreens: number, scrollerSelector: string | null): void {
  type Coverage = import('./unit-recorder').Coverage;
  type Appearance = import('./unit-recorder').Appearance;
  const isUnit = new RegExp(unitIdPattern);
  const appeared = new Map<string, number>();
  const shown = new Map<string, number>();
  /** When RedBridge marked each unit as tracked (`data-redbridge-id`). */
  const tracked = new Map<string, number>();
  const failed = new Set<string>();
  const overlaid = new Set<string>();
  const observers = new Map<Element | null, IntersectionObserver>();
  /** Units within `nearScreens` of the screen when the page was parsed, before any overlay moved them. */
  const nearAtLoad = new Set<string>();

  /**
   * The element the units scroll in, known from the page rather than read from computed
   * styles: a style read here would make the page's task (the one that added the units) do
   * its style work at once, and the recorder would lengthen the very tasks it measures.
   */
  function scrollRootOf(element: Element): Element | null {
    return scrollerSelector ? element.closest(scrollerSelector) : null;
  }

  function observerFor(root: Element | null): IntersectionObserver {
    let observer = observers.get(root);
    if (!observer) {
      const created = new IntersectionObserver(
        (entries) => {
          const now = performance.now();
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            created.unobserve(entry.target);
            const id = entry.target.getAttribute('data-fixture-id')!;
            if (!appeared.has(id)) appeared.set(id, now);
          }
        },
        { root },
      );
      observers.set(root, created);
      observer = created;
    }
    return observer;
  }

  function watchUnitsIn(root: Element): void {
    const found = Array.from(root.querySelectorAll('[data-fixture-id]'));
    if (root.hasAttribute('data-fixture-id')) found.push(root);
    for (const element of found) {
      if (isUnit.test(element.getAttribute('data-fixture-id')!)) observerFor(scrollRootOf(element)).observe(element);
    }
  }

  /** RedBridge's id of a unit → the fixture's id, noted when RedBridge marks the unit. */
  const unitIds = new Map<string, string>();

  function noteUnitMarked(element: Element): void {
    const fixtureId = element.getAttribute('data-fixture-id');
    const redbridgeId = element.getAttribute('data-redbridge-id');
    if (!fixtureId || !redbridgeId) return;
    unitIds.set(redbridgeId, fixtureId);
    if (!tracked.has(fixtureId)) tracked.set(fixtureId, performance.now());
  }

  function noteOverlay(host: Element): void {
    const redbridgeId = host.getAttribute('data-redbridge-for');
    // A document-wide query per overlay would cost the page more than RedBridge does.
    const id =
      (redbridgeId && unitIds.get(redbridgeId)) ??
      document.querySelector(`[data-redbridge-id="${redbridgeId}"]`)?.getAttribute('data-fixture-id');
    if (!id) return;
    overlaid.add(id);
    const state = host.getAttribute('data-state');
    if (state === 'error') failed.add(id);
    if (state === 'done' && !shown.has(id)) shown.set(id, performance.now());
  }

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (!(record.target instanceof Element)) continue;
        if (record.attributeName === 'data-redbridge-id') noteUnitMarked(record.target);
        else if (record.target.hasAttribute('data-redbridge-for')) noteOverlay(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.hasAttribute('data-redbridge-for')) noteOverlay(node);
        else watchUnitsIn(node);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state', 'data-redbridge-id'] });

  function units(): Element[] {
    return Array.from(document.querySelectorAll('[data-fixture-id]')).filter((element) =>
      isUnit.test(element.getAttribute('data-fixture-id')!),
    );
  }

  // The content script cannot have shown anything yet: overlays need a round trip to the background.
  document.addEventListener('DOMContentLoaded', () => {
    for (const element of units()) if (screensAway(element) <= nearScreens) nearAtLoad.add(element.getAttribute('data-fixture-id')!);
  });

  /** Where a unit is, in screens from the visible area of its scroll root (0: on screen). */
  function screensAway(element: Element): number {
    const root = scrollRootOf(element);
    const view = root ? root.getBoundingClientRect() : { top: 0, bottom: innerHeight, height: innerHeight };
    const box = element.getBoundingClientRect();
    if (box.bottom < view.top) return (view.top - box.bottom) / view.height;
    if (box.top > view.bottom) return (box.top - view.bottom) / view.height;
    return 0;
  }

  const recorder = {
    /** Every unit seen on screen: when it first showed, and when its translation first showed (ms since navigation). */
    appearances(): Appearance[] {
      return [...appeared].map(([id, appearedAt]) => ({
        id,
        appearedAt,
        trackedAt: tracked.get(id) ?? null,
        shownAt: shown.get(id) ?? null,
      }));
    },
    /** Units present now: how many, how many have an overlay, and the farthest of those from the screen. */
    coverage(): Coverage {
      const present = units();
      const far: string[] = [];
      let count = 0;
      let translated = 0;
      let mustTranslate = 0;
      const wrong: string[] = [];
      for (const element of present) {
        const id = element.getAttribute('data-fixture-id')!;
        const expected = !id.includes('skip');
        if (expected) mustTranslate += 1;
        if (!overlaid.has(id)) continue;
        if (!expected) wrong.push(id);
        count += 1;
        if (shown.has(id)) translated += 1;
        if (!nearAtLoad.has(id)) far.push(id);
      }
      return {
        present: present.length,
        nearAtLoad: nearAtLoad.size,
        mustTranslate,
        overlaid: count,
        translated,
        failed: failed.size,
        overlaidFar: far,
        wronglyOverlaid: wrong,
      };
    },
  };
  (window as unknown as { __benchRecorder: typeof recorder }).__benchRecorder = recorder;
}

/** The benchmark units in the page right now, and what RedBridge shows for them. */
export interface Coverage {
  present: number;
  /** Present units with Chinese, which must be translated once they come near. */
  mustTranslate: number;
  /** Present units with an overlay (loading, done or failed). */
  overlaid: number;
  /** Present units whose translation is shown. */
  translated: number;
  /** Units whose overlay showed an error. */
  failed: number;
  /** Units within the near band (`nearScreens` of the screen) when the page was parsed. */
  nearAtLoad: number;
  /**
   * Overlaid units that were outside the near band when the page was parsed. Read before any
   * scrolling, this says whether RedBridge translated more than the screen and its margin; the
   * page's own positions are used because overlays push later units down.
   */
  overlaidFar: string[];
  /** Units that must not be translated but got an overlay. */
  wronglyOverlaid: string[];
}

/** A unit that came on screen; times in ms since navigation start (the page's `performance.now()`). */
export interface Appearance {
  id: string;
  appearedAt: number;
  /** When RedBridge first marked it as a unit it follows; null: never. */
  trackedAt: number | null;
  /** When its translation first showed, before or after it appeared; null: never. */
  shownAt: number | null;
}

export interface UnitRecorder {
  appearances(): Appearance[];
  coverage(): Coverage;
}
