import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { ServiceHealth } from '../../src/messaging/wire';
import type { ExtensionBrowser } from './browsers';
import type { TabStats } from '../../src/messaging/content-messages';
import type { BackgroundRequest, BackgroundResponses } from '../../src/messaging/protocol';

/** What the e2e-only extension page (entrypoints/e2e-probe) exposes. */
interface ProbeWindow {
  redbridgeProbe: {
    setSettings(value: unknown): Promise<void>;
    setStorage(items: Record<string, unknown>): Promise<void>;
    ask(request: BackgroundRequest): Promise<unknown>;
    cacheCount(): Promise<number>;
    clearCache(): Promise<void>;
    callBackground(hook: string): Promise<unknown>;
    backgroundHealth(): Promise<ServiceHealth>;
    drafts(): Promise<Record<string, unknown>>;
    tabStats(url: string): Promise<TabStats | null>;
  };
}

/** Writes `settings` to the extension's storage, as the options page will. */
export function setStoredSettings(probe: Page, settings: unknown): Promise<void> {
  return probe.evaluate((value) => (window as unknown as ProbeWindow).redbridgeProbe.setSettings(value), settings);
}

export function setExtensionStorage(probe: Page, items: Record<string, unknown>): Promise<void> {
  return probe.evaluate((value) => (window as unknown as ProbeWindow).redbridgeProbe.setStorage(value), items);
}

/** A request to the background from the probe page (an extension page), with its typed answer. */
export function askBackground<T extends BackgroundRequest['type']>(probe: Page, request: Extract<BackgroundRequest, { type: T }>): Promise<BackgroundResponses[T]> {
  return probe.evaluate((value) => (window as unknown as ProbeWindow).redbridgeProbe.ask(value), request as BackgroundRequest) as Promise<BackgroundResponses[T]>;
}

export function clearTranslationCache(probe: Page): Promise<void> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.clearCache());
}

export function cachedTranslations(probe: Page): Promise<number> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.cacheCount());
}

/** The background's e2e-only hooks that take no argument (entrypoints/background.ts). */
export type BackgroundHook = 'breakCache' | 'repairCache';

/**
 * Calls a hook of the background: in Chromium in its service worker, in Firefox (whose
 * background page puppeteer cannot reach) through the probe page.
 */
export async function callBackground(ext: ExtensionBrowser, probe: Page, hook: BackgroundHook): Promise<void> {
  if (ext.name === 'firefox') {
    await probe.evaluate((name) => (window as unknown as ProbeWindow).redbridgeProbe.callBackground(name), hook);
    return;
  }
  const target = await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
  const worker = await target.worker();
  if (!worker) throw new Error('no RedBridge service worker');
  await worker.evaluate(
    (name) => (globalThis as unknown as { redbridgeE2E: Record<string, () => unknown> }).redbridgeE2E[name]!(),
    hook,
  );
}

/** The backends' and the cache's health, as the popup reads it. */
export function backgroundHealth(probe: Page): Promise<ServiceHealth> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.backgroundHealth());
}

/** The reply drafts stored now, by storage key (`draft:<noteId>|<replyTo>`). */
export function storedDrafts(probe: Page): Promise<Record<string, unknown>> {
  return probe.evaluate(() => (window as unknown as ProbeWindow).redbridgeProbe.drafts());
}

/** The popup's counts for the tab showing `page` (asked from the probe, as the popup asks). */
export function tabStatsOf(probe: Page, page: Page): Promise<TabStats | null> {
  return probe.evaluate((url) => (window as unknown as ProbeWindow).redbridgeProbe.tabStats(url), page.url());
}

/**
 * Installs the extension in `extensionDir` over the running one, as the browser installs an
 * update: the background starts afresh (`runtime.onInstalled` says "update") and open tabs keep
 * the old content script. Returns a new probe page (the old one goes with the old version).
 * (`runtime.reload()` would be the extension's own way, but Chromium does not bring back an
 * extension that puppeteer loaded through the DevTools protocol.)
 */
export async function updateExtension(ext: ExtensionBrowser, probe: Page, extensionDir: string, anyFixtureUrl: string): Promise<Page> {
  await probe.close();
  await ext.browser.installExtension(extensionDir);
  // Until the new version has started, its pages do not load (Chromium: ERR_BLOCKED_BY_CLIENT).
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await ext.openProbe(anyFixtureUrl);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      for (const page of await ext.browser.pages()) if (page.url().includes('e2e-probe')) await page.close();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Gives the copy of the extension in `dir` the next version number, as an update has. */
export async function nextVersion(dir: string): Promise<string> {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { version: string };
  const parts = manifest.version.split('.').map(Number);
  parts[parts.length - 1]! += 1;
  manifest.version = parts.join('.');
  await writeFile(path, JSON.stringify(manifest));
  return manifest.version;
}
