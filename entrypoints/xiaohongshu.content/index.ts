import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { removeOwnNodes } from '../../src/dom/own-nodes';
import { createPageObserver } from '../../src/dom/page-observer';
import { createFeatureManager } from '../../src/features/feature-manager';
import { fixedLabels } from '../../src/features/fixed-labels';
import { nameRomanization } from '../../src/features/name-romanization';
import { imageText, textTranslation } from '../../src/features/reading';
import { replyComposer } from '../../src/features/reply-composer';
import { englishSearch } from '../../src/features/search';
import { videoSubtitles } from '../../src/features/video-subtitles';
import { markRunning } from '../../src/features/running-marker';
import { createTabStats } from '../../src/features/tab-stats';
import { isContentMessage, type TabStats } from '../../src/messaging/content-messages';
import { ExtensionGoneError, extensionIsGone, sendToBackground } from '../../src/messaging/send';
import { createTranslateClient } from '../../src/messaging/translate-client';
import { xiaohongshu } from '../../src/sites/xiaohongshu/adapter';
import { xiaohongshuComposer } from '../../src/sites/xiaohongshu/composer';
import { xiaohongshuImages } from '../../src/sites/xiaohongshu/images';
import { xiaohongshuSearch } from '../../src/sites/xiaohongshu/search';
import { xiaohongshuLabels } from '../../src/sites/xiaohongshu/labels';
import { xiaohongshuNames } from '../../src/sites/xiaohongshu/names';
import { xiaohongshuVideos } from '../../src/sites/xiaohongshu/videos';
import { REDNOTE_MATCHES } from '../../src/sites/xiaohongshu/matches';

/** How often an open page checks that its extension is still there (Chrome says nothing). */
const EXTENSION_CHECK_MS = 1000;

export default defineContentScript({
  matches: REDNOTE_MATCHES,
  // Injected before the page is parsed, so the settings (and the background, which may have
  // to wake up) are ready when it is: the features start the moment the DOM is complete.
  // `document_end` runs a task or more after that, which the first screen would wait for.
  runAt: 'document_start',
  async main(ctx) {
    const unmarkRunning = markRunning(() => !extensionIsGone());
    // An earlier version's overlays and dock, left behind where it could not clean up (Firefox).
    removeOwnNodes();
    const pageSettings = sendToBackground({ type: 'get-page-settings' });
    const stats = createTabStats();
    const features = createFeatureManager({
      features: [
        // First: its request for the subtitles leaves before the others' work, and on a page
        // with no video it costs one selector query.
        videoSubtitles,
        textTranslation,
        imageText,
        replyComposer,
        englishSearch(xiaohongshuSearch),
        fixedLabels(xiaohongshuLabels),
        nameRomanization(xiaohongshuNames),
      ],
      services: {
        // One MutationObserver for every feature: the page is observed once, not once per feature.
        changes: createPageObserver(),
        client: createTranslateClient(),
        stats,
        sites: { reading: xiaohongshu, images: xiaohongshuImages, composer: xiaohongshuComposer, videos: xiaohongshuVideos },
      },
      // Invalidated when a newer version of this script starts in the page (Chrome: the
      // extension was updated or reloaded), or when the check below finds the extension gone
      // (disabled or removed): every feature ends, taking what it put in the page along.
      signal: ctx.signal,
    });

    const onMessage = (message: unknown): Promise<TabStats> | undefined => {
      if (!isContentMessage(message)) return undefined;
      switch (message.type) {
        case 'page-settings-changed':
          features.changed(message.settings);
          return undefined;
        case 'toggle-tab':
          features.toggleTab();
          return undefined;
        case 'get-tab-stats':
          return Promise.resolve({ ...stats.counts, active: features.active });
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    // Nothing calls the old background once invalidated.
    ctx.onInvalidated(() => {
      unmarkRunning();
      browser.runtime.onMessage.removeListener(onMessage);
    });
    // `isInvalid` looks for the extension and aborts `ctx.signal` once it is gone.
    ctx.setInterval(() => void ctx.isInvalid, EXTENSION_CHECK_MS);
    try {
      const settings = await pageSettings;
      if (ctx.isValid) features.answered(settings);
    } catch (error) {
      if (error instanceof ExtensionGoneError) return;
      // Without the background nothing can be translated; say so where developers look.
      console.error('[RedBridge] could not reach the extension background', error);
    }
  },
});
