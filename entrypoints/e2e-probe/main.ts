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
  /**
   * What the popup would show for the tab at `url` (the e2e build's host permissions let this page
   * read the fixture tabs' addresses); null when no tab is there or its content script does not answer.
   */
  async tabStats(url: string): Promise<unknown> {
    const tab = (await browser.tabs.query({})).find((candidate) => candidate.url === url);
    if (tab?.id === undefined) return null;
    return browser.tabs.sendMessage(tab.id, { type: 'get-tab-stats' }).catch(() => null);
  },
  /** The reply drafts in storage, by storage key (`draft:<noteId>|<replyTo>`). */
  async drafts(): Promise<Record<string, unknown>> {
    const everything = await browser.storage.local.get(null);
    return Object.fromEntries(Object.entries(everything).filter(([key]) => key.startsWith('draft:')));
  },
};

Object.assign(window, { redbridgeProbe: probe });
document.title = 'RedBridge e2e probe ready';
