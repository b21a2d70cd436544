import type { ElementHandle, Page } from 'puppeteer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { FAKE_PREFIX, FAKE_REPLIES, FAKE_ZH_PREFIX } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { checkExpectations, itemsPresentAfter } from './expectations';
import { romanize } from '../../src/text/pinyin';
import { readOverlays } from './overlays';
import { setStoredSettings } from './probe';

/**
 * Searching in English (issue 30, part 1): the EN→中 control beside RedNote's search box turns
 * the English typed there into the fake backend's Chinese, Search submits it through the page's
 * own search (the fixture goes to search_result.html?keyword=…, shown as /search_result), and the
 * results page names the query and captions its cards. On both hosts; www.rednote.com (mapped to
 * the fixture server) with its English interface.
 */
const REDNOTE_HOST = 'www.rednote.com';
const { campingGear } = FAKE_REPLIES;

/** What the English-search control shows. */
interface SearchView {
  open: boolean;
  chinese: string | null;
  pinyin: string | null;
  back: string | null;
  status: string | null;
  hasRetry: boolean;
  /** The focused element: our panel's `<tag>` inside the shadow root, or the page's `#id`. */
  focused: string;
  boxValue: string;
}

function readSearch(page: Page): Promise<SearchView> {
  return page.evaluate(() => {
    const root = document.querySelector('redbridge-search')?.shadowRoot;
    const panel = root?.querySelector('.panel');
    const active = document.activeElement;
    return {
      open: !!panel,
      chinese: panel?.querySelector<HTMLInputElement>('.chinese input')?.value ?? null,
      pinyin: panel?.querySelector('[data-part="pinyin"]')?.textContent ?? null,
      back: panel?.querySelector('[data-part="back"] span[lang]')?.textContent ?? null,
      status: panel?.querySelector('.status')?.textContent ?? null,
      hasRetry: Array.from(panel?.querySelectorAll('button') ?? []).some((button) => button.textContent === 'Retry'),
      focused: active?.localName === 'redbridge-search' ? `redbridge-search>${root?.activeElement?.localName ?? ''}` : `#${active?.id ?? ''}`,
      boxValue: document.querySelector<HTMLInputElement>('#search-input')?.value ?? '',
    };
  });
}

