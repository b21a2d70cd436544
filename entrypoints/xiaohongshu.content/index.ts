import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startReading } from '../../src/features/reading';
import { isContentMessage } from '../../src/messaging/protocol';
import { sendToBackground } from '../../src/messaging/send';
import { xiaohongshu } from '../../src/sites/xiaohongshu/adapter';
import { REDNOTE_MATCHES } from '../../src/sites/xiaohongshu/matches';

export default defineContentScript({
  matches: REDNOTE_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    const reading = startReading(xiaohongshu);
    const onMessage = (message: unknown) => {
      if (isContentMessage(message)) reading.apply(message.settings);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      reading.stop();
    });
    try {
      reading.apply(await sendToBackground({ type: 'get-page-settings' }));
    } catch (error) {
      // Without the background nothing can be translated; say so where developers look.
      console.error('[RedBridge] could not reach the extension background', error);
    }
  },
});
