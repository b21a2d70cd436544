import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { characterErrorRate } from '../../bench/ocr-budgets';
import { startFakeGoogle } from '../fakes/fake-google';
import type { FakeBackend } from '../fakes/fake-backend';
import { FAKE_PREFIX, fakeTranslate } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { clearTranslationCache, setStoredSettings, tabStatsOf } from './probe';

/**
 * Text on note images (issue 28) with the built extension: the fixture note's slides are the
 * RedNote-style images of tests/fixtures/images, read by the real OCR models in the extension's
 * worker, and each block translated by the fake Google (which answers `EN: <source>`).
 */

interface FixtureImage {
  file: string;
  category: string;
  language: 'chinese' | 'japanese' | 'none';
  blocks: string[];
}
const FIXTURE_IMAGES: FixtureImage[] = JSON.parse(
  readFileSync(new URL('../fixtures/images/images.json', import.meta.url), 'utf8'),
).images;
const image = (file: string) => FIXTURE_IMAGES.find((candidate) => candidate.file === file)!;

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Three slides: a title, a list and an English-only poster (no Chinese: nothing to translate). */
const SLIDES = ['title-cafe.webp', 'list-numbered.webp', 'negative-english.webp'];
/** How long one image may take here, with the models' first load (2 cores, the page busy too). */
const READ_TIMEOUT = 60_000;

interface ImageOverlayInfo {
  state: string | null;
  slideIndex: string | null;
  duplicate: boolean;
  /** The English drawn over the image, one entry per block. */
  panels: string[];
  /** "Text on this image": each block's Chinese and English. */
  list: { zh: string; en: string }[];
  showing: string | null;
  pressed: string | null;
  message: string | null;
  hasRetry: boolean;
  /** Every panel lies inside the image's box. */
  panelsInside: boolean;
}

function readImageOverlays(page: Page): Promise<ImageOverlayInfo[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('redbridge-image'), (host) => {
      const root = host.shadowRoot!;
      const slide = host.closest('.swiper-slide');
      const hostBox = host.getBoundingClientRect();
      const panels = Array.from(root.querySelectorAll<HTMLElement>('.block'));
      return {
        state: host.getAttribute('data-state'),
        slideIndex: slide?.getAttribute('data-swiper-slide-index') ?? null,
        duplicate: !!slide?.classList.contains('swiper-slide-duplicate'),
        panels: panels.map((panel) => panel.textContent ?? ''),
        list: Array.from(root.querySelectorAll('li'), (item) => ({
          zh: item.querySelector('.zh')?.textContent ?? '',
          en: item.querySelector('.en')?.textContent ?? '',
        })),
        showing: root.querySelector('.rb-image')?.getAttribute('data-showing') ?? null,
        pressed: root.querySelector('[data-en-button]')?.getAttribute('aria-pressed') ?? null,
        message: root.querySelector('.status.error span')?.textContent ?? null,
        hasRetry: !!root.querySelector('button.retry'),
        panelsInside: panels.every((panel) => {
          const box = panel.getBoundingClientRect();
          return box.left >= hostBox.left - 1 && box.top >= hostBox.top - 1 && box.right <= hostBox.right + 1;
        }),
      };
    }),
  );
}

/** Waits until the overlay of the slide with `index` is in `state` with every block translated. */
async function waitForSlide(page: Page, index: number, state: string): Promise<ImageOverlayInfo> {
  await waitForSlideState(page, index, state).catch(async (error: unknown) => {
    // Say what the overlays were doing: a rare timeout here in CI left nothing else to go on.
    const overlays = await readImageOverlays(page).catch(() => 'unreadable');
    throw new Error(`slide ${index} never became "${state}": ${String(error)}; overlays: ${JSON.stringify(overlays)}`);
  });
  return (await readImageOverlays(page)).find((info) => info.slideIndex === String(index) && !info.duplicate)!;
}

function waitForSlideState(page: Page, index: number, state: string): Promise<unknown> {
  return page.waitForFunction(
    (i, wanted) => {
      const host = Array.from(document.querySelectorAll('redbridge-image')).find(
        (candidate) => candidate.closest('.swiper-slide')?.getAttribute('data-swiper-slide-index') === String(i),
      );
      if (host?.getAttribute('data-state') !== wanted) return false;
      // Read: each block's English has arrived (the list says "Translating…" until then).
      return Array.from(host.shadowRoot!.querySelectorAll('li .en')).every((en) => !en.textContent?.endsWith('…'));
    },
    { timeout: READ_TIMEOUT, polling: 200 },
    index,
    state,
  );
}

