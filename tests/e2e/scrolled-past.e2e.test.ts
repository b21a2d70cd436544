import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { fakeTranslate } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { readOverlays, settle } from './overlays';
import { setStoredSettings } from './probe';

/** Comments the page adds at once: more than RedBridge reads before the page's next frame. */
const ADDED = 4000;
const textOf = (i: number) => `第${i}条评论：这家店真的太好吃了`;

/**
 * On a busy page the reader can scroll past comments the page just added before RedBridge has
 * read them (it reads a large batch a slice at a time). Those that were on screen must still be
 * translated, though they never come near again; those that never were must not be.
 */
describe.each<BrowserName>(['chromium', 'firefox'])('comments scrolled past before RedBridge read them, in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let page: Page;
  /** Whether RedBridge had read the last comment when the page scrolled it away. */
  let lastReadWhenScrolledAway: boolean;
  let overlays: Awaited<ReturnType<typeof readOverlays>>;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName);
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
    page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);
    // In one task the page adds the comments and shows the last of them; as soon as they are
    // on screen (its own IntersectionObserver, after that frame) it scrolls back to the top.
    lastReadWhenScrolledAway = await page.evaluate(
      (texts) =>
        new Promise<boolean>((resolve) => {
          const scroller = document.querySelector('.note-scroller')!;
          const list = scroller.querySelector('.comments-container .list-container')!;
          const model = list.querySelector('.parent-comment')!;
          const added = document.createDocumentFragment();
          const contents: Element[] = [];
          for (let i = 0; i < texts.length; i += 1) {
            const comment = model.cloneNode(true) as Element;
            comment.querySelectorAll('.reply-container, redbridge-translation').forEach((node) => node.remove());
            comment.querySelectorAll('[data-fixture-id], [data-redbridge-id]').forEach((node) => {
              node.removeAttribute('data-fixture-id');
              node.removeAttribute('data-redbridge-id');
            });
            const content = comment.querySelector('.comment-item .right > .content')!;
            content.setAttribute('data-fixture-id', `added-${i}`);
            content.querySelector('.note-text')!.textContent = texts[i]!;
            contents.push(content);
            added.append(comment);
          }
          list.append(added);
          scroller.scrollTop = scroller.scrollHeight;
          const last = contents.at(-1)!;
          new IntersectionObserver(
            (entries, observer) => {
              if (!entries.some((entry) => entry.isIntersecting)) return;
              observer.disconnect();
              scroller.scrollTop = 0;
              resolve(last.hasAttribute('data-redbridge-id'));
            },
            { root: scroller },
          ).observe(last);
        }),
      Array.from({ length: ADDED }, (_, i) => textOf(i)),
    );
    // RedBridge reads so many a slice at a time: once it has read the last, their translations are on the way.
    await page.waitForFunction((id) => document.querySelector(`[data-fixture-id="${id}"]`)?.hasAttribute('data-redbridge-id'), {}, `added-${ADDED - 1}`);
    await settle(page, 60_000);
    overlays = await readOverlays(page);
  }, 120_000);

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('scrolls the last comments away before RedBridge has read them', () => {
    expect(lastReadWhenScrolledAway).toBe(false);
  });

  it('translates the comments that were on screen, though they never came near again', () => {
    for (let i = ADDED - 3; i < ADDED; i += 1) {
      expect(overlays.get(`added-${i}`), `added-${i}`).toMatchObject({ overlays: 1, state: 'done', text: fakeTranslate(textOf(i)) });
    }
  });

  it('translates none of those in between, which never came near', () => {
    expect(overlays.get(`added-${ADDED / 2}`)).toMatchObject({ overlays: 0 });
  });
});
