import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_TEST_SENTENCE } from '../../src/translation/service';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeLibreTranslate } from '../fakes/fake-libretranslate';
import { fakeTranslate } from '../fakes/fake-translation';
import { launchWithExtension, type ExtensionBrowser } from './browsers';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const LIBRE_KEY = 'libre-e2e-key-7f3a';
/** What the background makes of LibreTranslate's 403 `{"error": "Invalid API key"}`. */
const LIBRE_403 = 'LibreTranslate refused the API key (HTTP 403): Invalid API key';

const libreField = (name: 'url' | 'apiKey') => `#field-backends-libretranslate-${name}`;
const LIBRE_TEST = 'section[data-backend="libretranslate"] button.test';

/** The text of `selector` once it is not empty. */
/** The element's text once there is some and it is not a progress line ("Testing…"). */
async function textOf(page: Page, selector: string): Promise<string> {
  const handle = await page.waitForFunction(
    (s) => {
      const text = document.querySelector(s)?.textContent?.trim();
      return text && !text.endsWith('…') ? text : null;
    },
    { polling: 50, timeout: 10_000 },
    selector,
  );
  return (await handle.jsonValue()) as string;
}

/** The extension page's `chrome.storage`, as much of it as these tests read. */
interface ExtensionWindow {
  chrome: { storage: Record<'local' | 'sync', { get(keys: string | null): Promise<Record<string, unknown>> }> };
}

/** What the extension's `storage.local` or `storage.sync` holds under `key` (or all of it). */
function stored(page: Page, area: 'local' | 'sync', key: string | null): Promise<Record<string, unknown>> {
  return page.evaluate((a, k) => (window as unknown as ExtensionWindow).chrome.storage[a].get(k), area, key);
}

/** Saves each download in `dir` under its GUID; `next()` resolves with the next finished file's text. */
async function catchDownloads(session: CDPSession, dir: string): Promise<{ next(): Promise<string> }> {
  await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir, eventsEnabled: true });
  return {
    next: () =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no download finished')), 10_000);
        const onProgress = (event: { guid: string; state: string }) => {
          if (event.state === 'inProgress') return;
          session.off('Browser.downloadProgress', onProgress);
          clearTimeout(timer);
          if (event.state === 'completed') resolve(readFileSync(join(dir, event.guid), 'utf8'));
          else reject(new Error(`download ${event.state}`));
        };
        session.on('Browser.downloadProgress', onProgress);
      }),
  };
}

describe('the options page in chromium', () => {
  let ext: ExtensionBrowser;
  let libre: FakeBackend;
  let page: Page;
  let downloadDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [libre, downloadDir] = await Promise.all([
      startFakeLibreTranslate({ apiKey: LIBRE_KEY }),
      mkdtemp(join(tmpdir(), 'redbridge-downloads-')),
    ]);
    ext = await launchWithExtension('chromium');
    const worker = await ext.browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
    );
    page = await ext.browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.setViewport({ width: 1000, height: 1100 });
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    await page.waitForSelector(libreField('url'));
  });

  afterAll(async () => {
    await ext?.close();
    await libre?.close();
    if (downloadDir) await rm(downloadDir, { recursive: true, force: true });
  });

  it('saves LibreTranslate with its URL and key in storage.local', async () => {
    expect(await page.title()).toBe('RedBridge options');
    await page.select('#field-backend', 'libretranslate');
    await page.locator(libreField('url')).fill(libre.url);
    await page.locator(libreField('apiKey')).fill(LIBRE_KEY);
    // The key is masked.
    expect(await page.$eval(libreField('apiKey'), (input) => (input as HTMLInputElement).type)).toBe('password');

    await page.click('button[type="submit"]');
    expect(await textOf(page, '.save-status')).toBe('Saved');

    expect((await stored(page, 'local', 'settings')).settings).toMatchObject({
      backend: 'libretranslate',
      backends: { libretranslate: { url: libre.url, apiKey: LIBRE_KEY } },
    });
    // Never in sync storage.
    expect(await stored(page, 'sync', null)).toEqual({});
  });

  it('tests LibreTranslate: the fake’s translation, then the fake’s 403 message', async () => {
    await page.click(LIBRE_TEST);
    expect(await textOf(page, 'section[data-backend="libretranslate"] .test-status')).toBe(
      `Works: ${fakeTranslate(BACKEND_TEST_SENTENCE, 'en')}`,
    );
    const request = libre.requests.at(-1)!;
    expect(JSON.parse(request.body)).toMatchObject({ q: BACKEND_TEST_SENTENCE, api_key: LIBRE_KEY });

    // The README's picture: the translation services with LibreTranslate working.
    await page.$eval('#backends-heading', (heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 40));
    await page.screenshot({ path: `${SCREENSHOTS}options-chromium.png` });

    libre.setMode({ kind: 'fail', status: 403 });
    await page.click(LIBRE_TEST);
    const error = await textOf(page, 'section[data-backend="libretranslate"] .test-error[role="alert"]');
    expect(error).toBe(LIBRE_403);
    expect(libre.requests.at(-1)!.status).toBe(403);
    libre.setMode({ kind: 'ok' });
  });

  it('exports a file with no API key unless the box is ticked', async () => {
    const downloads = await catchDownloads(await ext.browser.target().createCDPSession(), downloadDir);

    let file = downloads.next();
    await page.click('button.export');
    const plain = await file;
    expect(plain).not.toContain(LIBRE_KEY);
    expect(plain).not.toContain('apiKey');
    expect(JSON.parse(plain)).toMatchObject({ backend: 'libretranslate', backends: { libretranslate: { url: libre.url } } });

    await page.click('#export-include-keys');
    file = downloads.next();
    await page.click('button.export');
    expect(JSON.parse(await file)).toMatchObject({ backends: { libretranslate: { url: libre.url, apiKey: LIBRE_KEY } } });
  });

  it('throws no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
