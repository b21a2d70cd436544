import type { Page } from 'puppeteer';

/** What the e2e-only extension page (entrypoints/e2e-probe) exposes. */
interface ProbeWindow {
  redbridgeProbe: {
    setSettings(value: unknown): Promise<void>;
    cacheCount(): Promise<number>;
    clearCache(): Promise<void>;
  };
}

/** Writes `settings` to the extension's storage, as the options page will. */
export function setStoredSettings(probe: Page, settings: unknown): Promise<void> {
  return probe.evaluate((value) => (window as unknown as ProbeWindow).redbridgeProbe.setSettings(value), settings);
}

export function clearTranslationCache(probe: Page): Promise<void> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.clearCache());
}

export function cachedTranslations(probe: Page): Promise<number> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.cacheCount());
}
