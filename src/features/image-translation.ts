/**
 * Text on note images (issue 28): each note image gets an overlay with an EN button; its text
 * is read by on-device OCR in the background (never on this page's main thread) and each Chinese
 * block is translated as one unit, through the same client, cache and backends as any text.
 *
 * `auto`: the shown slide is read when a note opens and each slide when it is shown, with the
 * next one read ahead. `button`: only on the reader's click.
 */
import type { PageObserver } from '../dom/page-observer';
import { sendToBackground } from '../messaging/send';
import type { createTranslateClient } from '../messaging/translate-client';
import { parseImageReading, type ImageReading } from '../ocr/image-reading';
import type { ImageReadOutcome } from '../ocr/image-reader';
import { parseImageErrorInfo, type ImageReadErrorInfo } from '../ocr/read-error';
import type { ImageTranslationMode } from '../settings/schema';
import type { ImageSite, NoteImage } from '../sites/types';
import type { TranslateOutcome } from '../translation/service';
import { createImageHost, pictureBox, type ImageHost } from '../ui/image-host';
import type { ImageOverlayState } from '../ui/ImageOverlay';
import { t } from '../ui/i18n';
import type { TabStatsCounter } from './tab-stats';

export interface ImageTranslationOptions {
  site: ImageSite;
  client: ReturnType<typeof createTranslateClient>;
  mode: Exclude<ImageTranslationMode, 'off'>;
  changes: PageObserver;
  stats?: TabStatsCounter;
}

interface ImageView {
  image: NoteImage;
  host: ImageHost;
  state: ImageOverlayState;
  showTranslation: boolean;
  /** Bumped on each read, so a late answer for an earlier one is dropped. */
  generation: number;
}

function badAnswer(): ImageReadErrorInfo {
  return { code: 'read', message: t('image_badAnswer') };
}

/** The background's answer, checked: it crosses a message channel. */
function outcomeOf(answer: unknown): { reading: ImageReading } | { error: ImageReadErrorInfo } {
  if (typeof answer !== 'object' || answer === null) return { error: badAnswer() };
  const { ok, reading, error } = answer as Record<string, unknown>;
  if (ok === true) {
    const parsed = parseImageReading(reading);
    return parsed ? { reading: parsed } : { error: badAnswer() };
  }
  return { error: parseImageErrorInfo(error) ?? badAnswer() };
}

/** Whether the image's picture lies wholly inside the viewport, so a screenshot holds all of it. */
function wholeInView(rect: DOMRect): boolean {
  return rect.width > 0 && rect.left >= 0 && rect.top >= 0 && rect.right <= innerWidth && rect.bottom <= innerHeight;
}

