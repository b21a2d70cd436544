import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createPageObserver } from '../../src/dom/page-observer';
import { startReading } from '../../src/features/reading';
import { replyComposerSwitch } from '../../src/features/reply-composer';
import { isContentMessage, type TabStats } from '../../src/messaging/protocol';
import { sendToBackground } from '../../src/messaging/send';
import type { PageSettings } from '../../src/settings/schema';
import { xiaohongshu } from '../../src/sites/xiaohongshu/adapter';
import { xiaohongshuComposer } from '../../src/sites/xiaohongshu/composer';
import { REDNOTE_MATCHES } from '../../src/sites/xiaohongshu/matches';

export default defineContentScript({
  matches: REDNOTE_MATCHES,
  // As soon as the page is parsed, not when the browser is idle: the first screen's
  // translations should not wait for the page's images.
  runAt: 'document_end',
  async main(ctx) {
    // One MutationObserver for every feature: the page is observed once, not once per feature.
    const changes = createPageObserver();
    const reading = startReading(xiaohongshu, changes);
    const composer = replyComposerSwitch(xiaohongshuComposer, changes);
    let settings: PageSettings | null = null;
    /** The Alt+T command turns RedBridge off in this tab only, until pressed again or reloaded. */
    let activeInTab = true;

    const apply = () => {
      if (!settings) return;
      const effective = activeInTab ? settings : { ...settings, enabled: false };
      reading.apply(effective);
      composer.apply(effective);
    };
    const onMessage = (message: unknown): Promise<TabStats> | undefined => {
      if (!isContentMessage(message)) return undefined;
      switch (message.type) {
        case 'page-settings-changed':
          settings = message.settings;
          apply();
          return undefined;
        case 'toggle-tab':
          activeInTab = !activeInTab;
          apply();
          return undefined;
        case 'get-tab-stats':
          return Promise.resolve({ ...reading.stats, active: activeInTab && !!settings?.enabled });
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      reading.stop();
      composer.stop();
    });
    try {
      settings = await sendToBackground({ type: 'get-page-settings' });
      apply();
    } catch (error) {
      // Without the background nothing can be translated; say so where developers look.
      console.error('[RedBridge] could not reach the extension background', error);
    }
  },
});
