import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFakeLibreTranslate } from '../fakes/fake-libretranslate';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { cachedTranslations, clearTranslationCache, setStoredSettings } from './probe';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { checkExpectations, itemsPresentAfter, noteIdOf } from './expectations';
import { clickRetry, expandAllReplies, readOverlays, scrollThrough, settle, strayOverlays } from './overlays';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

describe.each<BrowserName>(['chromium', 'firefox'])('reading RedNote in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let libre: FakeBackend;
  let probe: Page;

  /** Stores `settings`, always pointing the backends at the fakes, with no fallback. */
  function setSettings(settings: Record<string, unknown>): Promise<void> {
    return setStoredSettings(probe, {
      fallbacks: [],
      backends: { google: { host: google.url }, libretranslate: { url: libre.url, apiKey: '' } },
      ...settings,
    });
  }

  const clearCache = () => clearTranslationCache(probe);

  async function openNotePage(): Promise<Page> {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);
    await scrollThrough(page, '.note-scroller');
    await expandAllReplies(page);
    await scrollThrough(page, '.note-scroller');
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [fixtures, google, libre] = await Promise.all([startFixtureServer(), startFakeGoogle(), startFakeLibreTranslate()]);
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setSettings({ backend: 'google' });
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close(), libre?.close()]);
  });

  it('translates every Chinese note title, body, hashtag, comment and reply of the full-page note, and nothing else', async () => {
    const page = await openNotePage();
    const items = itemsPresentAfter('note.html', ['initial', 'expand']);
    expect(items.filter((item) => item.expect === 'translate').length).toBeGreaterThan(20);
    expect(checkExpectations(items, await readOverlays(page))).toEqual([]);
    expect(await strayOverlays(page)).toEqual([]);
    expect(google.requests.length).toBeGreaterThan(0);
    if (browserName === 'chromium') {
      await page.evaluate(() => document.querySelector('.note-scroller')!.scrollTo(0, 0));
      await settle(page);
      await page.screenshot({ path: `${SCREENSHOTS}note-chromium.png` });
    }
    await page.close();
  });

  it('gives a comment the page re-renders its overlay back, never two', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);
    const before = (await readOverlays(page)).get('pub-n01-c01')!;
    expect(before).toMatchObject({ overlays: 1, state: 'done' });
    // Liking a comment makes the page rebuild its `.content` from the store.
    const rerendered = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('fixture:comment-rerendered', resolve, { once: true })),
    );
    await page.$eval('[data-fixture-id="pub-n01-c01"]', (content) =>
      content.closest('.comment-item')!.querySelector<HTMLElement>('.like-wrapper')!.click(),
    );
    await rerendered;
    await settle(page);
    const after = (await readOverlays(page)).get('pub-n01-c01')!;
    expect(after).toMatchObject({ overlays: 1, state: 'done', text: before.text });
    expect(await strayOverlays(page)).toEqual([]);
    await page.close();
  });

  it('translates a second visit from the cache with zero backend requests', async () => {
    const first = await openNotePage();
    await first.close();
    const requestsBefore = google.requests.length;
    expect(await cachedTranslations(probe)).toBeGreaterThan(20);
    const again = await openNotePage();
    expect(checkExpectations(itemsPresentAfter('note.html', ['initial', 'expand']), await readOverlays(again))).toEqual([]);
    expect(google.requests.length).toBe(requestsBefore);
    await again.close();
  });

  it('translates from the cache with zero backend requests after a browser restart', async () => {
    // Fill the cache, then restart the browser on the same profile.
    await (await openNotePage()).close();
    const profileHome = ext.home;
    const restarted = await (async () => {
      await ext.browser.close();
      return launchWithExtension(browserName, { home: profileHome });
    })();
    const requestsBefore = google.requests.length;
    try {
      const page = await restarted.browser.newPage();
      await page.goto(`${fixtures.url}/xhs/note.html`);
      await settle(page);
      await scrollThrough(page, '.note-scroller');
      expect((await readOverlays(page)).get('pub-n01-desc')).toMatchObject({ overlays: 1, state: 'done' });
      expect(google.requests.length).toBe(requestsBefore);
    } finally {
      await restarted.browser.close();
      await rm(profileHome, { recursive: true, force: true });
    }
    // Later tests get a fresh browser again.
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setSettings({ backend: 'google' });
  });

  it('keeps one overlay per unit when the page replaces whole elements, in the mask-page note layout', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html?noteMode=mask-page&rerender=element`);
    await settle(page);
    expect(await page.$('.note-detail-mask.page-mask #noteContainer')).not.toBeNull();
    // 900 ms after load the page swaps #detail-desc for a new element.
    await page.evaluate(
      () => new Promise((resolve) => window.__fixture.events.some((e) => e.type === 'desc-rerendered') ? resolve(null) : document.addEventListener('fixture:desc-rerendered', resolve, { once: true })),
    );
    await page.$eval('[data-fixture-id="pub-n01-c02"]', (content) =>
      content.closest('.comment-item')!.querySelector<HTMLElement>('.like-wrapper')!.click(),
    );
    await settle(page);
    const overlays = await readOverlays(page);
    expect(overlays.get('pub-n01-desc')).toMatchObject({ overlays: 1, state: 'done' });
    expect(overlays.get('pub-n01-c02')).toMatchObject({ overlays: 1, state: 'done' });
    expect(await strayOverlays(page)).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('redbridge-translation').length)).toBe(
      await page.evaluate(() => new Set(Array.from(document.querySelectorAll('redbridge-translation'), (h) => h.getAttribute('data-redbridge-for'))).size),
    );
    await page.close();
  });

  it('follows settings changes in an open tab without a reload', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);
    expect((await readOverlays(page)).get('pub-n01-title')).toMatchObject({ overlays: 1, state: 'done' });
    await setSettings({ backend: 'google', enabled: false });
    await page.waitForFunction(() => document.querySelectorAll('redbridge-translation').length === 0);
    await setSettings({ backend: 'google', enabled: true, display: 'off' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.evaluate(() => document.querySelectorAll('redbridge-translation').length)).toBe(0);
    await setSettings({ backend: 'google', display: 'bilingual' });
    await page.waitForFunction(() => document.querySelectorAll('redbridge-translation[data-state="done"]').length > 5);
    expect((await readOverlays(page)).get('pub-n01-title')).toMatchObject({ overlays: 1, state: 'done' });
    await page.close();
  });

  it('says on hover which backend translated a comment, and re-translates it with another on request', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);
    const before = (await readOverlays(page)).get('pub-n01-c02')!;
    expect(before).toMatchObject({ state: 'done', label: 'Translation by Google Translate' });
    const libreBefore = libre.requests.length;

    const host = await page.$('[data-fixture-id="pub-n01-c02"] ~ redbridge-translation');
    await host!.hover();
    const shown = await page.evaluate((id) => {
      const unitId = document.querySelector(`[data-fixture-id="${id}"]`)!.getAttribute('data-redbridge-id');
      const root = document.querySelector(`redbridge-translation[data-redbridge-for="${unitId}"]`)!.shadowRoot!;
      const other = root.querySelector('details.other')!;
      other.querySelector('summary')!.click();
      return { summary: other.querySelector('summary')!.textContent, opacity: getComputedStyle(other).opacity };
    }, 'pub-n01-c02');
    expect(shown).toEqual({ summary: 'by Google Translate · Re-translate', opacity: '1' });
    await page.evaluate((id) => {
      const unitId = document.querySelector(`[data-fixture-id="${id}"]`)!.getAttribute('data-redbridge-id');
      const root = document.querySelector(`redbridge-translation[data-redbridge-for="${unitId}"]`)!.shadowRoot!;
      Array.from(root.querySelectorAll<HTMLButtonElement>('button.other-backend')).find((b) => b.textContent === 'LibreTranslate')!.click();
    }, 'pub-n01-c02');
    await page.waitForFunction(
      (id) => {
        const unitId = document.querySelector(`[data-fixture-id="${id}"]`)!.getAttribute('data-redbridge-id');
        const root = document.querySelector(`redbridge-translation[data-redbridge-for="${unitId}"]`)?.shadowRoot;
        return root?.querySelector('[role="note"]')?.getAttribute('aria-label') === 'Translation by LibreTranslate';
      },
      { timeout: 10_000 },
      'pub-n01-c02',
    );
    expect(libre.requests.length).toBeGreaterThan(libreBefore);
    await page.close();
  });

  it('shows an error with a Retry button when Google rate-limits (429), and Retry translates', async () => {
    await clearCache();
    google.setMode({ kind: 'fail', status: 429 });
    const page = await ext.browser.newPage();
    try {
      await page.goto(`${fixtures.url}/xhs/note.html`);
      await settle(page);
      await expectErrorThenRetry(page, google, 'pub-n01-title', 'Google Translate is rate-limiting requests (HTTP 429)');
    } finally {
      google.setMode({ kind: 'ok' });
      await page.close();
    }
  });

  describe('the explore feed, through LibreTranslate', () => {
    let feed: Page;

    beforeAll(async () => {
      await setSettings({ backend: 'libretranslate' });
      feed = await ext.browser.newPage();
      await feed.goto(`${fixtures.url}/xhs/feed.html`);
      await settle(feed);
    });

    afterAll(() => feed?.close());

    it('captions every Chinese card title, including cards added by infinite scroll, without overlapping cards', async () => {
      const appended = feed.evaluate(
        () =>
          new Promise<void>((resolve) => {
            let batches = 0;
            document.addEventListener('fixture:feed-appended', () => ++batches === 2 && resolve());
          }),
      );
      for (let i = 0; i < 30 && (await feed.evaluate(() => window.__fixture.events.filter((e) => e.type === 'feed-appended').length)) < 2; i++) {
        await scrollThrough(feed, null);
      }
      await appended;
      await scrollThrough(feed, null);
      const items = itemsPresentAfter('feed.html', ['initial', 'feed-batch']).filter((item) => item.kind.startsWith('card'));
      expect(items.filter((item) => item.expect === 'translate').length).toBeGreaterThanOrEqual(20);
      expect(checkExpectations(items, await readOverlays(feed))).toEqual([]);
      expect(libre.requests.length).toBeGreaterThan(0);
      expect(await overlappingCards(feed)).toEqual([]);
      if (browserName === 'chromium') {
        await feed.evaluate(() => window.scrollTo(0, 0));
        await settle(feed);
        await feed.screenshot({ path: `${SCREENSHOTS}feed-chromium.png` });
      }
    });

    it('translates a note opened as a modal through pushState, and removes its overlays when it closes', async () => {
      await feed.evaluate(() => window.scrollTo(0, 0));
      await feed.click('section.note-item[data-index="0"] a.cover');
      await feed.waitForSelector('.note-detail-mask #noteContainer');
      expect(new URL(feed.url()).pathname).toBe(`/explore/${noteIdOf('n01')}`);
      await settle(feed);
      await scrollThrough(feed, '.note-detail-mask .note-scroller');
      await expandAllReplies(feed);
      await scrollThrough(feed, '.note-detail-mask .note-scroller');
      const items = itemsPresentAfter('feed.html', ['initial', 'expand', `open:${noteIdOf('n01')}`]).filter(
        (item) => item.id.startsWith('pub-n01-'),
      );
      expect(items.filter((item) => item.expect === 'translate').length).toBeGreaterThan(20);
      expect(checkExpectations(items, await readOverlays(feed))).toEqual([]);
      expect(await strayOverlays(feed)).toEqual([]);

      await feed.keyboard.press('Escape');
      await feed.waitForFunction(() => !document.querySelector('.note-detail-mask'));
      await settle(feed);
      expect(await strayOverlays(feed)).toEqual([]);
      expect(await feed.evaluate(() => document.querySelectorAll('.note-detail-mask redbridge-translation').length)).toBe(0);
    });

    it('shows the server error when LibreTranslate fails (500), and Retry translates', async () => {
      await clearCache();
      libre.setMode({ kind: 'fail', status: 500 });
      try {
        await feed.reload();
        await settle(feed);
        await expectErrorThenRetry(feed, libre, 'pub-card-01-title', 'Cannot translate text: internal error');
        // The click on Retry must not open the note behind the caption.
        expect(await feed.$('.note-detail-mask')).toBeNull();
      } finally {
        libre.setMode({ kind: 'ok' });
      }
    });
  });
});

/**
 * The overlay of `fixtureId` shows the backend's failure and a Retry button; once the backend
 * works again, a click on Retry brings the translation.
 */
async function expectErrorThenRetry(page: Page, backend: FakeBackend, fixtureId: string, message: string): Promise<void> {
  const failed = (await readOverlays(page)).get(fixtureId)!;
  expect(failed).toMatchObject({ overlays: 1, state: 'error', hasRetry: true });
  expect(failed.message).toContain(message);
  backend.setMode({ kind: 'ok' });
  await clickRetry(page, fixtureId);
  await settle(page);
  expect((await readOverlays(page)).get(fixtureId)).toMatchObject({ overlays: 1, state: 'done' });
}

/** Pairs of feed cards whose boxes intersect (the page positions them absolutely). */
async function overlappingCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll('section.note-item'), (card) => ({
      index: card.getAttribute('data-index'),
      rect: card.getBoundingClientRect(),
    }));
    const overlaps: string[] = [];
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b || Number(a.index) > Number(b.index)) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 1 && y > 1) overlaps.push(`cards ${a.index} and ${b.index}`);
      }
    }
    return overlaps;
  });
}
