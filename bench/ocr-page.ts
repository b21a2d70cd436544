/**
 * The note page while RedBridge reads its images (issue 28): a Chromium trace of the page's main
 * thread from opening a note whose slides are fixture images until four slides are read and
 * translated. Text overlays are off, so what RedBridge runs on the page is the image feature's:
 * the overlays, the messages, the layout it reads. The OCR itself runs in the offscreen
 * document's worker and never shows here.
 */
import type { Page } from 'puppeteer';
import { startFakeGoogle } from '../tests/fakes/fake-google';
import { startFixtureServer } from '../tests/fakes/fixture-server';
import type { ExtensionBrowser } from '../tests/e2e/browsers';
import { setStoredSettings } from '../tests/e2e/probe';
import { parseTrace } from './scenarios';
import { mainThreadCost, TRACE_CATEGORIES, type MainThreadCost } from './trace';

/** Four slides with text, read as a reader would go through them. */
export const PAGE_SLIDES = ['list-numbered.webp', 'caption-paper.webp', 'mixed-itinerary.webp', 'handwriting-ukai.webp'];
const READ_TIMEOUT_MS = 120_000;

export interface PageWhileReading {
  cost: MainThreadCost;
  /** From opening the note until the four slides showed their English. */
  wallMs: number;
}

/** Waits until the slide at `index` shows its English for every block (or says it has none). */
async function slideDone(page: Page, index: number): Promise<void> {
  await page.waitForFunction(
    (i) => {
      const host = Array.from(document.querySelectorAll('redbridge-image')).find(
        (candidate) => candidate.closest('.swiper-slide')?.getAttribute('data-swiper-slide-index') === String(i),
      );
      const state = host?.getAttribute('data-state');
      if (state === 'no-text' || state === 'failed') return true;
      return state === 'read' && Array.from(host!.shadowRoot!.querySelectorAll('li .en')).every((en) => !en.textContent?.endsWith('…'));
    },
    { timeout: READ_TIMEOUT_MS, polling: 100 },
    index,
  );
}

export async function measurePageWhileReading(ext: ExtensionBrowser, probe: Page): Promise<PageWhileReading> {
  const [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
  try {
    await setStoredSettings(probe, {
      display: 'off',
      imageTranslation: 'auto',
      backend: 'google',
      fallbacks: [],
      backends: { google: { host: google.url } },
    });
    const page = await ext.browser.newPage();
    const url = `${fixtures.url}/xhs/note.html?images=${PAGE_SLIDES.join(',')}&loop=1`;
    const started = Date.now();
    await page.tracing.start({ categories: TRACE_CATEGORIES });
    await page.goto(url);
    // Auto mode reads the shown slide, then the next one ahead; each arrow click shows one more.
    await slideDone(page, 0);
    await slideDone(page, 1);
    for (let index = 1; index < PAGE_SLIDES.length; index += 1) {
      await page.click('.arrow-controller.right');
      await slideDone(page, index);
    }
    const wallMs = Date.now() - started;
    const trace = await page.tracing.stop();
    await page.close();
    if (!trace) throw new Error('Chromium returned no trace');
    return { cost: mainThreadCost(parseTrace(trace), url, await ext.extensionOrigin()), wallMs };
  } finally {
    await Promise.all([fixtures.close(), google.close()]);
  }
}
