import type { PageObserver } from '../dom/page-observer';
import { createTranslateClient } from '../messaging/translate-client';
import type { PageSettings } from '../settings/schema';
import type { ImageSite, SiteAdapter } from '../sites/types';
import { startCoverTranslation } from './cover-translation';
import { startHoverTranslation } from './hover-translation';
import { startImageTranslation } from './image-translation';
import { startInlineOverlays } from './inline-overlay';
import { createTabStats } from './tab-stats';

/**
 * Turns the reading features on, off or over as the settings change, in an open tab, without
 * a reload: `bilingual` overlays, `hover` popovers, or nothing, and beside them the text on note
 * images. A new mode, language or backend starts afresh (the cache makes that cheap); switching
 * off removes every overlay.
 */
export function startReading(adapter: SiteAdapter, changes: PageObserver, images?: ImageSite) {
  const client = createTranslateClient();
  const stats = createTabStats();
  let stopMode: (() => void) | null = null;
  let runningWith = '';
  let stopImages: (() => void) | null = null;
  let imagesWith = '';

  function stopText(): void {
    stopMode?.();
    stopMode = null;
    runningWith = '';
  }

  function stopImageTranslation(): void {
    stopImages?.();
    stopImages = null;
    imagesWith = '';
  }

  function applyText(settings: PageSettings): void {
    if (!settings.enabled || settings.display === 'off') return stopText();
    // Image translation runs apart: changing it does not start the text overlays afresh.
    const signature = JSON.stringify({ ...settings, imageTranslation: null });
    if (stopMode && runningWith === signature) return;
    stopText();
    // The new mode finds every unit again: counting on would show each one twice.
    stats.reset();
    const { targetLanguage } = settings;
    stopMode =
      settings.display === 'hover'
        ? startHoverTranslation({ adapter, client, targetLanguage, stats, delayMs: settings.hoverDelayMs, key: settings.hoverKey })
        : startInlineOverlays({ adapter, client, targetLanguage, stats, changes });
    runningWith = signature;
  }

  function applyImages(settings: PageSettings): void {
    const mode = settings.enabled && images ? settings.imageTranslation : 'off';
    if (mode === 'off' || !images) return stopImageTranslation();
    // Feed covers show their text in hover mode, as the cards' titles do.
    const covers = settings.display === 'hover';
    const signature = JSON.stringify([mode, settings.targetLanguage, settings.backend, covers && settings.hoverDelayMs]);
    if (stopImages && imagesWith === signature) return;
    stopImageTranslation();
    const stopNotes = startImageTranslation({ site: images, client, mode, changes, stats });
    const stopCovers = covers
      ? startCoverTranslation({ site: images, client, mode, changes, stats, delayMs: settings.hoverDelayMs })
      : () => undefined;
    stopImages = () => {
      stopNotes();
      stopCovers();
    };
    imagesWith = signature;
  }

  return {
    stats: stats.counts,
    apply(settings: PageSettings): void {
      applyText(settings);
      applyImages(settings);
    },
    stop(): void {
      stopText();
      stopImageTranslation();
    },
  };
}
