import type { Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogleMode } from '../fakes/fake-google';
import { startFakeMicrosoft } from '../fakes/fake-microsoft';
import type { FakeBackend } from '../fakes/fake-backend';
import { fakeTranslate } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { checkExpectations, itemsPresentAfter } from './expectations';
import { openWholeNote, readOverlays, settle, strayOverlays, type OverlayInfo } from './overlays';
import { backgroundHealth, callBackground, clearTranslationCache, setStoredSettings } from './probe';

/** The note's title in note.html (`pub-n01-title`). */
const NOTE_TITLE = '大理三天两夜保姆级攻略🌊人均1500玩到爽';

/** What a unit's overlay says, by fixture id, for the units that have one. */
function shownTexts(overlays: Map<string, OverlayInfo>): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [id, info] of overlays) if (info.overlays > 0) shown.set(id, `${info.state}: ${info.text ?? ''} ${info.tags.join(' ')}`);
  return shown;
}

/** The fixture ids of the units that have an overlay, and its state. */
function overlaidUnits(overlays: Map<string, OverlayInfo>): string[] {
  return [...overlays.values()].filter((info) => info.overlays > 0).map((info) => `${info.fixtureId}: ${info.state}`).sort();
}

/** Adds a comment to the note whose text is `words`, as plain text (no markup), like a new comment would come in. */
function addComment(page: Page, fixtureId: string, words: string): Promise<void> {
  return page.evaluate(
    (id, text) => {
      const original = document.querySelector('[data-fixture-id="pub-n01-c01"]')!.closest('.parent-comment')!;
      const copy = original.cloneNode(true) as Element;
      copy.querySelector('.reply-container')?.remove();
      for (const element of copy.querySelectorAll('[data-fixture-id], [data-redbridge-id]')) {
        element.removeAttribute('data-fixture-id');
        element.removeAttribute('data-redbridge-id');
      }
      copy.querySelectorAll('redbridge-translation').forEach((overlay) => overlay.remove());
      const content = copy.querySelector('.comment-item .right > .content')!;
      content.setAttribute('data-fixture-id', id);
      content.querySelector('.note-text')!.replaceChildren(document.createTextNode(text));
      original.after(copy);
    },
    fixtureId,
    words,
  );
}

/** Waits until the fixture element's overlay shows a finished translation. */
async function translated(page: Page, fixtureId: string): Promise<void> {
  await page.waitForFunction(
    (fixture) => {
      const id = document.querySelector(`[data-fixture-id="${fixture}"]`)?.getAttribute('data-redbridge-id');
      return document.querySelector(`redbridge-translation[data-redbridge-for="${id}"][data-state="done"]`) !== null;
    },
    { timeout: 20_000, polling: 100 },
    fixtureId,
  );
}

/**
 * What goes wrong in real life, in a real browser: a backend that answers 200 with nothing in
 * it, a cache that throws, hostile text from a backend or from the page, bidi controls in an
 * answer, and an `@` that is not a mention.
 */
