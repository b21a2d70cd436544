import { browser, type Browser } from 'wxt/browser';
import type { SelectionTranslation } from '../messaging/content-messages';
import { MAX_TEXT_LENGTH } from '../messaging/protocol';

export const SELECTION_MENU_ID = 'redbridge-translate-selection';
/** The script the menu injects (entrypoints/selection.content, registered at runtime). */
const SELECTION_SCRIPT = '/content-scripts/selection.js';

/** Where the script runs: the tab and frame the user selected text in. */
export interface SelectionPlace {
  tabId: number;
  frameId: number;
}

/** Puts the selection script into the frame: `scripting` in Chrome (MV3), `tabs.executeScript` in Firefox (MV2). */
async function inject(place: SelectionPlace): Promise<void> {
  if (browser.scripting) {
    await browser.scripting.executeScript({ target: { tabId: place.tabId, frameIds: [place.frameId] }, files: [SELECTION_SCRIPT] });
  } else {
    await browser.tabs.executeScript(place.tabId, { file: SELECTION_SCRIPT, frameId: place.frameId });
  }
}

/**
 * "Translate selection with RedBridge": injects the selection script into the page the text
 * was selected in (any page: `activeTab` grants it for this click) and hands it the text,
 * which it translates and shows next to the selection.
 */
export async function translateSelection(place: SelectionPlace, text: string, targetLanguage: string): Promise<void> {
  const message: SelectionTranslation = {
    type: 'selection-translation',
    text: text.trim().slice(0, MAX_TEXT_LENGTH),
    targetLanguage,
  };
  if (message.text === '') return;
  await inject(place);
  await browser.tabs.sendMessage(place.tabId, message, { frameId: place.frameId });
}

/** Adds the menu item (again: each Chrome service worker start, each Firefox background start). */
export async function createSelectionMenu(title: string): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: SELECTION_MENU_ID, title, contexts: ['selection'] });
}

export function placeOf(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): SelectionPlace | null {
  if (tab?.id === undefined) return null;
  return { tabId: tab.id, frameId: info.frameId ?? 0 };
}
