import { createTranslateClient } from '../messaging/translate-client';
import type { PageSettings } from '../settings/schema';
import type { SiteAdapter } from '../sites/types';
import { startInlineOverlays } from './inline-overlay';

/**
 * Turns the reading features on, off or over as the settings change, in an open tab, without
 * a reload. A new language or backend starts the overlays afresh (the cache makes that cheap).
 */
export function startReading(adapter: SiteAdapter) {
  const client = createTranslateClient();
  let stopOverlays: (() => void) | null = null;
  let runningWith = '';

  function stop(): void {
    stopOverlays?.();
    stopOverlays = null;
    runningWith = '';
  }

  return {
    apply(settings: PageSettings): void {
      const wanted = settings.enabled && settings.display === 'bilingual';
      const signature = `${settings.targetLanguage}|${settings.backend}`;
      if (!wanted) return stop();
      if (stopOverlays && runningWith === signature) return;
      stop();
      stopOverlays = startInlineOverlays({ adapter, client, targetLanguage: settings.targetLanguage });
      runningWith = signature;
    },
    stop,
  };
}
