import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { EXTENSION_DIRS, launchWithExtension, type ExtensionBrowser } from './browsers';
import { openWholeNote, settle } from './overlays';
import { setStoredSettings } from './probe';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
/** About the size Chromium gives the popup. */
const POPUP_VIEWPORT = { width: 360, height: 520 };

function manifest(dir: string): Record<string, { default_popup?: string } | undefined> {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, { default_popup?: string }>;
}

/** The one `chrome.tabs` call the test makes from an extension page. */
interface ChromeTabs {
  chrome: { tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> } };
}

const overlayCount = (page: Page) => page.evaluate(() => document.querySelectorAll('redbridge-translation').length);
/** The fixture ids of the units that have an overlay, sorted. */
const overlaidFixtureIds = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('redbridge-translation'), (host) => {
      const unit = document.querySelector(`[data-redbridge-id="${host.getAttribute('data-redbridge-for')}"]`);
      return unit?.getAttribute('data-fixture-id') ?? '(no unit)';
    }).sort(),
  );
const doneOverlayCount = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('redbridge-translation[data-state="done"]').length);

/** The four counts the popup shows; null while it shows none. */
function popupCounts(popup: Page) {
  return popup.evaluate(() => {
    const read = (key: string) => document.querySelector(`[data-stat="${key}"] dd`)?.textContent;
    const found = read('found');
    if (found === undefined) return null;
    return { found: Number(found), translated: Number(read('translated')), fromCache: Number(read('fromCache')), failed: Number(read('failed')) };
  });
}

