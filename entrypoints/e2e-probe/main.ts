import { browser } from 'wxt/browser';
import { RedBridgeDb } from '../../src/cache/db';
import { TranslationCache } from '../../src/cache/translation-cache';
import { SETTINGS_STORAGE_KEY } from '../../src/settings/schema';

/**
 * Test-only page in the extension origin (never in a release build). Puppeteer cannot open
 * extension pages in Firefox, so tests navigate a tab here and call these functions.
 */
const cache = new TranslationCache(new RedBridgeDb());

const probe = {
  async setSettings(value: unknown): Promise<void> {
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: value });
  },
  cacheCount: () => cache.count(),
  clearCache: () => cache.clear(),
};

Object.assign(window, { redbridgeProbe: probe });
document.title = 'RedBridge e2e probe ready';
