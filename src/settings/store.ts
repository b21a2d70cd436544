import { browser } from 'wxt/browser';
import { parseSettings, SETTINGS_STORAGE_KEY, type Settings } from './schema';

/** Reads the settings (background and extension pages only: they hold API keys). */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_STORAGE_KEY);
  return parseLogged(stored[SETTINGS_STORAGE_KEY]);
}

/** Calls `listener` with the new settings whenever they change; returns the unsubscribe. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_STORAGE_KEY];
    if (area !== 'local' || !change) return;
    listener(parseLogged(change.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

function parseLogged(stored: unknown): Settings {
  const { settings, warnings } = parseSettings(stored);
  for (const warning of warnings) console.warn(`[RedBridge] ${warning}`);
  return settings;
}
