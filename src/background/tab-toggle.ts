import { browser } from 'wxt/browser';
import type { ToggleTab } from '../messaging/content-messages';

export const TOGGLE_COMMAND = 'toggle-redbridge';

/** Alt+T: turns RedBridge off (or back on) in one tab; a tab without our content script ignores it. */
export async function toggleTab(tabId: number): Promise<void> {
  const message: ToggleTab = { type: 'toggle-tab' };
  await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
}

export async function toggleActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await toggleTab(tab.id);
}
