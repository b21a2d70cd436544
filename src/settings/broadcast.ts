import { browser } from 'wxt/browser';
import type { PageSettingsChanged } from '../messaging/content-messages';
import { pageSettingsOf, type Settings } from './schema';

/**
 * Tells every tab's content script about new settings, so open RedNote tabs follow a change
 * without a reload. Only the page-safe part is sent: API keys never reach a web page's process.
 * Tabs without our content script reject the message; that is expected and ignored.
 */
export async function broadcastPageSettings(settings: Settings): Promise<void> {
  const message: PageSettingsChanged = { type: 'page-settings-changed', settings: pageSettingsOf(settings) };
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => undefined),
    ),
  );
}
