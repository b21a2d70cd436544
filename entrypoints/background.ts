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

  const service = new TranslationService({ cache: new TranslationCache(new RedBridgeDb()), settings });
  const drafts = new DraftStore(browser.storage.local);
  drafts.prune().catch((error: unknown) => console.warn('[RedBridge] could not clean up old reply drafts', error));
  const rememberReplyTone = (replyTone: Settings['replyTone']) => updateSettings({ replyTone });
  browser.runtime.onMessage.addListener((message) =>
    routeBackgroundRequest(message, { service, settings, drafts, rememberReplyTone }),
  );
});
