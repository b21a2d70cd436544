import type { PageObserver } from '../dom/page-observer';
import { createTranslateClient } from '../messaging/translate-client';
import type { PageSettings } from '../settings/schema';
import type { SiteAdapter } from '../sites/types';
import { startHoverTranslation } from './hover-translation';
import { startInlineOverlays } from './inline-overlay';
import { createTabStats } from './tab-stats';

/**
 * Turns the reading features on, off or over as the settings change, in an open tab, without
 * a reload: `bilingual` overlays, `hover` popovers, or nothing. A new mode, language or backend
 * starts afresh (the cache makes that cheap); switching off removes every overlay.
 */
export function startReading(adapter: SiteAdapter, changes: PageObserver) {
  const client = createTranslateClient();
  const stats = createTabStats();
  let stopMode: (() => void) | null = null;
  let runningWith = '';

  function stop(): void {
    stopMode?.();
    stopMode = null;
    runningWith = '';
  }

  return {
    stats: stats.counts,
    apply(settings: PageSettings): void {
      if (!settings.enabled || settings.display === 'off') return stop();
      const signature = JSON.stringify(settings);
      if (stopMode && runningWith === signature) return;
      stop();
      // The new mode finds every unit again: counting on would show each one twice.
      stats.reset();
      const { targetLanguage } = settings;
      stopMode =
        settings.display === 'hover'
          ? startHoverTranslation({ adapter, client, targetLanguage, stats, delayMs: settings.hoverDelayMs, key: settings.hoverKey })
          : startInlineOverlays({ adapter, client, targetLanguage, stats, changes });
      runningWith = signature;
    },
    stop,
  };
}
