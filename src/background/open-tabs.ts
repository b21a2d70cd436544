import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { liveScriptMarked, RUNNING_MARKER } from '../features/running-marker';

/** What `browser.runtime.getManifest()` says about one content script. */
interface DeclaredScript {
  matches?: string[];
  js?: string[];
  css?: string[];
}

/**
 * Chrome puts an extension's content scripts only into pages loaded after it was installed,
 * updated or reloaded. Tabs open at that moment would show RedNote untranslated (and, after an
 * update, the old version's overlays, which can no longer reach their background) until the
 * user reloads them. This puts the manifest's content scripts into every open tab they match
 * whose script, if any, can no longer reach the extension; that old script steps aside for the
 * new one. Firefox does the same by itself, so this is for Chrome only.
 */
export async function injectIntoOpenTabs(): Promise<void> {
  const scripts: readonly DeclaredScript[] = browser.runtime.getManifest().content_scripts ?? [];
  for (const script of scripts) {
    if (!script.js?.length || !script.matches?.length) continue;
    const tabs = await browser.tabs.query({ url: script.matches });
    for (const tab of tabs) {
      // A discarded tab loads afresh, with the declared scripts, when the user comes back to it.
      if (tab.id === undefined || tab.discarded) continue;
      const target = { tabId: tab.id };
      try {
        const [probe] = await browser.scripting.executeScript({ target, func: liveScriptMarked, args: [RUNNING_MARKER] });
        if (probe?.result === true) continue;
        if (script.css?.length) await browser.scripting.insertCSS({ target, files: script.css });
        // The manifest's own paths: the files WXT built for it.
        await browser.scripting.executeScript({ target, files: script.js as ScriptPublicPath[] });
      } catch (error) {
        // A tab showing an error page, or closed meanwhile: it gets the scripts when it next loads.
        console.warn(`[RedBridge] could not start in the open tab ${tab.url ?? tab.id}`, error);
      }
    }
  }
}
