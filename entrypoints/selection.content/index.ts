import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isSelectionTranslation } from '../../src/messaging/protocol';
import { showSelectionTranslation } from '../../src/features/selection-popover';

/**
 * Injected on demand (context menu "Translate selection with RedBridge"), into any page the
 * user chose it on: shows the translation the background sends next to the selection.
 * `matches` is empty so no host permission is asked for: `activeTab` covers the click.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main() {
    // Injected again on every use of the menu: one listener is enough.
    const marker = '__redbridgeSelection';
    const scope = window as unknown as Record<string, boolean>;
    if (scope[marker]) return;
    scope[marker] = true;
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (!isSelectionTranslation(message)) return undefined;
      showSelectionTranslation(message.text, message.targetLanguage);
      return Promise.resolve(true);
    });
  },
});
