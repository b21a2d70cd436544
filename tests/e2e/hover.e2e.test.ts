import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { noteIdOf } from './expectations';
import { setStoredSettings } from './probe';

const NOTE_N01 = noteIdOf('n01');
const COMMENT = {
  fixtureId: 'pub-n01-c01',
  translation: 'Help, this guide is so detailed! Saved it, going next month',
};

interface PopoverView {
  count: number;
  text: string | null;
  /** The popover and the comment overlap on screen. */
  coversUnit: boolean;
}

function readPopover(page: Page, fixtureId: string): Promise<PopoverView> {
  return page.evaluate((id) => {
    const popovers = document.querySelectorAll('redbridge-popover');
    const popover = popovers[0];
    const unit = document.querySelector(`[data-fixture-id="${id}"]`)!.getBoundingClientRect();
    const box = popover?.getBoundingClientRect();
    const coversUnit = !!box && box.left < unit.right && box.right > unit.left && box.top < unit.bottom && box.bottom > unit.top;
    return { count: popovers.length, text: popover?.shadowRoot?.querySelector('.text')?.textContent ?? null, coversUnit };
  }, fixtureId);
}

describe.each<BrowserName>(['chromium', 'firefox'])('hover mode in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName);
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { display: 'hover', fallbacks: [], backends: { google: { host: google.url } } });
    await probe.close();
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('shows no overlays until the pointer rests on a comment, then its translation beside it, gone when the pointer leaves', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.$$eval('redbridge-translation, redbridge-popover', (found) => found.length)).toBe(0);
    expect(google.requests).toHaveLength(0);

    const comment = (await page.$(`[data-fixture-id="${COMMENT.fixtureId}"]`))!;
    await comment.scrollIntoView();
    await comment.hover();
    await page.waitForFunction(
      (text) => document.querySelector('redbridge-popover')?.shadowRoot?.querySelector('.text')?.textContent === text,
      { timeout: 10_000 },
      COMMENT.translation,
    );
    const view = await readPopover(page, COMMENT.fixtureId);
    expect(view).toEqual({ count: 1, text: COMMENT.translation, coversUnit: false });
    // Still no inline overlays: hover mode leaves the page as it is.
    expect(await page.$$eval('redbridge-translation', (found) => found.length)).toBe(0);

    await page.mouse.move(5, 5);
    await page.waitForFunction(() => !document.querySelector('redbridge-popover'), { timeout: 5_000 });
    await page.close();
  });

  it('does not translate a comment the pointer only passes over', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    const requestsBefore = google.requests.length;
    const comment = (await page.$('[data-fixture-id="pub-n01-c02"]'))!;
    await comment.scrollIntoView();
    await comment.hover();
    await page.mouse.move(5, 5);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await page.$$eval('redbridge-popover', (found) => found.length)).toBe(0);
    expect(google.requests.length).toBe(requestsBefore);
    await page.close();
  });

  it('stays beside the note’s body, never over it, while the modal’s own column scrolls', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/feed.html`);
    await page.evaluate((id) => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(id), NOTE_N01);
    const body = (await page.waitForSelector('.note-detail-mask [data-fixture-id="pub-n01-desc"]'))!;
    // Scrolled a little down first, and pointed at without scrolling, so it can scroll back up.
    const point = await page.evaluate(() => {
      document.querySelector('.note-detail-mask .note-scroller')!.scrollTop = 60;
      const box = document.querySelector('.note-detail-mask [data-fixture-id="pub-n01-desc"]')!.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: Math.max(box.top, 0) + 80 };
    });
    expect(body).not.toBeNull();
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(() => document.querySelector('redbridge-popover')?.getAttribute('data-state') === 'done', { timeout: 10_000 });
    const layout = () =>
      page.evaluate(() => {
        const unit = document.querySelector('.note-detail-mask [data-fixture-id="pub-n01-desc"]')!.getBoundingClientRect();
        const popover = document.querySelector('redbridge-popover')?.getBoundingClientRect();
        if (!popover) return null;
        return {
          unitTop: Math.round(unit.top),
          overlaps: popover.top < unit.bottom && popover.bottom > unit.top && popover.left < unit.right && popover.right > unit.left,
        };
      });
    const before = await layout();
    expect(before).toMatchObject({ overlaps: false });
    // The column scrolls back under a still pointer that stays on the body: the body moves down
    // 40 px, and a popover that stayed put would now lie over it.
    await page.evaluate(() => document.querySelector('.note-detail-mask .note-scroller')!.scrollBy(0, -40));
    await page.waitForFunction(
      (top) => Math.round(document.querySelector('.note-detail-mask [data-fixture-id="pub-n01-desc"]')!.getBoundingClientRect().top) !== top,
      {},
      before!.unitTop,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await layout()).toMatchObject({ overlaps: false });
    await page.close();
  });
});
