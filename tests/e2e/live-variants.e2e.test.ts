import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { composerControl, dockOf, typeEnglish, waitForPanel } from './composer';
import { checkExpectations, itemsPresentAfter, noteIdOf } from './expectations';
import { cardBoxesWithAndWithoutCaptions, overlappingCards, readCards } from './feed-cards';
import { expandAllReplies, readOverlays, scrollThrough, settle, strayOverlays } from './overlays';
import { setStoredSettings, storedDrafts, tabStatsOf } from './probe';

/**
 * The live site's variants (issue 15, part 6), each a query option of the fixture pages (see
 * tests/fixtures/xhs/README.md): note addresses inside a profile, a virtual feed, comment text
 * written late, www.rednote.com with its English interface, and video, live and plain-cover cards.
 */
const REDNOTE_HOST = 'www.rednote.com';
/** The author of note n01, whose profile the `notePath=profile` address goes through. */
const N01_AUTHOR = '11a8eda4790f31ec15a623f4';

describe.each<BrowserName>(['chromium', 'firefox'])('the live site’s variants in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let probe: Page;
  const pages: Page[] = [];

  /** The fixture server under RedNote's real English-language host (the port stays). */
  const rednote = () => `http://${REDNOTE_HOST}:${new URL(fixtures.url).port}`;

  async function open(url: string): Promise<Page> {
    const page = await ext.browser.newPage();
    pages.push(page);
    await page.goto(url);
    await settle(page);
    return page;
  }

  async function closePages(): Promise<void> {
    await Promise.all(pages.splice(0).map((page) => (page.isClosed() ? undefined : page.close())));
  }

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName, { loopbackHosts: [REDNOTE_HOST] });
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
  });

  afterAll(async () => {
    await closePages();
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  describe('note addresses inside a profile', () => {
    afterAll(closePages);

    async function openComposer(page: Page): Promise<void> {
      await (await composerControl(page, 'button', 'Reply in English')).click();
      await waitForPanel(page, (view) => view.open && view.ready);
    }

    /** Waits until a draft holding `english` is stored; returns every draft's storage key. */
    async function draftKeysOnceSaved(english: string): Promise<string[]> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const drafts = await storedDrafts(probe);
        if (Object.values(drafts).some((draft) => JSON.stringify(draft).includes(english)) || Date.now() > deadline) {
          return Object.entries(drafts)
            .filter(([, draft]) => JSON.stringify(draft).includes(english))
            .map(([key]) => key);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it('keeps a draft typed on the full-page note at /user/profile/<userId>/<noteId> under the note id, and finds it at /discovery/item/<noteId>', async () => {
      const n01 = noteIdOf('n01');
      const english = 'Is the profile link the same note?';
      const page = await open(`${fixtures.url}/xhs/note.html?notePath=profile`);
      expect(new URL(page.url()).pathname).toBe(`/user/profile/${N01_AUTHOR}/${n01}`);
      await openComposer(page);
      await typeEnglish(page, english);
      expect(await draftKeysOnceSaved(english)).toEqual([`draft:${n01}|`]);

      // The same note under another address finds the draft.
      const again = await open(`${fixtures.url}/xhs/note.html?notePath=discovery`);
      expect(new URL(again.url()).pathname).toBe(`/discovery/item/${n01}`);
      await openComposer(again);
      expect((await waitForPanel(again, (view) => view.english === english)).english).toBe(english);
      await (await composerControl(again, 'button', 'Discard draft')).click();
    });

    it('keeps a draft typed in the modal of a note opened from a profile under that note’s id', async () => {
      const n02 = noteIdOf('n02');
      const english = 'Typed in the profile modal';
      const page = await open(`${fixtures.url}/xhs/feed.html?notePath=profile`);
      await page.evaluate((id) => window.__fixture.openNote(id), n02);
      await page.waitForSelector('.note-detail-mask #content-textarea');
      const path = new URL(page.url()).pathname;
      expect(path).toMatch(new RegExp(`^/user/profile/[0-9a-f]{24}/${n02}$`));
      expect(new URL(page.url()).searchParams.get('xsec_source')).toBe('pc_user');
      await openComposer(page);
      await typeEnglish(page, english);
      // Closing the note saves the draft at once.
      await page.evaluate(() => window.__fixture.closeNote());
      await page.waitForFunction(() => !document.querySelector('.note-detail-mask'));
      expect(await draftKeysOnceSaved(english)).toEqual([`draft:${n02}|`]);
    });
  });

  describe('a virtual feed that drops and re-adds cards as the reader scrolls', () => {
    afterAll(closePages);

    /** What must hold at every moment: one caption per card at most, nothing tracked beyond the DOM. */
    function bounds(page: Page) {
      return page.evaluate(() => {
        const titles = document.querySelectorAll('#exploreFeeds a.title').length;
        const perCard = Array.from(document.querySelectorAll('#exploreFeeds > section.note-item'), (card) =>
          card.querySelectorAll('redbridge-translation').length,
        );
        return {
          titles,
          cards: perCard.length,
          overlays: document.querySelectorAll('redbridge-translation').length,
          tracked: document.querySelectorAll('[data-redbridge-id]').length,
          mostCaptionsOnACard: Math.max(0, ...perCard),
        };
      });
    }

    /**
     * The feed's Chinese cards in the DOM without their finished caption, once the cache's answers
     * for the cards just put back have had up to 5 s to arrive (a busy machine delays them).
     */
    async function cardProblems(page: Page): Promise<string[]> {
      const items = itemsPresentAfter('feed.html', ['initial', 'feed-batch']).filter((item) => item.kind.startsWith('card'));
      const deadline = Date.now() + 5_000;
      for (;;) {
        const problems = checkExpectations(items, await readOverlays(page));
        if (problems.length === 0 || Date.now() > deadline) return problems;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    /** Scrolls the window to one end a step at a time, checking the bounds after each step; returns the steps' card counts. */
    async function scrollFeed(page: Page, down: boolean, checkShown: boolean): Promise<number[]> {
      const cardCounts: number[] = [];
      for (let step = 0; step < 40; step += 1) {
        const moved = await page.evaluate((goDown) => {
          const before = window.scrollY;
          window.scrollBy(0, (goDown ? 0.8 : -0.8) * window.innerHeight);
          return window.scrollY !== before;
        }, down);
        await settle(page);
        const now = await bounds(page);
        cardCounts.push(now.cards);
        expect(now.mostCaptionsOnACard).toBeLessThanOrEqual(1);
        expect(now.overlays).toBeLessThanOrEqual(now.titles);
        expect(now.tracked).toBeLessThanOrEqual(now.titles);
        expect(await strayOverlays(page)).toEqual([]);
        if (checkShown) expect(await cardProblems(page)).toEqual([]);
        if (!moved && (!down || (await page.evaluate(() => window.__fixture.events.filter((e) => e.type === 'feed-appended').length)) >= 2)) {
          return cardCounts;
        }
      }
      throw new Error('the feed never reached its end');
    }

    it.each(['new', 'same'])(
      'keeps one caption per card and shows returning cards again from the cache, with %s elements',
      async (mode) => {
        const page = await open(`${fixtures.url}/xhs/feed.html?virtual=${mode}`);
        // Warm up: down to the end of the feed (every batch in) and back, twice, translating each
        // card once. (A card the page dropped again before it was asked for in the first pass is
        // asked for in the second; only then is every card's translation in the cache.)
        for (let pass = 0; pass < 2; pass += 1) {
          await scrollFeed(page, true, false);
          await scrollFeed(page, false, false);
        }
        await settle(page);
        const requests = google.requests.length;

        const cardCounts: number[] = [];
        for (let round = 0; round < 2; round += 1) {
          cardCounts.push(...(await scrollFeed(page, true, true)), ...(await scrollFeed(page, false, true)));
        }
        // The page did drop cards (28 in the feed), and each came back translated without a request.
        expect(Math.max(...cardCounts)).toBeLessThanOrEqual(24);
        expect(Math.min(...cardCounts)).toBeLessThan(28);
        const virtualized = await page.evaluate(() => window.__fixture.events.filter((e) => e.type === 'feed-virtualized').length);
        expect(virtualized).toBeGreaterThan(4);
        expect(google.requests.length).toBe(requests);

        // The popup counts the units in the page: the captions there now, all from the cache.
        const { overlays } = await bounds(page);
        expect(overlays).toBeGreaterThan(5);
        expect(await tabStatsOf(probe, page)).toMatchObject({ found: overlays, translated: overlays, fromCache: overlays, failed: 0 });
      },
    );
  });

  it('translates comments whose text the page writes after their .content, each with one overlay', async () => {
    const page = await open(`${fixtures.url}/xhs/note.html?commentText=late`);
    await page.waitForFunction(() => window.__fixture.events.some((e) => e.type === 'comment-text-filled'));
    await settle(page);
    await scrollThrough(page, '.note-scroller');
    await expandAllReplies(page);
    // The last replies' words come 600 ms after them; then read the column again from the top, as
    // a reader would (a reply filled in while the column was scrolled far away is translated when
    // it comes near).
    await new Promise((resolve) => setTimeout(resolve, 700));
    await page.evaluate(() => document.querySelector('.note-scroller')!.scrollTo(0, 0));
    await settle(page);
    await scrollThrough(page, '.note-scroller');
    // Replies loaded by 展开 are empty at first too.
    expect(await page.evaluate(() => window.__fixture.events.filter((e) => e.type === 'comment-text-filled').length)).toBeGreaterThan(1);
    const overlays = await readOverlays(page);
    expect(overlays.get('pub-n01-c01')).toMatchObject({
      overlays: 1,
      state: 'done',
      text: 'Help, this guide is so detailed! Saved it, going next month',
    });
    expect(overlays.get('pub-n01-c01-r4')).toMatchObject({ overlays: 1, state: 'done' });
    expect(checkExpectations(itemsPresentAfter('note.html', ['initial', 'expand']), overlays)).toEqual([]);
    expect(await strayOverlays(page)).toEqual([]);
  });

  describe('www.rednote.com, with its English interface', () => {
    afterAll(closePages);

    /** English labels of the page's own interface, and whether RedBridge put anything in or on them. */
    function interfaceLabels(page: Page) {
      return page.evaluate(() => {
        const chrome =
          '.side-bar, .channel-container, .header-container, .author-wrapper, .info, .interactions, .show-more, .total, .bottom-container, .end-container, .feeds-loading';
        const labels = Array.from(document.querySelectorAll('[data-fixture-id^="ui-"], .total, .show-more, .comment-item .info .count'), (el) =>
          (el.textContent ?? '').trim(),
        );
        return {
          labels,
          ours: Array.from(document.querySelectorAll(chrome)).filter(
            (el) => el.querySelector('redbridge-translation, [data-redbridge-id]') || el.hasAttribute('data-redbridge-id'),
          ).length,
          chineseLabels: labels.filter((label) => /[\u4e00-\u9fff]/.test(label)),
        };
      });
    }

    it('captions the feed’s Chinese cards on the release build’s www.rednote.com match, and leaves the English UI alone', async () => {
      const page = await open(`${rednote()}/xhs/feed.html?ui=en`);
      expect(new URL(page.url()).host).toBe(`${REDNOTE_HOST}:${new URL(fixtures.url).port}`);
      const items = itemsPresentAfter('feed.html', ['initial']).filter((item) => item.kind.startsWith('card'));
      expect(checkExpectations(items, await readOverlays(page))).toEqual([]);
      expect((await readOverlays(page)).get('pub-card-01-title')).toMatchObject({ overlays: 1, state: 'done' });
      const ui = await interfaceLabels(page);
      expect(ui.labels).toEqual(expect.arrayContaining(['Explore', 'Create', 'Notifications', 'For you', 'Travel']));
      expect(ui.chineseLabels).toEqual([]);
      expect(ui.ours).toBe(0);
    });

    it('translates a note opened there, replies included, and leaves Comments, Reply, Like and Load more alone', async () => {
      const page = await open(`${rednote()}/xhs/feed.html?ui=en`);
      const n01 = noteIdOf('n01');
      await page.evaluate((id) => window.__fixture.openNote(id), n01);
      await page.waitForSelector('.note-detail-mask #noteContainer');
      await settle(page);
      await scrollThrough(page, '.note-detail-mask .note-scroller');
      const before = await interfaceLabels(page);
      expect(before.labels).toEqual(expect.arrayContaining(['26 comments', 'Reply', 'Like', 'Show 3 replies']));
      await expandAllReplies(page);
      await scrollThrough(page, '.note-detail-mask .note-scroller');

      const items = itemsPresentAfter('feed.html', ['initial', 'expand', `open:${n01}`]).filter((item) => item.id.startsWith('pub-n01-'));
      expect(items.filter((item) => item.expect === 'translate').length).toBeGreaterThan(20);
      expect(checkExpectations(items, await readOverlays(page))).toEqual([]);
      expect(await strayOverlays(page)).toEqual([]);
      const after = await interfaceLabels(page);
      expect(after.chineseLabels).toEqual([]);
      expect(after.ours).toBe(0);
      // The composer's English labels stay as they are, and RedBridge's dock is there.
      expect(await page.$eval('.right-btn-area .btn.submit', (button) => button.textContent)).toBe('Send');
      await dockOf(page);
    });
  });

  describe('video, live and plain-cover cards', () => {
    afterAll(closePages);

    it('places each caption over its card’s cover, clear of the play icon and the live badge, adding no height', async () => {
      const page = await open(`${fixtures.url}/xhs/feed.html?cards=media`);
      const cards = await readCards(page);
      const captioned = cards.filter((card) => card.captions > 0);
      // Cards 2 and 7 are live, 4 has a plain-div cover, 8, 10 and 12 are videos: all with Chinese titles.
      const withMarks = captioned.filter((card) => card.marks.length > 0).map((card) => card.index);
      expect(withMarks).toEqual(expect.arrayContaining(['1', '6', '7', '9', '11']));
      expect(captioned.map((card) => card.index)).toContain('3');
      for (const card of captioned) {
        expect(card, `card ${card.index}`).toMatchObject({
          captions: 1,
          captionState: 'done',
          captionInCover: true,
          captionWithinCover: true,
          captionCoversMark: false,
        });
      }
      expect(await overlappingCards(page)).toEqual([]);
      const boxes = await cardBoxesWithAndWithoutCaptions(page);
      expect(boxes.shown).toEqual(boxes.hidden);
    });
  });
});
