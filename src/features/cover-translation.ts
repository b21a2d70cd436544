/**
 * Text on feed covers, in hover mode (issue 28): a pointer resting on a card's cover for the
 * hover delay shows the same image overlay as a note image, laid over the cover (card sizes do
 * not change). In `auto` the cover is read then; in `button` the overlay offers EN first.
 * Leaving the cover hides it; coming back shows it at once.
 */
import { IMAGE_OVERLAY_TAG } from '../dom/own-nodes';
import type { PageObserver } from '../dom/page-observer';
import type { createTranslateClient } from '../messaging/translate-client';
import type { ImageTranslationMode } from '../settings/schema';
import type { ImageSite } from '../sites/types';
import { createImageView, type ImageView } from './image-view';
import type { TabStatsCounter } from './tab-stats';

export interface CoverTranslationOptions {
  site: ImageSite;
  client: ReturnType<typeof createTranslateClient>;
  mode: Exclude<ImageTranslationMode, 'off'>;
  changes: PageObserver;
  /** How long the pointer rests on a cover before its overlay shows. */
  delayMs: number;
  stats?: TabStatsCounter;
}

export function startCoverTranslation({ site, client, mode, changes, delayMs, stats }: CoverTranslationOptions): () => void {
  const views = new Map<HTMLImageElement, ImageView>();
  let pending: { cover: HTMLImageElement; timer: ReturnType<typeof setTimeout> } | null = null;
  let shown: ImageView | null = null;

  /** The cover image under `target`: the image itself, or its overlay (the EN button, the list). */
  function coverAt(target: EventTarget | null): HTMLImageElement | null {
    if (!(target instanceof Element)) return null;
    const element = target.localName === IMAGE_OVERLAY_TAG ? target.previousElementSibling : target;
    return element instanceof HTMLImageElement && site.coverImageOf(element) ? element : null;
  }

  function hide(): void {
    shown?.setHidden(true);
    shown = null;
  }

  function show(cover: HTMLImageElement): void {
    let view = views.get(cover);
    if (!view) {
      const image = site.coverImageOf(cover);
      if (!image) return;
      view = createImageView(image, { client, stats, capturable: () => false });
      views.set(cover, view);
    }
    if (shown !== view) hide();
    view.setHidden(false);
    shown = view;
    if (mode === 'auto') void view.read();
  }

  function onOver(event: PointerEvent): void {
    const cover = coverAt(event.target);
    if (!cover || pending?.cover === cover || (shown && shown === views.get(cover))) return;
    if (pending) clearTimeout(pending.timer);
    pending = null;
    // A cover shown before comes back at once; a new one waits for the pointer to rest.
    if (views.has(cover)) show(cover);
    else pending = { cover, timer: setTimeout(() => ((pending = null), show(cover)), delayMs) };
  }

  function onOut(event: PointerEvent): void {
    const from = coverAt(event.target);
    if (!from || coverAt(event.relatedTarget) === from) return;
    if (pending?.cover === from) {
      clearTimeout(pending.timer);
      pending = null;
    }
    if (shown === views.get(from)) hide();
  }

  const lifetime = new AbortController();
  document.addEventListener('pointerover', onOver, { capture: true, signal: lifetime.signal });
  document.addEventListener('pointerout', onOut, { capture: true, signal: lifetime.signal });
  const unsubscribe = changes.subscribe((records) => {
    if (views.size === 0 || !records.some((record) => record.removedNodes.length > 0)) return;
    for (const [cover, view] of views) {
      if (cover.isConnected) continue;
      if (shown === view) shown = null;
      view.destroy();
      views.delete(cover);
    }
  });

  return () => {
    lifetime.abort();
    unsubscribe();
    if (pending) clearTimeout(pending.timer);
    for (const view of views.values()) view.destroy();
    views.clear();
  };
}
