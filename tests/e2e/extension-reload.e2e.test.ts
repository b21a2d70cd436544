import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Target } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { EXTENSION_DIRS, launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { composerControl, readPanel, typeEnglish, waitForPanel } from './composer';
import { checkExpectations, itemsPresentAfter } from './expectations';
import { openWholeNote, readOverlays, settle, strayOverlays } from './overlays';
import { nextVersion, setStoredSettings, storedDrafts, updateExtension } from './probe';

/** What an extension page (the probe) has of the WebExtension API, in both browsers. */
interface ExtensionPageGlobals {
  browser: { runtime: { getManifest(): { version: string } } };
}

/** The Chrome release build (`npm run build`, run by `npm test` before the e2e step). */
const RELEASE_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));

/** RedBridge's elements in the page, as the page's own scripts see them. */
const OWN_ELEMENTS = 'redbridge-translation, redbridge-composer, redbridge-popover';

/**
 * Marks, in the page's own world, the document and every RedBridge element in it now: what
 * carries the mark after a reload is the old version's, and a document without it was reloaded.
 */
function markBeforeReload(page: Page): Promise<number> {
  return page.evaluate((selector) => {
    (window as unknown as { __beforeReload?: boolean }).__beforeReload = true;
    const elements = document.querySelectorAll(selector);
    for (const element of elements) (element as unknown as { __beforeReload?: boolean }).__beforeReload = true;
    return elements.length;
  }, OWN_ELEMENTS);
}

/** RedBridge's elements in the page by version: the old one's (marked) and the new one's. */
function ownElements(page: Page): Promise<{ sameDocument: boolean; old: number; new: number; done: number }> {
  return page.evaluate((selector) => {
    const elements = Array.from(document.querySelectorAll(selector));
    const old = elements.filter((element) => (element as unknown as { __beforeReload?: boolean }).__beforeReload).length;
    return {
      sameDocument: (window as unknown as { __beforeReload?: boolean }).__beforeReload === true,
      old,
      new: elements.length - old,
      done: document.querySelectorAll('redbridge-translation[data-state="done"]').length,
    };
  }, OWN_ELEMENTS);
}

/**
 * An update while RedNote is open: a new version of the extension is installed over the
 * running one (as the browser does for an update, or for Reload on the extensions page) with a
 * note and its reply composer open in a tab.
 */
