import type { Page, WebWorker } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { FAKE_PREFIX } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type ExtensionBrowser } from './browsers';
import { setStoredSettings } from './probe';

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
    ext = await launchWithExtension('chromium');
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { fallbacks: [], backends: { google: { host: google.url } } });
    await probe.close();
    const target = await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
    worker = (await target.worker())!;
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('translates a selection on a page that is not RedNote and shows it next to the selection', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/plain.html`);
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
    await page.waitForFunction(
      (text) => document.querySelector('redbridge-popover')?.shadowRoot?.querySelector('.text')?.textContent === text,
      { timeout: 10_000 },
      `${FAKE_PREFIX}${SENTENCE}`,
    );
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
});
