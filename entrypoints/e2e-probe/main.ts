import { browser } from 'wxt/browser';
import { RedBridgeDb } from '../../src/cache/db';
import { TranslationCache } from '../../src/cache/translation-cache';
import { SETTINGS_STORAGE_KEY } from '../../src/settings/schema';
import type { ServiceHealth } from '../../src/translation/service';

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
  /** What the popup shows: each backend's health, and the cache's. */
  backgroundHealth: () => browser.runtime.sendMessage({ type: 'backend-health' }) as Promise<ServiceHealth>,
  /** Firefox: calls one of the background page's e2e hooks (Chrome's tests reach its worker directly). */
  async callBackground(hook: string): Promise<unknown> {
    const background = (await browser.runtime.getBackgroundPage()) as unknown as {
      redbridgeE2E: Record<string, () => unknown>;
    };
    return background.redbridgeE2E[hook]!();
  },
};

Object.assign(window, { redbridgeProbe: probe });
document.title = 'RedBridge e2e probe ready';
