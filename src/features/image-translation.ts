/**
 * Text on note images (issue 28): each image of a note's carousel gets an overlay with an EN
 * button; its text is read by on-device OCR in the background (never on this page's main
 * thread) and each Chinese block is translated as one unit, through the same client, cache and
 * backends as any text (image-view.ts).
 *
 * `auto`: the shown slide is read when a note opens and each slide when it is shown, with the
 * next one read ahead. `button`: only on the reader's click.
 */
import type { PageObserver } from '../dom/page-observer';
import { createYielder } from '../dom/schedule';
import { createTaskSlicer } from '../dom/time-slice';
import type { createTranslateClient } from '../messaging/translate-client';
import type { ImageTranslationMode } from '../settings/schema';
import type { ImageSite, NoteImage } from '../sites/types';
import { createImageView, type ImageView } from './image-view';
import type { TabStatsCounter } from './tab-stats';

export interface ImageTranslationOptions {
  site: ImageSite;
  client: ReturnType<typeof createTranslateClient>;
  mode: Exclude<ImageTranslationMode, 'off'>;
  changes: PageObserver;
  stats?: TabStatsCounter;
}

export function startImageTranslation({ site, client, mode, changes, stats }: ImageTranslationOptions): () => void {
  /** Every note image found; its view is made in a task of RedBridge's own (null until then). */
  const views = new Map<HTMLImageElement, { image: NoteImage; view: ImageView | null }>();
  /**
   * Overlays are made in slices after the page's task, never in it: the first one also loads
   * the extension's messages, and a note's slides all at once made a long task on the page.
   */
  const slicer = createTaskSlicer();
  const afterFrame = createYielder();
  /** Per carousel: its stop, and a request to read its shown slide at the next frame. */
  const carousels = new Map<Element, { stop: () => void; changed: () => void }>();
  let stopped = false;

  /** `auto`: reads the carousel's shown slide, then the next one ahead of the reader. */
  function readShown(carousel: Element): void {
    if (mode !== 'auto' || stopped) return;
    const inCarousel = [...views.values()].filter(({ image }) => image.carousel === carousel).sort((a, b) => a.image.index - b.image.index);
    const shown = inCarousel.findIndex(({ image }) => site.isShown(image));
    if (shown < 0) return;
    const current = inCarousel[shown]!.view;
    const next = inCarousel[shown + 1]?.view;
    // A view still being made reads when it is made (it asks for this again).
    if (current) void current.read().then(() => next?.read());
  }

  function makeView(element: HTMLImageElement): void {
    const entry = views.get(element);
    if (stopped || !entry || entry.view || !element.isConnected) return;
    const { image } = entry;
    entry.view = createImageView(image, { client, stats, capturable: () => site.isShown(image) });
    carousels.get(image.carousel)?.changed();
  }

  function watchCarousel(carousel: Element): void {
    if (carousels.has(carousel)) return;
    let pending = false;
    // Which slide shows is a layout question: asked once per frame, in a task of its own right
    // after the frame is drawn, when the layout is fresh (asking inside the frame made it long).
    const changed = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() =>
        afterFrame(() => {
          pending = false;
          readShown(carousel);
        }),
      );
    };
    carousels.set(carousel, { stop: site.watchSlides(carousel, changed), changed });
  }

  /** Adds an overlay to a new note image; returns its carousel, or null for anything else. */
  function add(element: Element): Element | null {
    if (!(element instanceof HTMLImageElement) || views.has(element)) return null;
    const image = site.noteImageOf(element);
    if (!image) return null;
    views.set(element, { image, view: null });
    slicer.add(() => makeView(element));
    watchCarousel(image.carousel);
    return image.carousel;
  }

  function remove(element: HTMLImageElement): void {
    const entry = views.get(element);
    if (!entry) return;
    entry.view?.destroy();
    views.delete(element);
    const { carousel } = entry.image;
    if (![...views.values()].some(({ image }) => image.carousel === carousel)) {
      carousels.get(carousel)?.stop();
      carousels.delete(carousel);
    }
  }

  /** Adds the note images in `root`; the carousels that got new ones read their shown slide. */
  function scan(root: ParentNode): void {
    const found = new Set<Element>();
    const consider = (element: Element) => {
      const carousel = add(element);
      if (carousel) found.add(carousel);
    };
    if (root instanceof Element && root.matches(site.imageSelector)) consider(root);
    for (const element of root.querySelectorAll(site.imageSelector)) consider(element);
    if (found.size > 0) slicer.run(0);
  }

  scan(document);
  const unsubscribe = changes.subscribe((records) => {
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
      if (record.removedNodes.length > 0) removed = true;
    }
    if (removed && views.size > 0) {
      for (const element of [...views.keys()]) if (!element.isConnected) remove(element);
    }
  });

  return () => {
    stopped = true;
    slicer.clear();
    unsubscribe();
    for (const element of [...views.keys()]) remove(element);
  };
}
