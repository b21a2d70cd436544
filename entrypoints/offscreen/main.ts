import { browser } from 'wxt/browser';
import { answerOffscreenMessage, findTranslatorApi } from '../../src/translation/on-device-translator';

/**
 * The offscreen document the background opens when its own context has no `Translator`
 * (see src/translation/backends/chrome-builtin.ts). A window context: Chrome exposes the
 * Translator API here.
 */
browser.runtime.onMessage.addListener((message, sender) =>
  answerOffscreenMessage(message, sender, browser.runtime.id, findTranslatorApi()),
);