async function waitForSearch(page: Page, ready: (view: SearchView) => boolean, timeoutMs = 20_000): Promise<SearchView> {
  const deadline = Date.now() + timeoutMs;
  let view = await readSearch(page);
  while (!ready(view)) {
    if (Date.now() > deadline) throw new Error(`the search panel never got there; it shows ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = await readSearch(page);
  }
  return view;
}

/** One of the panel's or the control's buttons, by its text (inside the control's shadow root). */
async function pressButton(page: Page, text: string): Promise<void> {
  const found = await page.waitForFunction(
    (label) =>
      Array.from(document.querySelector('redbridge-search')?.shadowRoot?.querySelectorAll('button') ?? []).find(
        (button) => button.textContent === label && !button.disabled,
      ),
    { timeout: 10_000 },
    text,
  );
  const button = found.asElement() as ElementHandle<Element> | null;
  if (!button) throw new Error(`no button "${text}" in the search control`);
  await button.click();
}

/** The results page's query line: the query and its meaning, once translated. */
function readQueryLine(page: Page): Promise<{ query: string | null; meaning: string | null }> {
  return page.evaluate(() => {
    const root = document.querySelector('redbridge-search-query')?.shadowRoot;
    return {
      query: root?.querySelector('[data-part="query"]')?.textContent ?? null,
      meaning: root?.querySelector('[data-part="meaning"] span[lang]')?.textContent ?? null,
    };
  });
}

describe.each<BrowserName>(['chromium', 'firefox'])('searching in English in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  const pages: Page[] = [];

  const rednote = () => `http://${REDNOTE_HOST}:${new URL(fixtures.url).port}`;

  async function openFeed(url: string): Promise<Page> {
    const page = await ext.browser.newPage();
    pages.push(page);
    await page.goto(url);
    await page.waitForSelector('pierce/button.start', { timeout: 10_000 });
    return page;
  }

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName, { loopbackHosts: [REDNOTE_HOST] });
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
  });

  afterEach(async () => {
    google.setMode({ kind: 'ok' });
    await Promise.all(pages.splice(0).map((page) => (page.isClosed() ? undefined : page.close())));
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it.each([
    { host: 'www.xiaohongshu.com fixture', via: 'the EN→中 button' },
    { host: REDNOTE_HOST, via: 'Alt+Enter in the box' },
  ])('turns English into the fake’s Chinese, searches it through the page, and names it on the results page ($host, $via)', async ({ host }) => {
    const onRednote = host === REDNOTE_HOST;
    const page = await openFeed(onRednote ? `${rednote()}/xhs/feed.html?ui=en` : `${fixtures.url}/xhs/feed.html`);
    await page.type('#search-input', campingGear.english);
    if (onRednote) {
      await page.keyboard.down('Alt');
      await page.keyboard.press('Enter');
      await page.keyboard.up('Alt');
    } else {
      await pressButton(page, 'EN→中');
    }
    const ready = await waitForSearch(
      page,
      (view) => view.chinese === campingGear.chinese && view.back === campingGear.backTranslation && view.pinyin !== null,
    );
    // The background's pinyin of the query, read in context.
    expect(ready.pinyin).toBe(romanize(campingGear.chinese, 'text'));
    expect(ready.pinyin).toContain('lù yíng');
    // Nothing was searched yet: the English is still in the box, and the page is the feed.
    expect(ready.boxValue).toBe(campingGear.english);
    expect(new URL(page.url()).pathname).toBe('/xhs/feed.html');

    await Promise.all([page.waitForNavigation(), pressButton(page, 'Search')]);
    const address = new URL(page.url());
    expect(address.pathname).toBe('/search_result');
    expect(address.searchParams.get('keyword')).toBe(campingGear.chinese);
    expect(await page.$eval('#search-input', (input) => (input as HTMLInputElement).value)).toBe(campingGear.chinese);

    await page.waitForFunction(
      () => !!document.querySelector('redbridge-search-query')?.shadowRoot?.querySelector('[data-part="meaning"]'),
      { timeout: 20_000 },
    );
    expect(await readQueryLine(page)).toEqual({ query: campingGear.chinese, meaning: `“${campingGear.backTranslation}”` });
    // The line sits above the results, under the tabs.
    expect(await page.evaluate(() => document.querySelector('redbridge-search-query')?.nextElementSibling?.className)).toBe('feeds-container');

    // The result cards are captioned as in the feed: every Chinese title, not the English one.
    await page.waitForFunction(() => document.querySelectorAll('section.note-item redbridge-translation[data-state="done"]').length >= 5, { timeout: 20_000 });
    const overlays = await readOverlays(page);
    expect(checkExpectations(itemsPresentAfter('search_result.html', ['initial']), overlays)).toEqual([]);
    const title = (n: number) => overlays.get(`search-card-${n}-title`)!;
    expect(title(1).text).toBe(`${FAKE_PREFIX}新手露营装备清单｜第一次露营照着买不踩雷`);
    expect(title(1).overlays).toBe(1);
    expect(title(4).overlays).toBe(0);
  });

  it('keeps the English when the backend fails, says why with Retry, and Escape returns to the box', async () => {
    const english = 'lightweight tent for two';
    const page = await openFeed(`${fixtures.url}/xhs/feed.html`);
    google.setMode({ kind: 'fail', status: 500 });
    await page.type('#search-input', english);
    await pressButton(page, 'EN→中');
    const failed = await waitForSearch(page, (view) => !!view.status?.includes('Couldn’t translate'));
    expect(failed.status).toContain('Your English stays in the search box');
    expect(failed.hasRetry).toBe(true);
    expect(failed.chinese).toBeNull();
    expect(failed.boxValue).toBe(english);
    expect(new URL(page.url()).pathname).toBe('/xhs/feed.html');

    google.setMode({ kind: 'ok' });
    await pressButton(page, 'Retry');
    const retried = await waitForSearch(page, (view) => view.chinese === `${FAKE_ZH_PREFIX}${english}`);
    expect(retried.status).toBeNull();

    // Escape in the panel closes it and puts the focus back in the page's box.
    await (await page.$('pierce/.panel .chinese input'))!.focus();
    await page.keyboard.press('Escape');
    const closed = await waitForSearch(page, (view) => !view.open);
    expect(closed.focused).toBe('#search-input');
    expect(closed.boxValue).toBe(english);
  });
});
