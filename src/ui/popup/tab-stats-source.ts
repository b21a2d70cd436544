import type { GetTabStats, TabStats } from '../../messaging/content-messages';
import { parseTabStats } from './popup-view';

/** The part of `browser.tabs` the popup uses. */
export interface PopupTabs {
  query(query: { active: true; currentWindow: true }): Promise<Array<{ id?: number }>>;
  sendMessage(tabId: number, message: GetTabStats): Promise<unknown>;
}

/**
 * `?tabId=12`: the tab whose counts to show, instead of the active one. Only the e2e tests use
 * it (they open the popup as a tab of its own, which is then the active tab); the popup page is
 * not web-accessible, and it only reads counts.
 */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,10}$/.test(raw)) return null;
  return Number(raw);
}

/**
 * Asks the tab's content script for its counts. Null when there is no tab, or nothing in it
 * answers (not a RedNote page: `sendMessage` rejects, or resolves with nothing).
 */
export function createTabStatsSource(tabs: PopupTabs, search: string): () => Promise<TabStats | null> {
  const fixed = tabIdFromSearch(search);
  return async () => {
    try {
      const tabId = fixed ?? (await tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId === undefined) return null;
      return parseTabStats(await tabs.sendMessage(tabId, { type: 'get-tab-stats' }));
    } catch {
      return null;
    }
  };
}
