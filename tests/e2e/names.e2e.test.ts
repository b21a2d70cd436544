import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { romanize } from '../../src/text/pinyin';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { itemsPresentAfter } from './expectations';
import { expandAllReplies } from './overlays';
import { setStoredSettings } from './probe';

/**
 * Names you can say (issue 30): a comment author's Chinese name gets its pinyin beside it, read
 * by the background's dictionary, and nothing else changes.
 */
const REDNOTE_HOST = 'www.rednote.com';

interface AuthorView {
  id: string;
  /** The name's own text, as the page shows it. */
  name: string;
  /** The text of each RedBridge pinyin label right after the name. */
  labels: string[];
}

/** Every comment author in the page with the labels after it (a label is always the next sibling). */
function readAuthors(page: Page): Promise<AuthorView[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-fixture-id$="-author"]'), (element) => {
      const labels: string[] = [];
      for (let next = element.nextElementSibling; next?.localName === 'redbridge-pinyin'; next = next.nextElementSibling) {
        labels.push(next.textContent ?? '');
      }
      return { id: element.getAttribute('data-fixture-id') ?? '', name: element.textContent ?? '', labels };
    }).filter((author) => author.id.includes('-c')),
  );
}

/** The height of each comment's name row, in CSS pixels. */
function nameRowHeights(page: Page): Promise<number[]> {
  return page.$$eval('.comment-item .author-wrapper', (rows) => rows.map((row) => row.getBoundingClientRect().height));
}

/** Waits until the page has `count` pinyin labels. */
function labelsCount(page: Page, count: number): Promise<unknown> {
  return page.waitForFunction((n) => document.querySelectorAll('redbridge-pinyin').length === n, { timeout: 15_000 }, count);
}

/** What each author should show: the pinyin of a name with Chinese, nothing for the others. */
function expectedLabels(authors: readonly AuthorView[]): AuthorView[] {
  return authors.map(({ id, name }) => {
    const pinyin = romanize(name, 'name');
    return { id, name, labels: pinyin === null ? [] : [pinyin] };
  });
}

/** The note page's comment authors whose names have Chinese, once `done` happened. */
function chineseAuthors(done: string[]) {
  return itemsPresentAfter('note.html', done).filter((item) => item.kind === 'comment-author' && romanize(item.text ?? '', 'name') !== null);
}

describe.each<BrowserName>(['chromium', 'firefox'])('names you can say in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let probe: Page;
  let base: Record<string, unknown>;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName, { loopbackHosts: [REDNOTE_HOST] });
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    base = { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } };
    await setStoredSettings(probe, base);
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('shows the pinyin of every comment author’s Chinese on the note, none for names without Chinese, the names unchanged', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await expandAllReplies(page);
    const present = itemsPresentAfter('note.html', ['initial', 'expand']).filter((item) => item.kind === 'comment-author');
    await labelsCount(page, chineseAuthors(['initial', 'expand']).length);

    const authors = await readAuthors(page);
    expect(authors.map((author) => author.id).sort()).toEqual(present.map((item) => item.id).sort());
    expect(authors).toEqual(expectedLabels(authors));
    // The names as the fixture wrote them, nothing added to their own text.
    for (const author of authors) expect(author.name).toBe(present.find((item) => item.id === author.id)!.text);
    const byName = new Map(authors.map((author) => [author.name, author.labels]));
    expect(byName.get('芋泥波波奶茶')).toEqual(['Yù ní bō bō nǎi chá']);
    expect(byName.get('Momo在大理')).toEqual(['Zài dà lǐ']);
    for (const name of ['Jess from Sydney', 'さくら', '지은', 'Kiki_']) expect(byName.get(name)).toEqual([]);
    // Pinyin is never sent to be translated.
    expect(JSON.stringify(google.requests)).not.toContain('Yù ní');
    await page.close();
  });

  it('takes every pinyin away when romanizeNames is turned off, and brings it back when on, the name rows no taller', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    const shown = chineseAuthors(['initial']).length;
    expect(shown).toBeGreaterThan(5);
    await labelsCount(page, shown);
    const withPinyin = await nameRowHeights(page);

    await setStoredSettings(probe, { ...base, romanizeNames: false });
    await labelsCount(page, 0);
    const authors = await readAuthors(page);
    expect(authors.every((author) => author.labels.length === 0)).toBe(true);
    // The pinyin gave way where a row was short of room: no name wrapped, no row grew.
    expect(withPinyin).toEqual(await nameRowHeights(page));

    await setStoredSettings(probe, { ...base, romanizeNames: true });
    await labelsCount(page, shown);
    expect(await readAuthors(page)).toEqual(expectedLabels(await readAuthors(page)));
    await page.close();
  });

  it('shows the pinyin on www.rednote.com too', async () => {
    await setStoredSettings(probe, base);
    const page = await ext.browser.newPage();
    await page.goto(`http://${REDNOTE_HOST}:${new URL(fixtures.url).port}/xhs/note.html?ui=en`);
    await page.waitForSelector('redbridge-pinyin', { timeout: 15_000 });
    const authors = await readAuthors(page);
    expect(authors.filter((author) => author.labels.length === 1).length).toBeGreaterThan(5);
    expect(authors).toEqual(expectedLabels(authors));
    await page.close();
  });
});
