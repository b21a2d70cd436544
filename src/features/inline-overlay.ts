import { isOwnNode } from '../dom/own-nodes';
import { createUnitTracker, UNIT_ID_ATTRIBUTE, type TrackedUnit } from '../dom/unit-tracker';
import type { PageObserver } from '../dom/page-observer';
import { createTaskSlicer } from '../dom/time-slice';
import { createVisibilityQueue } from '../dom/visibility';
import type { createTranslateClient } from '../messaging/translate-client';
import type { SiteAdapter, UnitContent } from '../sites/types';
import { createOverlayHost, type OverlayHost } from '../ui/overlay-host';
import { LOADING_DELAY_MS, type OverlayState } from '../ui/overlay-state';
import type { BackendId } from '../settings/schema';
import type { TabStatsCounter } from './tab-stats';
import type { TranslateOutcome } from '../messaging/wire';
import { cachedRequest, chineseParts, overlayStateOf, sameRequest, translateRequest } from './unit-request';

export interface InlineOverlayOptions {
  adapter: SiteAdapter;
  client: ReturnType<typeof createTranslateClient>;
  targetLanguage: string;
  /** The backends a reader may ask instead, from the settings. */
  backendChoices: readonly BackendId[];
  stats?: TabStatsCounter;
  changes: PageObserver;
}

/** The host element points back at its unit, for re-renders and for tests. */
const FOR_ATTRIBUTE = 'data-redbridge-for';
/** A page that keeps deleting our overlay wins after this many re-inserts. */
const MAX_REINSERTS = 3;

interface View {
  unit: TrackedUnit;
  host: OverlayHost | null;
  state: OverlayState;
  /** What was sent for translation: the Chinese body (or '') and the Chinese hashtags. */
  request: UnitContent | null;
  /** Bumped on every request so a late answer for old content is dropped. */
  generation: number;
  reinserts: number;
  /** The cache's answer for the unit's words, looked up when it was found, shown when it comes near. */
  cached: { request: UnitContent; outcomes: TranslateOutcome[] } | null;
  /** Came within a screen of the view (see `dom/visibility.ts`). */
  near: boolean;
  /**
   * Its first translation was asked for while its cache lookup was still on the way: whichever
   * answers first is shown (on a busy page each round trip can wait a frame of hundreds of ms).
   */
  cacheMayAnswer: boolean;
}

/**
 * Bilingual mode: every Chinese unit gets its English under it (or, for feed cards, as a
 * caption over the cover), translated when it comes near the screen.
 */
