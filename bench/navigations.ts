import type { Browser } from 'puppeteer';
import { settle } from '../tests/e2e/overlays';
import { readHeap, type HeapReading } from './scenarios';

export interface NavigationResult {
  navigations: number;
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
    for (let round = 0; round < count; round += 1) {
      await page.click(`section.note-item[data-index="${round % cards}"] a.cover`);
      await page.waitForSelector('.note-detail-mask .note-scroller');
      if (withExtension) {
        await page.waitForSelector('.note-detail-mask redbridge-translation');
        await settle(page);
      }
      await page.click('.note-detail-mask .close-circle');
      await page.waitForFunction(() => !document.querySelector('.note-detail-mask'));
      if (round === 0) afterFirst = await readHeap(session);
    }
    const afterLast = await readHeap(session);
    return { navigations: count, afterFirst: afterFirst!, afterLast, growthMB: afterLast.usedMB - afterFirst!.usedMB };
  } finally {
    await page.close();
  }
}
