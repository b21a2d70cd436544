import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebWorker } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { FAKE_PREFIX } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { EXTENSION_DIRS, launchWithExtension, type ExtensionBrowser } from './browsers';
import { nextVersion, setStoredSettings, updateExtension } from './probe';

const SENTENCE = '洱海边的日落真的太美了，下次还想再来。';

/** What the background exposes in the e2e build: the handlers the menu click and Alt+T call. */
interface E2EHooks {
  translateSelection(place: { tabId: number; frameId: number }, text: string, targetLanguage: string): Promise<void>;
  toggleTab(tabId: number): Promise<void>;
}

/** The part of the service worker's `chrome` the test uses. */
interface ChromeGlobal {
  chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } };
}

describe('the context menu and the command in chromium', () => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let worker: WebWorker;
  /** A copy of the e2e build, which the last test updates in place. */
  let extensionDir: string;

  async function tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    return worker.evaluate(async (wanted) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.url === wanted)!.id!;
    }, url);
  }

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    extensionDir = await mkdtemp(join(tmpdir(), 'redbridge-selection-'));
    await cp(EXTENSION_DIRS.chromium, extensionDir, { recursive: true });
    ext = await launchWithExtension('chromium', { extensionDir });
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { fallbacks: [], backends: { google: { host: google.url } } });
    await probe.close();
    worker = await serviceWorker();
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
    if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
  });

  /** The extension's service worker; after an update, the one that runs `version`. */
  async function serviceWorker(version?: string): Promise<WebWorker> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      for (const target of ext.browser.targets()) {
        if (target.type() !== 'service_worker' || !target.url().startsWith('chrome-extension://')) continue;
        const found = await target.worker();
        // A worker of the version before may never answer: ask each for a second at most.
        const running = await Promise.race([
          found?.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000)),
        ]).catch(() => null);
        if (found && running && (!version || running === version)) return found;
      }
      if (Date.now() > deadline) throw new Error(`no service worker of version ${version ?? 'any'}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Selects the fixture's sentence in `page` and has the background translate it, as the menu click does. */
  async function translateSelectionIn(page: Page): Promise<void> {
    const selected = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#chinese')!);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    expect(selected).toBe(SENTENCE);
    const tabId = await tabIdOf(page);
    await worker.evaluate(
      (place, text) => (globalThis as unknown as { redbridgeE2E: E2EHooks }).redbridgeE2E.translateSelection(place, text, 'en'),
      { tabId, frameId: 0 },
      selected,
    );
  }

  const popoverShows = (page: Page, text: string) =>
    page.waitForFunction((wanted) => document.querySelector('redbridge-popover')?.shadowRoot?.querySelector('.text')?.textContent === wanted, { timeout: 10_000 }, text);

  it('translates a selection on a page that is not RedNote and shows it next to the selection', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/plain.html`);
    await translateSelectionIn(page);
    await popoverShows(page, `${FAKE_PREFIX}${SENTENCE}`);
    // Beside the selection, not over it.
    const overlaps = await page.evaluate(() => {
      const popover = document.querySelector('redbridge-popover')!.getBoundingClientRect();
      const text = document.querySelector('#chinese')!.getBoundingClientRect();
      return popover.top < text.bottom && popover.bottom > text.top && popover.left < text.right && popover.right > text.left;
    });
    expect(overlaps).toBe(false);

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('redbridge-popover'));
    await page.close();
  });

  it('Alt+T’s command turns RedBridge off in one tab and on again, without a reload', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    const overlays = () => page.$$eval('redbridge-translation', (found) => found.length);
    await page.waitForFunction(() => document.querySelectorAll('redbridge-translation[data-state="done"]').length > 3);
    const tabId = await tabIdOf(page);
    const toggle = () =>
      worker.evaluate((id) => (globalThis as unknown as { redbridgeE2E: E2EHooks }).redbridgeE2E.toggleTab(id), tabId);

    await toggle();
    await page.waitForFunction(() => document.querySelectorAll('redbridge-translation, redbridge-composer').length === 0);
    expect(await overlays()).toBe(0);
    await toggle();
    await page.waitForFunction(() => document.querySelectorAll('redbridge-translation[data-state="done"]').length > 3);
    await page.close();
  });

  // Last: it updates the extension.
  it('translates a selection after an update, in a tab that used it before the update', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/plain.html`);
    await translateSelectionIn(page);
    await popoverShows(page, `${FAKE_PREFIX}${SENTENCE}`);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('redbridge-popover'));

    const version = await nextVersion(extensionDir);
    const probe = await updateExtension(ext, await ext.openProbe(`${fixtures.url}/xhs/expectations.json`), extensionDir, `${fixtures.url}/xhs/expectations.json`);
    await probe.close();
    worker = await serviceWorker(version);
    await page.bringToFront();

    await translateSelectionIn(page);
    await popoverShows(page, `${FAKE_PREFIX}${SENTENCE}`);
    await page.close();
  });
});