export function startInlineOverlays({ adapter, client, targetLanguage, backendChoices, stats, changes }: InlineOverlayOptions): () => void {
  /** By unit element, and by overlay host element. */
  const views = new WeakMap<Element, View>();
  const hostViews = new WeakMap<Element, View>();
  /**
   * Units that came near while they waited to be read: on a busy page the reader can scroll
   * past a unit the page just added before RedBridge has read it, and it must not be missed.
   */
  const nearBeforeRead = new WeakSet<Element>();
  /** Overlays of translations that just arrived, rendered a slice at a time. */
  const answers = createTaskSlicer();
  const visibility = createVisibilityQueue({
    scrollContainerFor: adapter.scrollContainerFor,
    onNear(elements) {
      const handled = new Set<Element>();
      for (const element of elements) {
        const view = views.get(element);
        if (!view) {
          // Not read yet (or not Chinese, and unwatched when read): `added` takes it from here.
          nearBeforeRead.add(element);
          handled.add(element);
        } else {
          view.near = true;
          if (showCached(view)) handled.add(element);
        }
      }
      return handled;
    },
    onFlush(elements) {
      // Asked for in one go: the translate client sends them to the background in one message.
      for (const element of elements) {
        const view = views.get(element);
        if (view && !view.request) void translate(view);
      }
    },
  });

  function render(view: View): void {
    if (!view.host) {
      view.host = createOverlayHost(adapter.placementOf(view.unit.kind));
      hostViews.set(view.host.element, view);
    }
    view.host.element.setAttribute(FOR_ATTRIBUTE, view.unit.id);
    if (!view.host.element.isConnected) insert(view.host.element, view.unit);
    view.host.render({
      state: view.state,
      placement: adapter.placementOf(view.unit.kind),
      language: targetLanguage,
      onRetry: () => void translate(view, true),
      retranslate: { choices: backendChoices, with: (backend) => void translate(view, false, backend) },
    });
  }

  function insert(host: Element, unit: TrackedUnit): void {
    const slot = adapter.overlaySlot(unit.element, unit.kind);
    slot.parent.insertBefore(host, slot.before);
  }

  async function translate(view: View, retry = false, backend?: BackendId): Promise<void> {
    const request = chineseParts(view.unit.content);
    if (!request) return remove(view);
    const generation = ++view.generation;
    view.cacheMayAnswer = !retry && backend === undefined && view.host === null && view.state.status === 'loading';
    view.request = request;
    view.state = { status: 'loading' };
    // The reader's own Retry or re-translation, or new words in a shown overlay: say so at once.
    const showLoadingNow = retry || backend !== undefined || view.host !== null;
    const current = () => generation === view.generation && views.get(view.unit.element) === view;
    let loadingTimer: ReturnType<typeof setTimeout> | undefined;
    if (showLoadingNow) render(view);
    else loadingTimer = setTimeout(() => current() && render(view), LOADING_DELAY_MS);
    const outcomes = await translateRequest(client, request, retry, backend);
    clearTimeout(loadingTimer);
    if (!current()) return;
    // One answer holds a batch of units: their overlays are put in a slice at a time.
    answers.add(() => {
      if (!current()) return;
      view.cacheMayAnswer = false;
      stats?.unitTranslated(view, outcomes);
      view.state = overlayStateOf(request, outcomes);
      render(view);
    });
    answers.run();
  }

  /**
   * Asks the cache about a unit as soon as it is found, far from the screen or not: when it
   * comes near, its translation is then shown in that same task, with no round trip to wait
   * for while the reader looks at an empty space. Nothing is shown before it comes near.
   */
  function lookUpCached(view: View): void {
    const request = chineseParts(view.unit.content);
    if (!request) return;
    void cachedRequest(client, request).then((outcomes) => {
      const current = views.get(view.unit.element) === view && sameRequest(request, chineseParts(view.unit.content));
      if (!outcomes || !current) return;
      if (view.request) {
        // Its translation is on the way too: the cache's answer is here first.
        if (view.cacheMayAnswer && sameRequest(view.request, request)) show(view, request, outcomes);
        return;
      }
      view.cached = { request, outcomes };
      // It came near while the cache was being read: it may already wait in the queue.
      if (view.near && showCached(view)) visibility.unwatch(view.unit.element);
    });
  }

  /** Shows the cache's answer if there is one and nothing was asked for since; says whether it did. */
  function showCached(view: View): boolean {
    const { cached } = view;
    if (!cached || view.request) return false;
    view.cached = null;
    show(view, cached.request, cached.outcomes);
    return true;
  }

  /** Shows answers from the cache; a translation still on its way for them is dropped when it comes. */
  function show(view: View, request: UnitContent, outcomes: TranslateOutcome[]): void {
    view.generation += 1;
    view.cacheMayAnswer = false;
    view.request = request;
    stats?.unitTranslated(view, outcomes);
    view.state = overlayStateOf(request, outcomes);
    render(view);
  }

  function remove(view: View): void {
    view.generation += 1;
    view.host?.destroy();
    view.host = null;
    view.request = null;
  }

  /** A re-rendered unit finds the overlay of the element it replaced at the same spot. */
  function adoptableView(unit: TrackedUnit): View | null {
    const { parent, before } = adapter.overlaySlot(unit.element, unit.kind);
    const candidate = adapter.placementOf(unit.kind) === 'caption' ? parent.lastElementChild : before;
    const view = candidate instanceof Element && isOwnNode(candidate) ? hostViews.get(candidate) : undefined;
    return view && !view.unit.element.isConnected ? view : null;
  }

  function added(unit: TrackedUnit): void {
    const cameNear = nearBeforeRead.has(unit.element);
    nearBeforeRead.delete(unit.element);
    const adopted = adoptableView(unit);
    if (adopted) {
      // Shown again, or translated at once: the replaced element is not waited for.
      visibility.unwatch(unit.element);
      visibility.unwatch(adopted.unit.element);
      views.delete(adopted.unit.element);
      adopted.unit = unit;
      views.set(unit.element, adopted);
      if (sameRequest(adopted.request, chineseParts(unit.content))) render(adopted);
      else void translate(adopted);
      return;
    }
    if (!chineseParts(unit.content)) return visibility.unwatch(unit.element);
    const view: View = {
      unit,
      host: null,
      state: { status: 'loading' },
      request: null,
      generation: 0,
      reinserts: 0,
      cached: null,
      near: cameNear,
      cacheMayAnswer: false,
    };
    stats?.unitFound(view);
    views.set(unit.element, view);
    // Already near: translated now (the background answers from its cache when it can).
    if (cameNear) return void translate(view);
    // Watched since it was found; again, in case it was unwatched without Chinese and has some now.
    visibility.watch(unit.element);
    lookUpCached(view);
  }

  const tracker = createUnitTracker(adapter, isOwnNode, {
    found: (element) => visibility.watch(element),
    added,
    dropped(element) {
      nearBeforeRead.delete(element);
      visibility.unwatch(element);
    },
    changed(unit) {
      const view = views.get(unit.element);
      if (!view) return added(unit);
      if (view.request) {
        if (!sameRequest(view.request, chineseParts(unit.content))) void translate(view);
        return;
      }
      // Not shown yet: the new words are looked up now and read when it comes into view.
      view.cached = null;
      lookUpCached(view);
    },
    removed(unit) {
      const view = views.get(unit.element);
      if (!view || view.unit !== unit) return;
      views.delete(unit.element);
      visibility.unwatch(unit.element);
      remove(view);
      // Gone from the page, gone from the counts: a virtual feed puts the card back later as a new unit.
      stats?.unitGone(view);
    },
    ownNodeRemoved(node) {
      const view = hostViews.get(node);
      if (!view || view.host?.element !== node || !view.unit.element.isConnected) return;
      if (view.reinserts++ < MAX_REINSERTS) insert(node, view.unit);
    },
  }, changes);

  tracker.start();
  return () => {
    tracker.stop();
    answers.clear();
    visibility.disconnect();
    for (const element of document.querySelectorAll(`[${UNIT_ID_ATTRIBUTE}]`)) {
      element.removeAttribute(UNIT_ID_ATTRIBUTE);
    }
    for (const host of document.querySelectorAll(`[${FOR_ATTRIBUTE}]`)) {
      hostViews.get(host)?.host?.destroy();
      host.remove();
    }
  };
}
