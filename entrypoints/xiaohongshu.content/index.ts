import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startReading } from '../../src/features/reading';
import { replyComposerSwitch } from '../../src/features/reply-composer';
import { isContentMessage } from '../../src/messaging/protocol';
import { sendToBackground } from '../../src/messaging/send';
import type { PageSettings } from '../../src/settings/schema';
import { xiaohongshu } from '../../src/sites/xiaohongshu/adapter';
import { xiaohongshuComposer } from '../../src/sites/xiaohongshu/composer';
import { REDNOTE_MATCHES } from '../../src/sites/xiaohongshu/matches';

export default defineContentScript({
  matches: REDNOTE_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    const reading = startReading(xiaohongshu);
    const composer = replyComposerSwitch(xiaohongshuComposer);
    const apply = (settings: PageSettings) => {
      reading.apply(settings);
      composer.apply(settings);
    };
    const onMessage = (message: unknown) => {
      if (isContentMessage(message)) apply(message.settings);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      reading.stop();
      composer.stop();
    });
    try {
      apply(await sendToBackground({ type: 'get-page-settings' }));
    } catch (error) {
      // Without the background nothing can be translated; say so where developers look.
      console.error('[RedBridge] could not reach the extension background', error);
    }
  },
});