describe.each<BrowserName>(['chromium', 'firefox'])('an extension reload with a note open in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let probe: Page;
  /** A copy of the e2e build that the test updates in place. */
  let extensionDir: string;
  /** Uncaught errors and console errors, in the page and (Chromium) in the extension's service worker. */
  const errors: string[] = [];
  const fixtureUrl = () => `${fixtures.url}/xhs/expectations.json`;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    extensionDir = await mkdtemp(join(tmpdir(), `redbridge-update-${browserName}-`));
    await cp(EXTENSION_DIRS[browserName], extensionDir, { recursive: true });
    ext = await launchWithExtension(browserName, { extensionDir });
    probe = await ext.openProbe(fixtureUrl());
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
    if (browserName === 'chromium') {
      const watchWorker = async (target: Target) => {
        if (target.type() !== 'service_worker') return;
        const worker = await target.worker();
        worker?.on('error', (error) => errors.push(`service worker: ${String(error)}`));
        worker?.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warn') errors.push(`service worker ${message.type()}: ${message.text()}`);
        });
      };
      ext.browser.on('targetcreated', (target: Target) => void watchWorker(target));
      for (const target of ext.browser.targets()) await watchWorker(target);
    }
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
    if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
  });

  const openNote = () =>
    openWholeNote(ext.browser, `${fixtures.url}/xhs/note.html`, (page) => {
      page.on('pageerror', (error) => errors.push(`page: ${String(error)}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warn') errors.push(`page ${message.type()}: ${message.text()}`);
      });
    });

  it('hands the tab to the new version without a page reload, keeping the typed draft', async () => {
    const page = await openNote();
    const before = checkExpectations(itemsPresentAfter('note.html', ['initial']), await readOverlays(page));
    expect(before).toEqual([]);

    // A reply half written in the composer, saved while the user was typing.
    await (await composerControl(page, 'button', 'Reply in English')).click();
    await waitForPanel(page, (view) => view.open && view.ready);
    const english = 'Is this cafe open on Mondays?';
    await typeEnglish(page, english);
    await expect
      .poll(async () => Object.values(await storedDrafts(probe)).map((draft) => (draft as { english?: string }).english), {
        timeout: 5000,
      })
      .toContain(english);

    const marked = await markBeforeReload(page);
    expect(marked).toBeGreaterThan(10);
    const requestsBefore = google.requests.length;
    const version = await nextVersion(extensionDir);
    probe = await updateExtension(ext, probe, extensionDir, fixtureUrl());
    expect(await probe.evaluate(() => (globalThis as unknown as ExtensionPageGlobals).browser.runtime.getManifest().version)).toBe(version);

    // Back to the note's tab (the new probe page came to the front): hidden, it sees nothing scroll into view.
    await page.bringToFront();
    // The old version's overlays and dock give way to the new version's, in the same document.
    await page.waitForFunction(
      (selector, wanted) => {
        const elements = Array.from(document.querySelectorAll(selector));
        const done = document.querySelectorAll('redbridge-translation[data-state="done"]').length;
        return elements.length > 0 && elements.every((e) => !(e as unknown as { __beforeReload?: boolean }).__beforeReload) && done >= wanted;
      },
      { timeout: 20_000, polling: 100 },
      OWN_ELEMENTS,
      (await ownElements(page)).done,
    );
    await settle(page);
    const after = await ownElements(page);
    expect(after).toMatchObject({ sameDocument: true, old: 0 });
    expect(checkExpectations(itemsPresentAfter('note.html', ['initial']), await readOverlays(page))).toEqual([]);
    expect(await strayOverlays(page)).toEqual([]);
    // The new version read the translations from the cache the old one filled.
    expect(google.requests.length).toBe(requestsBefore);

    // The draft is there when the user opens the composer again.
    await (await composerControl(page, 'button', 'Reply in English')).click();
    const view = await waitForPanel(page, (v) => v.open && v.ready);
    expect(view.english).toBe(english);
    expect((await readPanel(page)).saved).toBe('Draft saved');

    expect(errors).toEqual([]);
    await page.close();
  });

  // Last: the extension is gone afterwards. Chrome only: Firefox stops a removed extension's
  // content scripts outright, so nothing of it runs to take its elements out (docs/resilience.md).
  it.runIf(browserName === 'chromium')('takes everything out of open pages when the extension is removed', async () => {
    const page = await openNote();
    expect((await ownElements(page)).new).toBeGreaterThan(10);
    errors.length = 0;
    const origin = await ext.extensionOrigin();
    await ext.browser.uninstallExtension(new URL(origin).host);
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, { timeout: 5000, polling: 100 }, OWN_ELEMENTS);
    // The page's own text is all still there.
    expect(await page.$$eval('[data-fixture-id]', (elements) => elements.length)).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * The release build asks for other permissions than the e2e build (no 127.0.0.1): the update
 * must reach a tab on RedNote's real host with them. Chromium only, as only Chrome needs the
 * background to start the new version in open tabs.
 */
describe('an update of the release build in chromium', () => {
  let fixtures: LocalServer;
  let ext: ExtensionBrowser;
  let extensionDir: string;

  beforeAll(async () => {
    fixtures = await startFixtureServer();
    extensionDir = await mkdtemp(join(tmpdir(), 'redbridge-update-release-'));
    await cp(RELEASE_DIR, extensionDir, { recursive: true });
    ext = await launchWithExtension('chromium', { extensionDir, loopbackHosts: ['www.xiaohongshu.com'] });
  });

  afterAll(async () => {
    await ext?.close();
    await fixtures?.close();
    if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
  });

  it('starts the new version in a www.xiaohongshu.com tab opened before the update', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`http://www.xiaohongshu.com:${new URL(fixtures.url).port}/xhs/note.html`);
    await page.waitForSelector('redbridge-composer', { timeout: 20_000 });
    await markBeforeReload(page);

    await nextVersion(extensionDir);
    await ext.browser.installExtension(extensionDir);
    await page.bringToFront();
    await page.waitForFunction(
      () => {
        const docks = Array.from(document.querySelectorAll('redbridge-composer'));
        return docks.length === 1 && !(docks[0] as unknown as { __beforeReload?: boolean }).__beforeReload;
      },
      { timeout: 20_000, polling: 100 },
    );
    expect((await ownElements(page)).sameDocument).toBe(true);
    await page.close();
  });
});
