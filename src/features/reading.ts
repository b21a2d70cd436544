import { startCoverTranslation } from './cover-translation';
import { stopWhenAborted, type Feature } from './feature';
import { startHoverTranslation } from './hover-translation';
import { startImageTranslation } from './image-translation';
import { startInlineOverlays } from './inline-overlay';

/**
 * The page's text in the display mode of the settings: `bilingual` overlays or `hover`
 * popovers. A new mode, language or backend starts afresh (the cache makes that cheap);
 * stopping removes every overlay.
 */
export const textTranslation: Feature = {
  name: 'text translation',
  // Image translation runs apart: changing it does not start the text overlays afresh.
  runsWith: (settings) => (settings.display === 'off' ? null : JSON.stringify({ ...settings, imageTranslation: null, videoSubtitles: null, subtitleLanguage: null })),
  start({ settings, sites, client, stats, changes, signal }) {
    // The new mode finds every unit again: counting on would show each one twice.
    stats.reset();
    const { targetLanguage } = settings;
    const adapter = sites.reading;
    const stop =
      settings.display === 'hover'
        ? startHoverTranslation({ adapter, client, targetLanguage, stats, delayMs: settings.hoverDelayMs, key: settings.hoverKey })
        : startInlineOverlays({ adapter, client, targetLanguage, backendChoices: settings.backendChoices, stats, changes });
    stopWhenAborted(signal, stop);
  },
};

/** The text on note images, and in hover mode on feed covers too, as the cards' titles. */
export const imageText: Feature = {
  name: 'image translation',
  runsWith: ({ imageTranslation, targetLanguage, backend, display, hoverDelayMs }) =>
    imageTranslation === 'off' ? null : JSON.stringify([imageTranslation, targetLanguage, backend, display === 'hover' && hoverDelayMs]),
  start({ settings, sites, client, stats, changes, signal }) {
    const mode = settings.imageTranslation;
    if (mode === 'off') return;
    const site = sites.images;
    stopWhenAborted(signal, startImageTranslation({ site, client, mode, changes, stats }));
    if (settings.display !== 'hover') return;
    stopWhenAborted(signal, startCoverTranslation({ site, client, mode, changes, stats, delayMs: settings.hoverDelayMs }));
  },
};
