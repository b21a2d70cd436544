import { browser } from 'wxt/browser';
import { migrateSettings, SETTINGS_VERSION } from './migrations';
import { parseSettings, SETTINGS_STORAGE_KEY, type Settings } from './schema';

/** Reads the settings (background and extension pages only: they hold API keys). */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_STORAGE_KEY);
  return parseLogged(stored[SETTINGS_STORAGE_KEY]);
}

/**
 * Changes some top-level settings and keeps the rest as stored (unknown keys from a newer
 * version included), brought to today's version first. `watchSettings` listeners see the result.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  const stored = migrateSettings((await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY]);
  const base = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: { version: SETTINGS_VERSION, ...base, ...patch } });
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
  const { settings, warnings } = parseSettings(migrateSettings(stored));
  for (const warning of warnings) console.warn(`[RedBridge] ${warning}`);
  return settings;
}
