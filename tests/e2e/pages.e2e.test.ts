import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { checkExpectations, itemsPresentAfter } from './expectations';
import { cardBoxesWithAndWithoutCaptions, overlappingCards } from './feed-cards';
import { readOverlays, settle, strayOverlays } from './overlays';
import { setStoredSettings } from './probe';
import { romanize } from '../../src/text/pinyin';

/**
 * The notification page and a user profile (issue 30), on www.xiaohongshu.com's Chinese
 * interface (the fixture server on 127.0.0.1) and on www.rednote.com's English one.
 */
const REDNOTE_HOST = 'www.rednote.com';
/** The hints the extension knows, as the Chinese interface writes them: never sent to a backend. */
const KNOWN_HINTS = ['回复了你的评论', '评论了你的笔记', '在评论中@了你', '赞了你的评论', '赞了你的笔记', '收藏了你的笔记', '关注了你'];

/** Each fixture element's fixed label (the English RedBridge shows right after it), if it has one. */
function labels(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const found: Record<string, string> = {};
    for (const element of document.querySelectorAll('[data-fixture-id]')) {
      const next = element.nextElementSibling;
      const text = next?.localName === 'redbridge-label' ? next.shadowRoot?.querySelector('.label')?.textContent : null;
      if (text) found[element.getAttribute('data-fixture-id')!] = text;
    }
    return found;
  });
}

/** `index: left,top height` boxes with their tops taken from the highest card's. */
function withinFeed(boxes: string[]): string[] {
  const parsed = boxes.map((box) => /^(\S+): (-?\d+),(-?\d+) (\d+)$/.exec(box)!.slice(1).map(Number));
  const top = Math.min(...parsed.map(([, , y]) => y!));
  return parsed.map(([index, x, y, height]) => `${index}: ${x},${y! - top} ${height}`);
}

const textOf = (page: Page, id: string) => page.$eval(`[data-fixture-id="${id}"]`, (element) => element.textContent);

/** The pinyin RedBridge shows right after a fixture element (a name), once it has come. */
async function pinyinAfter(page: Page, id: string): Promise<string | null> {
  await page.waitForFunction((fixtureId) => {
    const sibling = document.querySelector(`[data-fixture-id="${fixtureId}"]`)?.nextElementSibling;
    return sibling?.localName === 'redbridge-pinyin';
  }, { timeout: 15_000 }, id);
  return page.evaluate((fixtureId) => {
    const sibling = document.querySelector(`[data-fixture-id="${fixtureId}"]`)?.nextElementSibling;
    return sibling?.localName === 'redbridge-pinyin' ? sibling.textContent : null;
  }, id);
}