describe('the toolbar popup in chromium', () => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension('chromium');
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    // `URL.origin` is "null" for chrome-extension: URLs.
    const probeUrl = new URL(probe.url());
    origin = `${probeUrl.protocol}//${probeUrl.host}`;
    await setStoredSettings(probe, {
      display: 'bilingual',
      fallbacks: ['microsoft'],
      backends: {
        google: { host: google.url },
        // Never asked while the fake Google answers; pointed at the fixture server all the same.
        microsoft: { authUrl: `${fixtures.url}/no-microsoft/auth`, translateUrl: `${fixtures.url}/no-microsoft/translate` },
      },
    });
    await probe.close();
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('is the toolbar button of both builds', () => {
    expect(manifest(EXTENSION_DIRS.chromium).action?.default_popup).toBe('popup.html');
    expect(manifest(EXTENSION_DIRS.firefox).browser_action?.default_popup).toBe('popup.html');
  });

  it("switches an open tab's display at once, and shows its counts", async () => {
    // The whole note on screen: both passes translate all of it.
    const note = await openWholeNote(ext.browser, `${fixtures.url}/xhs/note.html`);
    const overlaysBefore = await overlayCount(note);
    const overlaidBefore = await overlaidFixtureIds(note);
    await note.evaluate(() => void ((window as unknown as { notReloaded?: boolean }).notReloaded = true));
    expect(overlaysBefore).toBeGreaterThan(0);

    // Opened as a tab, the popup would be its own active tab: name the note's tab instead.
    const popup = await ext.browser.newPage();
    await popup.setViewport(POPUP_VIEWPORT);
    await popup.goto(`${origin}/popup.html`);
    const noteTabId = await popup.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as ChromeTabs;
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.url === url)?.id ?? null;
    }, `${fixtures.url}/xhs/note.html`);
    expect(noteTabId).not.toBeNull();
    await popup.goto(`${origin}/popup.html?tabId=${noteTabId}`);

    // The counts arrive, and match the note's finished overlays.
    const translatedNow = await doneOverlayCount(note);
    await popup.waitForFunction(
      (translated) => document.querySelector('[data-stat="translated"] dd')?.textContent === String(translated),
      { timeout: 5_000, polling: 100 },
      translatedNow,
    );
    const counts = (await popupCounts(popup))!;
    expect(counts.found).toBeGreaterThanOrEqual(counts.translated);
    expect(counts.translated).toBeGreaterThan(0);
    expect(counts.failed).toBe(0);
    expect(await popup.$eval('li.backend[data-backend="google"] .health', (e) => e.textContent)).toBe('Working');
    expect(await popup.$eval('input[value="bilingual"]', (e) => (e as HTMLInputElement).checked)).toBe(true);

    // The real popup sits over the tab it is about: that tab is the one the reader sees.
    await note.bringToFront();
    const choose = (mode: string) =>
      popup.$eval(`input[type="radio"][value="${mode}"]`, (radio) => (radio as HTMLInputElement).click());

    // Off: every overlay leaves the open tab within a second, without a reload.
    await choose('off');
    const offAt = Date.now();
    await note.waitForFunction(() => document.querySelectorAll('redbridge-translation').length === 0, {
      timeout: 1_000,
      polling: 50,
    });
    expect(Date.now() - offAt).toBeLessThan(1_000);
    expect(await note.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Bilingual: they come back (from the cache), on the same units as before.
    await choose('bilingual');
    await note.waitForFunction(
      (count) => document.querySelectorAll('redbridge-translation[data-state="done"]').length >= count,
      { timeout: 5_000, polling: 100 },
      overlaysBefore,
    );
    await settle(note);
    expect(await overlaidFixtureIds(note)).toEqual(overlaidBefore);

    // The popup's counts kept up: the same units, this time all from the cache, none counted
    // twice. It is the screenshot in the README.
    await popup.waitForFunction(
      (count) => document.querySelector('[data-stat="fromCache"] dd')?.textContent === String(count),
      { timeout: 5_000, polling: 100 },
      overlaysBefore,
    );
    expect(await popupCounts(popup)).toEqual({ found: overlaysBefore, translated: overlaysBefore, fromCache: overlaysBefore, failed: 0 });
    await popup.bringToFront();
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const panel = (await popup.$('main.popup'))!;
    await panel.screenshot({ path: `${SCREENSHOTS}popup-chromium.png` });
    await popup.close();
    await note.close();
  });

  it("turns the text on an open tab's images off and on at once, and counts the images read", async () => {
    const note = await ext.browser.newPage();
    const noteUrl = `${fixtures.url}/xhs/note.html?images=title-cafe.webp`;
    await note.goto(noteUrl);
    const imageState = () => note.evaluate(() => document.querySelector('redbridge-image')?.getAttribute('data-state') ?? null);
    await note.waitForFunction(() => document.querySelector('redbridge-image')?.getAttribute('data-state') === 'read', {
      timeout: 60_000,
      polling: 200,
    });

    const popup = await ext.browser.newPage();
    await popup.goto(`${origin}/popup.html`);
    const noteTabId = await popup.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as ChromeTabs;
      return (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id ?? null;
    }, noteUrl);
    await popup.goto(`${origin}/popup.html?tabId=${noteTabId}`);
    await popup.waitForFunction(() => document.querySelector('[data-stat="imagesRead"] dd')?.textContent === '1', {
      timeout: 5_000,
      polling: 100,
    });
    expect(await popup.$eval('input[name="imageTranslation"][value="auto"]', (e) => (e as HTMLInputElement).checked)).toBe(true);

    await note.bringToFront();
    const choose = (mode: string) =>
      popup.$eval(`input[name="imageTranslation"][value="${mode}"]`, (radio) => (radio as HTMLInputElement).click());
    await choose('off');
    await note.waitForFunction(() => document.querySelector('redbridge-image') === null, { timeout: 1_000, polling: 50 });
    // The text overlays stay: only images were turned off.
    expect(await overlayCount(note)).toBeGreaterThan(0);

    await choose('auto');
    await note.waitForFunction(() => document.querySelector('redbridge-image')?.getAttribute('data-state') === 'read', {
      timeout: 5_000,
      polling: 100,
    });
    expect(await imageState()).toBe('read');
    await popup.close();
    await note.close();
  });

  it('asks for a RedNote page when the active tab is not one', async () => {
    // Opened as a tab without `?tabId=`, the popup's active tab is its own extension page.
    const popup = await ext.browser.newPage();
    await popup.goto(`${origin}/popup.html`);
    await popup.waitForFunction(() => document.querySelector('section.stats .no-page') !== null, { timeout: 5_000, polling: 100 });
    expect(await popup.$eval('section.stats', (e) => e.textContent)).toContain('Open a RedNote page to see counts');
    await popup.close();
  });
});
