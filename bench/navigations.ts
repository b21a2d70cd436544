import type { Browser, Page } from 'puppeteer';
import { readHeap, settleWithin, type HeapReading } from './scenarios';

export interface NavigationResult {
  navigations: number;
  /** Notes (with RedBridge) that showed no finished translation, or whose overlays never settled. */
  untranslatedNotes: number;
  /** After the first note was opened and closed. */
  afterFirst: HeapReading;
  /** After the last. */
  afterLast: HeapReading;
  growthMB: number;
}

/**
 * Opens and closes notes in the feed's modal, as a reader clicking through the feed does,
 * `count` times over the first `cards` cards, and reads the heap after the first and the last
 * round trip. Whatever a closed note leaves behind shows as growth.
 */
export async function modalNavigations(
  browser: Browser,
  feedUrl: string,
  { count, cards, withExtension }: { count: number; cards: number; withExtension: boolean },
): Promise<NavigationResult> {
  const page = await browser.newPage();
  try {
    const session = await page.createCDPSession();
    await page.goto(feedUrl, { waitUntil: 'load' });
    let afterFirst: HeapReading | null = null;
    let untranslatedNotes = 0;
    for (let round = 0; round < count; round += 1) {
      await openCard(page, round % cards);
      await page.waitForSelector('.note-detail-mask .note-scroller');
      if (withExtension && !(await noteTranslated(page))) untranslatedNotes += 1;
      await page.click('.note-detail-mask .close-circle');
      await page.waitForFunction(() => !document.querySelector('.note-detail-mask'));
      if (round === 0) afterFirst = await readHeap(session);
    }
    const afterLast = await readHeap(session);
    return { navigations: count, untranslatedNotes, afterFirst: afterFirst!, afterLast, growthMB: afterLast.usedMB - afterFirst!.usedMB };
  } finally {
    await page.close();
  }
}

/**
 * Whether the open note shows a finished translation and its overlays settle: RedBridge's
 * part, so a note that does not is counted, not thrown (the page's own elements are awaited
 * with `waitForSelector`, whose time-out is the harness's).
 */
async function noteTranslated(page: Page): Promise<boolean> {
  const shown = await page
    .waitForSelector('.note-detail-mask redbridge-translation[data-state="done"]', { timeout: 20_000 })
    .then(() => true, () => false);
  return shown && (await settleWithin(page, 20_000));
}

/**
 * Clicks a card's cover the way a reader can always reach it: scrolled to the middle of the
 * window, below the sticky header and channel bar. (Puppeteer's own click scrolls only until
 * the cover is in view, so depending on the fonts' line heights its centre could lie under
 * the channel bar and the click opened nothing.) Fails at once if something still covers it.
 */
async function openCard(page: Page, index: number): Promise<void> {
  const point = await page.$eval(`section.note-item[data-index="${index}"] a.cover`, (cover) => {
    cover.scrollIntoView({ block: 'center' });
    const box = cover.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !cover.contains(hit)) throw new Error(`card ${cover.closest('section')?.dataset.index}'s cover is under ${hit?.className}`);
    return { x, y };
  });
  await page.mouse.click(point.x, point.y);
}
