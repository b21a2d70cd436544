/** Units come into play when they are within one screen of the visible area… */
const NEAR_MARGIN = '100% 0px 100% 0px';
/** …and are sent for translation at the latest when they are this close to it. */
const SOON_FRACTION = 0.25;
const SOON_MARGIN = `${SOON_FRACTION * 100}% 0px ${SOON_FRACTION * 100}% 0px`;
/**
 * Once this many units wait a screen ahead, they are due without waiting for one of them to
 * come closer: enough for a well-filled message, and sent now the background has a screen's
 * lead on them. The background's queue still cuts its requests to each backend's limits and
 * joins what arrives while it waits; nothing here knows those limits. Fewer units wait for the
 * reader, so a slow scroll makes one message per flush instead of one per unit that comes near.
 */
export const DUE_WHEN_WAITING = 24;

interface ContainerObservers {
  /** The scroll container, or null for the window. */
  root: Element | null;
  near: IntersectionObserver;
  soon: IntersectionObserver;
}

export interface VisibilityQueueOptions {
  /** The element that scrolls `element` (the note's comment column), or null for the window. */
  scrollContainerFor(element: Element): Element | null;
  /**
   * Units that just came near, before they join the queue; those it returns are taken care of
   * (e.g. shown from the cache) and are not queued.
   */
  onNear?(elements: Element[]): ReadonlySet<Element>;
  /** The units to translate now, in the order they came near. */
  onFlush(elements: Element[]): void;
}

/**
 * Decides which units are due for translation, from where they are: the content side's only
 * say in batching, which is about how many messages the page sends, not about backends. A
 * unit that comes within about one screen of the visible area (of the window, or of its own
 * scroll container such as the note's comment column) joins a queue; the queue goes out in one
 * piece (one `onFlush`, which the translate client sends as one message) once one of its units
 * is about to be seen or `DUE_WHEN_WAITING` units wait. Reading a long thread thus sends few,
 * well-filled messages, and nothing far from the screen is translated.
 * IntersectionObserver's margin only grows its own root, so each scroll container gets
 * observers of its own.
 */
export function createVisibilityQueue({ scrollContainerFor, onNear, onFlush }: VisibilityQueueOptions) {
  let windowObservers: ContainerObservers | null = null;
  const containerObservers = new WeakMap<Element, ContainerObservers>();
  const all = new Set<IntersectionObserver>();
  /** Watched units, with the observers that watch them (a removed unit's container cannot be found from it). */
  const watched = new WeakMap<Element, ContainerObservers>();
  /** Queued units, with the observers that watch them. */
  const queued = new Map<Element, ContainerObservers>();

  /** Whether an entry of the `near` observer is already within the `soon` band. */
  function isSoon(entry: IntersectionObserverEntry): boolean {
    const bounds = entry.rootBounds;
    if (!bounds) return true;
    // The near root is the visible area grown by its own height above and below.
    const height = bounds.height / 3;
    const top = bounds.top + height - SOON_FRACTION * height;
    const bottom = bounds.bottom - height + SOON_FRACTION * height;
    return entry.boundingClientRect.bottom >= top && entry.boundingClientRect.top <= bottom;
  }

  function flush(): void {
    if (queued.size === 0) return;
    const elements = [...queued.keys()];
    for (const [element, observers] of queued) observers.soon.unobserve(element);
    queued.clear();
    onFlush(elements);
  }

  function create(root: Element | null): ContainerObservers {
    const observers: ContainerObservers = {
      root,
      near: new IntersectionObserver(
        (entries) => {
          const near = entries.filter((entry) => entry.isIntersecting);
          for (const entry of near) observers.near.unobserve(entry.target);
          const handled = onNear?.(near.map((entry) => entry.target));
          let urgent = false;
          for (const entry of near) {
            if (handled?.has(entry.target)) continue;
            queued.set(entry.target, observers);
            if (isSoon(entry)) urgent = true;
            else observers.soon.observe(entry.target);
          }
          if (urgent || queued.size >= DUE_WHEN_WAITING) flush();
        },
        { root, rootMargin: NEAR_MARGIN },
      ),
      soon: new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) flush();
        },
        { root, rootMargin: SOON_MARGIN },
      ),
    };
    all.add(observers.near);
    all.add(observers.soon);
    return observers;
  }

  function observersFor(element: Element): ContainerObservers {
    const container = scrollContainerFor(element);
    if (!container) return (windowObservers ??= create(null));
    let observers = containerObservers.get(container);
    if (!observers) {
      observers = create(container);
      containerObservers.set(container, observers);
    }
    return observers;
  }

  return {
    watch(element: Element): void {
      const observers = observersFor(element);
      watched.set(element, observers);
      observers.near.observe(element);
    },
    unwatch(element: Element): void {
      const observers = watched.get(element);
      watched.delete(element);
      queued.delete(element);
      if (!observers) return;
      observers.near.unobserve(element);
      observers.soon.unobserve(element);
      // A closed note takes its comment column with it: drop that column's observers too.
      const container = observers.root;
      if (container && !container.isConnected && containerObservers.get(container) === observers) {
        for (const observer of [observers.near, observers.soon]) {
          observer.disconnect();
          all.delete(observer);
        }
        containerObservers.delete(container);
        for (const [queuedElement, queuedObservers] of queued) if (queuedObservers === observers) queued.delete(queuedElement);
      }
    },
    disconnect(): void {
      for (const observer of all) observer.disconnect();
      all.clear();
      queued.clear();
      windowObservers = null;
    },
  };
}