/** Two frames: the hidden overlay is off the screen before the tab is captured. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

export function startImageTranslation({ site, client, mode, changes, stats }: ImageTranslationOptions): () => void {
  const views = new Map<HTMLImageElement, ImageView>();
  /** Per carousel: its stop, and a request to read its shown slide at the next frame. */
  const carousels = new Map<Element, { stop: () => void; changed: () => void }>();
  let stopped = false;

  function renderView(view: ImageView): void {
    if (stopped) return;
    view.host.render({
      state: view.state,
      showTranslation: view.showTranslation,
      onButton: () => pressed(view),
      onRetryBlocks: () => void translateBlocks(view, view.generation, true),
    });
  }

  function pressed(view: ImageView): void {
    const { status } = view.state;
    if (status === 'idle' || status === 'failed') {
      void read(view);
    } else if (status === 'read') {
      view.showTranslation = !view.showTranslation;
      renderView(view);
    }
  }

  async function ask(view: ImageView): Promise<ImageReadOutcome> {
    const { url, key } = view.image;
    const answer = await sendToBackground({ type: 'read-image', url, key });
    const first = outcomeOf(answer);
    // The CDN refused the background's download: read a screenshot of what the page shows.
    if ('error' in first && first.error.code === 'fetch') {
      const captured = await capture(view);
      if (captured && captured.ok) return captured;
    }
    return answer;
  }

  async function capture(view: ImageView): Promise<ImageReadOutcome | null> {
    const box = pictureBox(view.image.element);
    const imageRect = view.image.element.getBoundingClientRect();
    const rect = new DOMRect(
      imageRect.left + box.left - view.image.element.offsetLeft,
      imageRect.top + box.top - view.image.element.offsetTop,
      box.width,
      box.height,
    );
    if (!wholeInView(rect) || !site.isShown(view.image)) return null;
    view.host.setHidden(true);
    try {
      await afterPaint();
      const { x, y, width, height } = rect;
      return await sendToBackground({ type: 'capture-image', key: view.image.key, rect: { x, y, width, height }, pixelRatio: devicePixelRatio });
    } catch {
      return null;
    } finally {
      view.host.setHidden(false);
    }
  }

  async function read(view: ImageView): Promise<void> {
    const generation = ++view.generation;
    view.state = { status: 'reading' };
    renderView(view);
    let answer: unknown;
    try {
      answer = await ask(view);
    } catch (error) {
      answer = { ok: false, error: { code: 'unavailable', message: t('overlay_notResponding', error instanceof Error ? error.message : String(error)) } };
    }
    if (stopped || generation !== view.generation) return;
    const outcome = outcomeOf(answer);
    if ('error' in outcome) {
      view.state = { status: 'failed', error: outcome.error };
      renderView(view);
      return;
    }
    stats?.imageRead(view.image.key);
    const { reading } = outcome;
    if (reading.language !== 'chinese') {
      view.state = { status: 'no-text', language: reading.language };
      renderView(view);
      return;
    }
    view.state = { status: 'read', width: reading.width, height: reading.height, blocks: reading.blocks, translations: reading.blocks.map(() => null) };
    view.showTranslation = true;
    renderView(view);
    await translateBlocks(view, generation, false);
  }

  /** Each block one unit; with `retry`, only those that failed, asking the primary backend again. */
  async function translateBlocks(view: ImageView, generation: number, retry: boolean): Promise<void> {
    const state = view.state;
    if (state.status !== 'read') return;
    const wanted = state.blocks.map((_, i) => !retry || (state.translations[i] != null && !state.translations[i]!.ok));
    const translations = [...state.translations];
    if (retry) wanted.forEach((want, i) => want && (translations[i] = null));
    view.state = { ...state, translations };
    renderView(view);
    const answers = await Promise.all(
      state.blocks.map((block, i): Promise<TranslateOutcome | null> =>
        wanted[i] ? client.translate({ text: block.text, mentions: [] }, retry) : Promise.resolve(translations[i] ?? null),
      ),
    );
    if (stopped || generation !== view.generation || view.state.status !== 'read') return;
    view.state = { ...view.state, translations: answers };
    renderView(view);
  }

  /** Adds an overlay to a new note image; returns its carousel, or null for anything else. */
  function add(element: Element): Element | null {
    if (!(element instanceof HTMLImageElement) || views.has(element)) return null;
    const image = site.noteImageOf(element);
    if (!image) return null;
    const view: ImageView = { image, host: createImageHost(element), state: { status: 'idle' }, showTranslation: true, generation: 0 };
    views.set(element, view);
    renderView(view);
    if (!carousels.has(image.carousel)) {
      const carousel = image.carousel;
      let pending = false;
      // Which slide shows is a layout question: asked once per frame, never in the page's task.
      const changed = () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          readShown(carousel);
        });
      };
      carousels.set(carousel, { stop: site.watchSlides(carousel, changed), changed });
    }
    return image.carousel;
  }

  /** `auto`: reads the carousel's shown slide, then the next one ahead of the reader. */
  function readShown(carousel: Element): void {
    if (mode !== 'auto' || stopped) return;
    const inCarousel = [...views.values()].filter((view) => view.image.carousel === carousel).sort((a, b) => a.image.index - b.image.index);
    const shown = inCarousel.findIndex((view) => site.isShown(view.image));
    if (shown < 0) return;
    const current = inCarousel[shown]!;
    const next = inCarousel[shown + 1];
    const readIdle = (view: ImageView | undefined) => (view && view.state.status === 'idle' ? read(view) : Promise.resolve());
    void readIdle(current).then(() => readIdle(next));
  }

  function remove(element: HTMLImageElement, view: ImageView): void {
    view.host.destroy();
    views.delete(element);
    const carousel = view.image.carousel;
    if (![...views.values()].some((other) => other.image.carousel === carousel)) {
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
    for (const carousel of found) carousels.get(carousel)?.changed();
  }

  scan(document);
  const unsubscribe = changes.subscribe((records) => {
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
      if (record.removedNodes.length > 0) removed = true;
    }
    if (removed && views.size > 0) {
      for (const [element, view] of views) if (!element.isConnected) remove(element, view);
    }
  });

  return () => {
    stopped = true;
    unsubscribe();
    for (const [element, view] of views) remove(element, view);
  };
}
