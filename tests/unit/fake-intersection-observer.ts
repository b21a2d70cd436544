/**
 * An IntersectionObserver whose notifications a test sends by hand, for code that watches
 * units with a `near` observer (margin one screen, `100% …`) and a `soon` one (a quarter).
 * Install with `vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)`.
 */
export class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly observed = new Set<Element>();
  disconnected = false;
  readonly root: Element | null;
  readonly rootMargin: string;
  constructor(
    private readonly callback: (entries: IntersectionObserverEntry[], observer: FakeIntersectionObserver) => void,
    options: IntersectionObserverInit = {},
  ) {
    this.root = (options.root as Element | null | undefined) ?? null;
    this.rootMargin = options.rootMargin ?? '0px';
    FakeIntersectionObserver.all.push(this);
  }
  observe(element: Element): void {
    this.observed.add(element);
  }
  unobserve(element: Element): void {
    this.observed.delete(element);
  }
  disconnect(): void {
    this.observed.clear();
    this.disconnected = true;
  }
  /** Reports `elements` as intersecting, at `top` px in a 1000 px high viewport. */
  report(elements: Element[], top = 0): void {
    const viewport = { top: 0, bottom: 1000, height: 1000 };
    // The near observer's root is the viewport grown by a screen above and below.
    const rootBounds = this.rootMargin.startsWith('100%')
      ? { top: viewport.top - 1000, bottom: viewport.bottom + 1000, height: 3000 }
      : { top: viewport.top - 250, bottom: viewport.bottom + 250, height: 1500 };
    const entries = elements.map(
      (target) =>
        ({
          target,
          isIntersecting: true,
          rootBounds,
          boundingClientRect: { top, bottom: top + 80 },
        }) as unknown as IntersectionObserverEntry,
    );
    this.callback(entries, this);
  }
}