describe.each<BrowserName>(['chromium', 'firefox'])('nothing blank, nothing lost in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend<FakeGoogleMode>;
  let microsoft: FakeBackend;
  let probe: Page;
  const pageErrors: string[] = [];

  const openNote = () =>
    openWholeNote(ext.browser, `${fixtures.url}/xhs/note.html`, (page) => page.on('pageerror', (error) => pageErrors.push(String(error))));

  const noteItems = () => itemsPresentAfter('note.html', ['initial']);

  beforeAll(async () => {
    [fixtures, google, microsoft] = await Promise.all([startFixtureServer(), startFakeGoogle(), startFakeMicrosoft()]);
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, {
      backend: 'google',
      fallbacks: ['microsoft'],
      backends: {
        google: { host: google.url },
        microsoft: { authUrl: `${microsoft.url}/translate/auth`, translateUrl: `${microsoft.url}/translate` },
      },
    });
  });

  beforeEach(async () => {
    for (const fake of [google, microsoft]) {
      fake.setMode({ kind: 'ok' });
      fake.requests.length = 0;
    }
    pageErrors.length = 0;
    await clearTranslationCache(probe);
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close(), microsoft?.close()]);
  });

  it('translates every unit through a cache that throws on every call, and says so in the health', async () => {
    await callBackground(ext, probe, 'breakCache');
    try {
      const page = await openNote();
      const overlays = await readOverlays(page);
      expect(checkExpectations(noteItems(), overlays)).toEqual([]);
      expect(await strayOverlays(page)).toEqual([]);
      expect(google.requests.length + microsoft.requests.length).toBeGreaterThan(0);
      expect((await backgroundHealth(probe)).cache).toMatchObject({ state: 'failing' });
      await page.close();
    } finally {
      await callBackground(ext, probe, 'repairCache');
    }
    expect((await backgroundHealth(probe)).cache).toMatchObject({ state: 'failing' });
    const again = await openNote();
    expect(checkExpectations(noteItems(), await readOverlays(again))).toEqual([]);
    expect((await backgroundHealth(probe)).cache).toEqual({ state: 'working' });
    await again.close();
  });

  it('shows hostile markup from a backend and from the page as text, and never runs it', async () => {
    const hostile = '<img src=x onerror="window.__redbridgePwned=1"><script>window.__redbridgePwned=2</script>';
    google.setMode({ kind: 'custom', translate: (line) => `${hostile}${fakeTranslate(line)}` });
    const page = await openNote();
    const pageWords = '<img src=x onerror="window.__redbridgePwned=3">好看';
    await addComment(page, 'e2e-hostile', pageWords);
    await translated(page, 'e2e-hostile');
    const overlays = await readOverlays(page);
    expect(overlays.get('e2e-hostile')!.text).toBe(`${hostile}${fakeTranslate(pageWords)}`);
    expect(overlays.get('pub-n01-title')!.text).toBe(`${hostile}${fakeTranslate(NOTE_TITLE)}`);
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __redbridgePwned?: number }).__redbridgePwned ?? null,
      elements: Array.from(document.querySelectorAll('redbridge-translation'), (host) =>
        host.shadowRoot!.querySelectorAll('img, script').length,
      ).reduce((sum, n) => sum + n, 0),
    }));
    expect(injected).toEqual({ pwned: null, elements: 0 });
    await page.close();
  });

  it('takes bidi controls out of an answer, so the overlay reads in the order the backend meant', async () => {
    google.setMode({ kind: 'custom', translate: (line) => `\u202E${fakeTranslate(line)}\u202C\u2066` });
    const page = await openNote();
    const overlays = await readOverlays(page);
    expect(checkExpectations(noteItems(), overlays)).toEqual([]);
    const texts = [...overlays.values()].flatMap((info) => [info.text ?? '', ...info.tags]);
    expect(texts.filter((text) => /[\u202A-\u202E\u2066-\u2069]/u.test(text))).toEqual([]);
    expect(overlays.get('pub-n01-title')!.text).toBe(fakeTranslate(NOTE_TITLE));
    // As drawn: the first letter stands left of the last one (an override would draw it backwards).
    const order = await page.evaluate(() => {
      const unitId = document.querySelector('[data-fixture-id="pub-n01-title"]')!.getAttribute('data-redbridge-id');
      const text = document.querySelector(`redbridge-translation[data-redbridge-for="${unitId}"]`)!.shadowRoot!.querySelector('.text')!;
      const node = text.firstChild!;
      const at = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect().left;
      };
      return { first: at(0), second: at(1) };
    });
    expect(order.first).toBeLessThan(order.second);
    await page.close();
  });

  it('translates the words after a plain @, and leaves a comment that only mentions someone alone', async () => {
    const page = await openNote();
    await addComment(page, 'e2e-plain-at', '@一下他们哈哈哈');
    await translated(page, 'e2e-plain-at');
    const overlays = await readOverlays(page);
    expect(overlays.get('e2e-plain-at')).toMatchObject({ overlays: 1, text: fakeTranslate('@一下他们哈哈哈') });
    // `@小熊软糖` is a mention RedNote marked: nothing to translate.
    expect(overlays.get('pub-n01-c13')).toMatchObject({ overlays: 0 });
    await page.close();
  });

  // Last: the blank answers pause Google for a while, which the tests above must not meet.
  it('hands the units of a backend that answers 200 with nothing to the fallback, and caches none of it', async () => {
    const healthy = await openNote();
    const healthyUnits = overlaidUnits(await readOverlays(healthy));
    await healthy.close();
    expect(healthyUnits.length).toBeGreaterThan(10);
    await clearTranslationCache(probe);

    google.setMode({ kind: 'empty' });
    microsoft.requests.length = 0;
    const page = await openNote();
    const overlays = await readOverlays(page);
    expect(checkExpectations(noteItems(), overlays)).toEqual([]);
    expect(overlaidUnits(overlays)).toEqual(healthyUnits);
    const fallbackTexts = shownTexts(overlays);
    expect([...fallbackTexts.values()].filter((text) => !/\p{L}/u.test(text.replace(/^done:/, '')))).toEqual([]);
    const labels = new Set([...overlays.values()].filter((info) => info.overlays > 0).map((info) => info.label));
    expect(labels).toEqual(new Set(['Translation by Microsoft Translator']));
    expect(google.requests.length).toBeGreaterThan(0);
    expect(microsoft.requests.length).toBeGreaterThan(0);

    // Google is back: a reload shows the translations, from the cache, none of them blank.
    google.setMode({ kind: 'ok' });
    google.requests.length = 0;
    microsoft.requests.length = 0;
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('redbridge-translation[data-state="done"]').length > 0, {
      timeout: 30_000,
      polling: 100,
    });
    await settle(page);
    const reloaded = await readOverlays(page);
    expect(checkExpectations(noteItems(), reloaded)).toEqual([]);
    expect(shownTexts(reloaded)).toEqual(fallbackTexts);
    expect([...google.requests, ...microsoft.requests]).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