describe.each<BrowserName>(['chromium', 'firefox'])('notifications and profiles in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  const sentTexts = () => google.requests.flatMap((request) => request.texts);

  async function open(url: string): Promise<Page> {
    const page = await ext.browser.newPage();
    // Tall enough that every unit is within a screen of view.
    await page.setViewport({ width: 1400, height: 3000 });
    await page.goto(url);
    // Every page opened here has Chinese to show: `settle` alone could return before the content script starts.
    await page.waitForSelector('redbridge-translation[data-state="done"]', { timeout: 20_000 });
    await settle(page);
    return page;
  }

  async function openTab(page: Page, tab: string): Promise<void> {
    await page.click(`[data-tab="${tab}"]`);
    await settle(page);
  }

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName, { loopbackHosts: [REDNOTE_HOST] });
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  describe.each([
    { site: 'www.xiaohongshu.com', english: false },
    { site: 'www.rednote.com', english: true },
  ])('on $site', ({ english }) => {
    const url = (page: string) =>
      english ? `http://${REDNOTE_HOST}:${new URL(fixtures.url).port}/xhs/${page}?ui=en` : `${fixtures.url}/xhs/${page}`;

    it('translates each notification’s comment and quote, shows the hints in English with no backend request, and leaves names and times alone', async () => {
      const requestsBefore = google.requests.length;
      const page = await open(url('notification.html'));
      const overlays = await readOverlays(page);
      expect(checkExpectations(itemsPresentAfter('notification.html', ['initial']), overlays)).toEqual([]);
      // Batched as on note pages: at least 20 texts a request (the benchmark's budget), so this
      // page's first screen (12 texts, cold) is one request; on the second host it is all cached.
      const made = google.requests.slice(requestsBefore);
      expect(made.length).toBeLessThanOrEqual(Math.ceil(made.flatMap((request) => request.texts).length / 20));
      expect(overlays.get('notif-c01-quote')).toMatchObject({ state: 'done', text: 'The tiramisu here is truly amazing' });
      expect(overlays.get('notif-c03-text')?.text).toBe('@奶茶三分糖 come and see this guide, let’s go together next time');
      // The made-up hint has no English in the extension: translated like text.
      expect(overlays.get('notif-c05-hint')).toMatchObject({ state: 'done', text: 'shared your note' });
      expect(await strayOverlays(page)).toEqual([]);
      const shown = await labels(page);
      if (english) {
        // The English interface's hints are English already: nothing is added to them.
        expect(shown).toEqual({});
        expect(await textOf(page, 'notif-c01-hint')).toBe('replied to your comment');
      } else {
        expect(shown).toEqual({
          'notif-c01-hint': 'replied to your comment',
          'notif-c02-hint': 'commented on your note',
          'notif-c03-hint': 'mentioned you in a comment',
          'notif-c04-hint': 'replied to your comment',
          'notif-c06-hint': 'replied to your comment',
        });
      }
      expect(await textOf(page, 'notif-c01-time')).toBe('01-14');
      expect(await textOf(page, 'notif-c01-author')).toBe('一只爱旅行的阿柚');
      // Names are never translated, but they can be said: their pinyin stands beside them.
      expect(await pinyinAfter(page, 'notif-c01-author')).toBe(romanize('一只爱旅行的阿柚', 'name'));
      expect(sentTexts().filter((text) => KNOWN_HINTS.some((hint) => text.includes(hint)))).toEqual([]);
      expect(sentTexts().filter((text) => text.includes('一只爱旅行的阿柚'))).toEqual([]);
      await page.close();
    });

    it('translates the items of each tab the reader switches to', async () => {
      const page = await open(url('notification.html'));
      await openTab(page, 'likes');
      expect(checkExpectations(itemsPresentAfter('notification.html', ['tab:likes']), await readOverlays(page))).toEqual([]);
      expect((await readOverlays(page)).get('notif-l01-quote')).toMatchObject({ state: 'done' });
      await openTab(page, 'follows');
      const shown = await labels(page);
      if (english) expect(shown).toEqual({});
      else expect(shown).toEqual({ 'notif-f01-hint': 'followed you', 'notif-f02-hint': 'followed you' });
      expect(sentTexts().filter((text) => KNOWN_HINTS.some((hint) => text.includes(hint)))).toEqual([]);
      await page.close();
    });

    it('translates a profile’s bio line by line and its tags, names its IP place in English, and leaves the name, red ID and counts alone', async () => {
      const page = await open(url('profile.html'));
      const overlays = await readOverlays(page);
      expect(checkExpectations(itemsPresentAfter('profile.html', ['initial']), overlays)).toEqual([]);
      expect(overlays.get('prof-bio')?.text?.split('\n')).toEqual([
        'Fifth year living in Beijing | INFP',
        'Into coffee, film photography and weekend city walks ☕️',
        'For business inquiries, please DM',
      ]);
      expect(overlays.get('prof-tag-2')).toMatchObject({ state: 'done', text: 'Gemini' });
      expect(await labels(page)).toEqual({ 'prof-ip': 'Beijing' });
      expect(await textOf(page, 'prof-redid')).toBe(english ? 'RED ID: 952703318' : '小红书号：952703318');
      expect(await textOf(page, 'prof-name')).toBe('奶茶三分糖');
      expect(await pinyinAfter(page, 'prof-name')).toBe(romanize('奶茶三分糖', 'name'));
      expect(sentTexts().filter((text) => text === '北京' || text.includes('IP属地') || text.includes('952703318'))).toEqual([]);
      await page.close();
    });

    it('captions the posted and saved notes over their covers, without changing any card’s size or overlapping', async () => {
      const page = await open(url('profile.html'));
      for (const [tab, feed, captions] of [
        ['posted', '#userPostedFeeds', 7],
        ['saved', '#userCollectedFeeds', 4],
      ] as const) {
        if (tab === 'saved') await openTab(page, tab);
        const inCovers = await page.$$eval(`${feed} a.cover > redbridge-translation[data-state="done"]`, (hosts) => hosts.length);
        expect(inCovers, tab).toBe(captions);
        // Hiding every overlay also moves the whole feed up (the bio's and tags' are above it): compare within the feed.
        const boxes = await cardBoxesWithAndWithoutCaptions(page, feed);
        expect(withinFeed(boxes.shown)).toEqual(withinFeed(boxes.hidden));
        expect(await overlappingCards(page, feed)).toEqual([]);
      }
      expect(checkExpectations(itemsPresentAfter('profile.html', ['tab:saved']), await readOverlays(page))).toEqual([]);
      await page.close();
    });

    it('shows both pages again from the cache, with no backend request', async () => {
      const before = google.requests.length;
      for (const name of ['notification.html', 'profile.html']) {
        const page = await open(url(name));
        await page.reload();
        // `settle` alone could return before the reloaded page's content script has started.
        await page.waitForSelector('redbridge-translation[data-state="done"]', { timeout: 15_000 });
        await settle(page);
        expect((await readOverlays(page)).get(name === 'profile.html' ? 'prof-bio' : 'notif-c01-text')).toMatchObject({ state: 'done' });
        await page.close();
      }
      expect(google.requests.length).toBe(before);
    });
  });
});
