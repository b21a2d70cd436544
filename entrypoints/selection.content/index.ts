import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { liveScriptMarked, markRunning, SELECTION_MARKER } from '../../src/features/running-marker';
import { showSelectionTranslation } from '../../src/features/selection-popover';
import { isSelectionTranslation } from '../../src/messaging/content-messages';
import { extensionIsGone } from '../../src/messaging/send';

/**
 * Injected on demand (context menu "Translate selection with RedBridge"), into any page the
 * user chose it on: shows the translation the background sends next to the selection.
 * `matches` is empty so no host permission is asked for: `activeTab` covers the click.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main() {
    // Injected again on every use of the menu: one listener is enough. After an update Chrome
    // gives the new version the old one's world, marker included: that one no longer counts.
    if (liveScriptMarked(SELECTION_MARKER)) return;
    markRunning(() => !extensionIsGone(), SELECTION_MARKER);
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (!isSelectionTranslation(message)) return undefined;
      showSelectionTranslation(message.text, message.targetLanguage);
      return Promise.resolve(true);
    });
  },
});
