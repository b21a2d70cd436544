import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createSelectionPopover } from '../../src/features/selection-popover';
import { claimSelectionScript } from '../../src/features/selection-script';
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
  // No `ctx`: each injection makes a new one, which invalidates the one before, while the
  // first copy's listener must go on serving the later injections (selection-script.ts).
  main() {
    if (claimSelectionScript(() => !extensionIsGone()) === 'reuse') return;
    const popover = createSelectionPopover();
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (!isSelectionTranslation(message)) return undefined;
      popover.show(message.text, message.targetLanguage);
      return Promise.resolve(true);
    });
  },
});
