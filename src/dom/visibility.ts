/**
 * Calls `onNear` once for each watched element when it comes within about one screen of the
 * visible area of its scroll container (the window, or an element such as the note's comment
 * column). IntersectionObserver's margin only grows its own root, so each scroll container
 * gets an observer of its own.
 */
export function createVisibilityWatcher(
  onNear: (element: Element) => void,
  scrollContainerFor: (element: Element) => Element | null,
) {
  const MARGIN = '100% 0px 100% 0px';
  let windowObserver: IntersectionObserver | null = null;
  const containerObservers = new WeakMap<Element, IntersectionObserver>();
  const all = new Set<IntersectionObserver>();

  function callback(entries: IntersectionObserverEntry[], observer: IntersectionObserver): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      onNear(entry.target);
    }
  }

  function observerFor(element: Element): IntersectionObserver {
    const container = scrollContainerFor(element);
    if (!container) {
      windowObserver ??= track(new IntersectionObserver(callback, { rootMargin: MARGIN }));
      return windowObserver;
    }
    let observer = containerObservers.get(container);
    if (!observer) {
      observer = track(new IntersectionObserver(callback, { root: container, rootMargin: MARGIN }));
      containerObservers.set(container, observer);
    }
    return observer;
  }

  function track(observer: IntersectionObserver): IntersectionObserver {
    all.add(observer);
    return observer;
  }

  return {
    watch(element: Element): void {
      observerFor(element).observe(element);
    },
    unwatch(element: Element): void {
      const container = scrollContainerFor(element);
      const observer = container ? containerObservers.get(container) : windowObserver;
      observer?.unobserve(element);
      // A closed note takes its comment column with it: drop that column's observer too.
      if (container && observer && !container.isConnected) {
        observer.disconnect();
        all.delete(observer);
        containerObservers.delete(container);
      }
    },
    disconnect(): void {
      for (const observer of all) observer.disconnect();
      all.clear();
      windowObserver = null;
    },
  };
}
