import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { removeOwnNodes } from '../../src/dom/own-nodes';
import { createPageObserver } from '../../src/dom/page-observer';
import { startReading } from '../../src/features/reading';
import { createStartGate } from '../../src/features/start-gate';
import { replyComposerSwitch } from '../../src/features/reply-composer';
import { markRunning } from '../../src/features/running-marker';
import { isContentMessage, type TabStats } from '../../src/messaging/content-messages';
import { ExtensionGoneError, extensionIsGone, sendToBackground } from '../../src/messaging/send';
import type { PageSettings } from '../../src/settings/schema';
import { xiaohongshu } from '../../src/sites/xiaohongshu/adapter';
import { xiaohongshuComposer } from '../../src/sites/xiaohongshu/composer';
import { xiaohongshuImages } from '../../src/sites/xiaohongshu/images';
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
    // One MutationObserver for every feature: the page is observed once, not once per feature.
    const changes = createPageObserver();
    const reading = startReading(xiaohongshu, changes, xiaohongshuImages);
    const composer = replyComposerSwitch(xiaohongshuComposer, changes);
    /** The Alt+T command turns RedBridge off in this tab only, until pressed again or reloaded. */
    let activeInTab = true;
    /** Settings the reply composer has yet to get; it gets the latest of them. */
    let composerPending: PageSettings | null = null;
    const applyToComposer = () => {
      const next = composerPending;
      composerPending = null;
      if (next) composer.apply(next);
    };
    const gate = createStartGate((settings) => {
      const effective = activeInTab ? settings : { ...settings, enabled: false };
      reading.apply(effective);
      // The reply composer starts in a task of its own, after the reading features: its dock is
      // the page's first UI text, and Chrome loads the extension's messages on that first use
      // (10–20 ms here). In one task with reading's start, that was the longest task RedBridge ran.
      if (!composerPending) ctx.setTimeout(applyToComposer, 0);
      composerPending = effective;
    });

    const onMessage = (message: unknown): Promise<TabStats> | undefined => {
      if (!isContentMessage(message)) return undefined;
      switch (message.type) {
        case 'page-settings-changed':
          gate.changed(message.settings);
          return undefined;
        case 'toggle-tab':
          activeInTab = !activeInTab;
          gate.reapply();
          return undefined;
        case 'get-tab-stats':
          return Promise.resolve({ ...reading.stats, active: activeInTab && !!gate.settings?.enabled });
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    // Invalidated when a newer version of this script starts in the page (Chrome: the extension
    // was updated or reloaded), or when the check below finds the extension gone (disabled or
    // removed): everything RedBridge put in the page goes, and nothing calls the old background.
    ctx.onInvalidated(() => {
      unmarkRunning();
      browser.runtime.onMessage.removeListener(onMessage);
      reading.stop();
      composer.stop();
    });
    // `isInvalid` looks for the extension and fires the listeners above once it is gone.
    ctx.setInterval(() => void ctx.isInvalid, EXTENSION_CHECK_MS);
    try {
      const settings = await pageSettings;
      if (ctx.isValid) gate.answered(settings);
    } catch (error) {
      if (error instanceof ExtensionGoneError) return;
      // Without the background nothing can be translated; say so where developers look.
      console.error('[RedBridge] could not reach the extension background', error);
    }
  },
});
