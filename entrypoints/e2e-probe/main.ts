import { browser } from 'wxt/browser';
import { RedBridgeDb } from '../../src/cache/db';
import { SETTINGS_STORAGE_KEY } from '../../src/settings/schema';

/**
 * Test-only page in the extension origin (never in a release build). Puppeteer cannot open
 * extension pages in Firefox, so tests navigate a tab here and call these functions.
 */
const db = new RedBridgeDb();

const probe = {
  async setSettings(value: unknown): Promise<void> {
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: value });
  },
  async getStoredSettings(): Promise<unknown> {
    return (await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];
  },
  async cacheCount(): Promise<number> {
    return db.translations.count();
  },
  async clearCache(): Promise<void> {
    await db.translations.clear();
  },
};

Object.assign(window, { redbridgeProbe: probe });
document.title = 'RedBridge e2e probe ready';
