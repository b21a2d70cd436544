import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { RedBridgeDb } from '../src/cache/db';
import { TranslationCache } from '../src/cache/translation-cache';
import { DraftStore } from '../src/drafts/draft-store';
import { routeBackgroundRequest } from '../src/messaging/background-router';
import { broadcastPageSettings } from '../src/settings/broadcast';
import type { Settings } from '../src/settings/schema';
import { loadSettings, updateSettings, watchSettings } from '../src/settings/store';
import { TranslationService } from '../src/translation/service';

export default defineBackground(() => {
  let current: Promise<Settings> = loadSettings();
  const settings = () => current;
  watchSettings((next) => {
    current = Promise.resolve(next);
    void broadcastPageSettings(next);
  });

  const cache = new TranslationCache(new RedBridgeDb());
  const service = new TranslationService({ cache, settings });
  const drafts = new DraftStore(browser.storage.local);
  drafts.prune().catch((error: unknown) => console.warn('[RedBridge] could not clean up old reply drafts', error));
  const rememberReplyTone = (replyTone: Settings['replyTone']) => updateSettings({ replyTone });
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    routeBackgroundRequest(
      message,
      { service, settings, drafts, cache, rememberReplyTone },
      // The popup and the options page; content scripts come with a tab and a web page's URL.
      sender.tab === undefined || (sender.url ?? '').startsWith(extensionOrigin),
    ),
  );
});