/** The OCR engine's state, as the options page asks for it. */
function ocrStatus(probe: Page): Promise<{ engine: { imagesRead: number; state: string } }> {
  return probe.evaluate(() => {
    type Runtime = { runtime: { sendMessage(message: unknown): Promise<{ engine: { imagesRead: number; state: string } }> } };
    const scope = globalThis as unknown as { browser?: Runtime; chrome: Runtime };
    return (scope.browser ?? scope.chrome).runtime.sendMessage({ type: 'ocr-status' });
  });
}

function clickEnButton(page: Page, index: number): Promise<void> {
  return page.evaluate((i) => {
    const host = Array.from(document.querySelectorAll('redbridge-image')).find(
      (candidate) => candidate.closest('.swiper-slide')?.getAttribute('data-swiper-slide-index') === String(i),
    )!;
    host.shadowRoot!.querySelector<HTMLButtonElement>('[data-en-button]')!.click();
  }, index);
}

describe.each<BrowserName>(['chromium', 'firefox'])('text on note images in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let probe: Page;

  const setSettings = (settings: Record<string, unknown>) =>
    setStoredSettings(probe, { fallbacks: [], backend: 'google', backends: { google: { host: google.url } }, ...settings });

  const noteUrl = (slides: readonly string[], extra = '') => `${fixtures.url}/xhs/note.html?images=${slides.join(',')}${extra}`;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setSettings({ imageTranslation: 'auto' });
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('reads the shown slide when the note opens and draws each block’s English over it and in the text list', async () => {
    const page = await ext.browser.newPage();
    await page.goto(noteUrl(SLIDES, '&loop=1'));
    const shown = await waitForSlide(page, 0, 'read');

    const expected = image(SLIDES[0]!).blocks;
    expect(shown.list.map((item) => item.zh)).toHaveLength(expected.length);
    expect(characterErrorRate([{ expected: expected.join(''), read: shown.list.map((item) => item.zh).join('') }])).toBeLessThanOrEqual(0.02);
    // The English is the backend's answer for what was read, over the image and in the list alike.
    expect(shown.list.map((item) => item.en)).toEqual(shown.list.map((item) => fakeTranslate(item.zh)));
    expect(shown.panels).toEqual(shown.list.map((item) => item.en));
    expect(shown.panelsInside).toBe(true);
    expect(shown).toMatchObject({ showing: 'english', pressed: 'true' });
    if (browserName === 'chromium') {
      // The README's picture: the English over the slide, with the text list opened.
      await page.evaluate(() => {
        document.querySelector('redbridge-image')!.shadowRoot!.querySelector('details')!.open = true;
      });
      mkdirSync(SCREENSHOTS, { recursive: true });
      await (await page.$('.media-container'))!.screenshot({ path: `${SCREENSHOTS}image-chromium.png` });
    }
    await page.close();
  });

  it('reads the next slide when the reader goes to it, and reads a loop’s duplicated slide never', async () => {
    const page = await ext.browser.newPage();
    await page.goto(noteUrl(SLIDES, '&loop=1'));
    await waitForSlide(page, 0, 'read');
    await page.click('.arrow-controller.right');
    const second = await waitForSlide(page, 1, 'read');
    expect(second.list.map((item) => item.zh)).toHaveLength(image(SLIDES[1]!).blocks.length);
    expect(second.panels.length).toBe(second.list.length);

    await page.click('.arrow-controller.right');
    const third = await waitForSlide(page, 2, 'no-text');
    expect(third.panels).toEqual([]);

    const overlays = await readImageOverlays(page);
    expect(overlays.filter((info) => info.duplicate)).toEqual([]);
    expect(overlays.map((info) => info.slideIndex)).toEqual(['0', '1', '2']);
    expect((await tabStatsOf(probe, page))?.imagesRead).toBe(3);
    await page.close();
  });

  it('shows the original image at a click of EN, and the English again at the next', async () => {
    const page = await ext.browser.newPage();
    await page.goto(noteUrl(SLIDES));
    await waitForSlide(page, 0, 'read');
    await clickEnButton(page, 0);
    expect((await readImageOverlays(page))[0]).toMatchObject({ showing: 'original', pressed: 'false', panels: [] });
    await clickEnButton(page, 0);
    const again = (await readImageOverlays(page))[0]!;
    expect(again).toMatchObject({ showing: 'english', pressed: 'true' });
    expect(again.panels.length).toBeGreaterThan(0);
    await page.close();
  });

  it('shows a reopened note’s image translations with no OCR run and no backend request', async () => {
    const page = await ext.browser.newPage();
    await page.goto(noteUrl(SLIDES));
    const first = await waitForSlide(page, 0, 'read');
    const readBefore = (await ocrStatus(probe)).engine.imagesRead;
    const requestsBefore = google.requests.length;

    await page.reload();
    const again = await waitForSlide(page, 0, 'read');
    expect(again.panels).toEqual(first.panels);
    expect((await ocrStatus(probe)).engine.imagesRead).toBe(readBefore);
    expect(google.requests.length).toBe(requestsBefore);
    await page.close();
  });

  it('says why when the image cannot be downloaded, and reads it at Retry', async () => {
    const page = await ext.browser.newPage();
    await page.goto(noteUrl(['flaky/list-circled.webp']));
    const failed = await waitForSlide(page, 0, 'failed');
    expect(failed.message).toContain('503');
    expect(failed.hasRetry).toBe(true);

    await page.evaluate(() => {
      document.querySelector('redbridge-image')!.shadowRoot!.querySelector<HTMLButtonElement>('.status.error button.retry')!.click();
    });
    const read = await waitForSlide(page, 0, 'read');
    expect(read.list.length).toBe(image('list-circled.webp').blocks.length);
    await page.close();
  });

  it('reads nothing until EN is clicked when set to `button`, and sends no Japanese to translation', async () => {
    await setSettings({ imageTranslation: 'button' });
    await clearTranslationCache(probe);
    const page = await ext.browser.newPage();
    await page.goto(noteUrl(['negative-japanese.webp', 'caption-shadow.webp']));
    await page.waitForSelector('redbridge-image');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await readImageOverlays(page)).map((info) => info.state)).toEqual(['idle', 'idle']);

    const requestsBefore = google.requests.length;
    await clickEnButton(page, 0);
    const japanese = await waitForSlide(page, 0, 'no-text');
    expect(japanese.panels).toEqual([]);
    expect(google.requests.length).toBe(requestsBefore);
    await setSettings({ imageTranslation: 'auto' });
    await page.close();
  });

  it('shows a feed cover’s text in hover mode when the pointer rests on it, without changing the card’s size', async () => {
    await setSettings({ imageTranslation: 'auto', display: 'hover', hoverDelayMs: 150 });
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/feed.html?covers=title-sunset-stroke.webp`);
    const cover = 'section.note-item[data-index="0"] img';
    await page.waitForSelector(cover);
    const sizeOf = () => page.$eval('section.note-item[data-index="0"]', (card) => JSON.stringify(card.getBoundingClientRect()));
    const before = await sizeOf();
    expect(await page.$('redbridge-image')).toBeNull();

    await page.hover(cover);
    await page.waitForFunction(
      () => {
        const host = document.querySelector('section.note-item[data-index="0"] redbridge-image');
        return host?.getAttribute('data-state') === 'read' && !host.shadowRoot!.querySelector('li .en')?.textContent?.endsWith('…');
      },
      { timeout: READ_TIMEOUT, polling: 200 },
    );
    const panels = await page.$eval('section.note-item[data-index="0"] redbridge-image', (host) =>
      Array.from(host.shadowRoot!.querySelectorAll('.block'), (panel) => panel.textContent),
    );
    expect(panels.length).toBe(image('title-sunset-stroke.webp').blocks.length);
    expect(panels.every((text) => text?.startsWith(FAKE_PREFIX))).toBe(true);
    expect(await sizeOf()).toBe(before);

    await page.mouse.move(1, 1);
    await page.waitForFunction(
      () => (document.querySelector('section.note-item[data-index="0"] redbridge-image') as HTMLElement).style.visibility === 'hidden',
    );
    await setSettings({ imageTranslation: 'auto', display: 'bilingual' });
    await page.close();
  });
});
