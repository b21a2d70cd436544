import type { Page } from 'puppeteer';
import type { TabStats } from '../../src/messaging/protocol';

/** What the e2e-only extension page (entrypoints/e2e-probe) exposes. */
interface ProbeWindow {
  redbridgeProbe: {
    setSettings(value: unknown): Promise<void>;
    cacheCount(): Promise<number>;
    clearCache(): Promise<void>;
    drafts(): Promise<Record<string, unknown>>;
    tabStats(url: string): Promise<TabStats | null>;
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

/** The reply drafts stored now, by storage key (`draft:<noteId>|<replyTo>`). */
export function storedDrafts(probe: Page): Promise<Record<string, unknown>> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.drafts());
}

/** The popup's counts for the tab showing `page` (asked from the probe, as the popup asks). */
export function tabStatsOf(probe: Page, page: Page): Promise<TabStats | null> {
  return probe.evaluate((url) => (window as unknown as ProbeWindow).redbridgeProbe.tabStats(url), page.url());
}
