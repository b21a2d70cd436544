import type { Browser, Page } from 'puppeteer';
import { LOADING_DELAY_MS } from '../../src/ui/overlay-state';

/** What a user sees for one fixture element. */
export interface OverlayInfo {
  fixtureId: string;
  /** Overlays attached to this element itself. */
  overlays: number;
  state: string | null;
  text: string | null;
  tags: string[];
  hasRetry: boolean;
  /** The error message an error overlay shows. */
  message: string | null;
  /** The finished overlay's accessible label, `Translation by <backend>`. */
  label: string | null;
  /** The slang notes' summary, when the overlay has some. */
  slang: string | null;
  elementText: string;
}

/**
 * Reads every `[data-fixture-id]` element and the overlays attached to it: the unit carries
 * `data-redbridge-id`, its overlay host `data-redbridge-for` with an open shadow root.
 */
export async function readOverlays(page: Page): Promise<Map<string, OverlayInfo>> {
  const list = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-fixture-id]'), (element) => {
      const unitId = element.getAttribute('data-redbridge-id');
      const hosts = unitId ? Array.from(document.querySelectorAll(`redbridge-translation[data-redbridge-for="${unitId}"]`)) : [];
      const root = hosts[0]?.shadowRoot ?? null;
      return {
        fixtureId: element.getAttribute('data-fixture-id')!,
        overlays: hosts.length,
        state: hosts[0]?.getAttribute('data-state') ?? null,
        text: root?.querySelector('.text')?.textContent ?? null,
        tags: Array.from(root?.querySelectorAll('.tag') ?? [], (tag) => tag.textContent ?? ''),
        hasRetry: !!root?.querySelector('button.retry'),
        message: root?.querySelector('.message')?.textContent ?? null,
        label: root?.querySelector('[role="note"]')?.getAttribute('aria-label') ?? null,
        slang: root?.querySelector('details.slang summary')?.textContent ?? null,
        elementText: (element as HTMLElement).innerText ?? element.textContent ?? '',
      };
    }),
  );
  return new Map(list.map((info) => [info.fixtureId, info]));
}

/** Overlay hosts whose unit is gone or that share a unit with another host. */
export async function strayOverlays(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const host of document.querySelectorAll('redbridge-translation')) {
      const unitId = host.getAttribute('data-redbridge-for') ?? '';
      if (seen.has(unitId)) problems.push(`two overlays for ${unitId}`);
      seen.add(unitId);
      if (!document.querySelector(`[data-redbridge-id="${unitId}"]`)) problems.push(`overlay for missing unit ${unitId}`);
    }
    return problems;
  });
}

/** `settle` gave up: overlays were still loading, or still being added, at its deadline. */
export class NotSettledError extends Error {
  override name = 'NotSettledError';
}

/**
 * Waits until the page has settled: no overlay loading, and no overlay added for longer than a
 * new overlay waits before it shows "Translating…" (`LOADING_DELAY_MS`). A translation still on
 * its way would have shown one or the other by then.
 */
export async function settle(page: Page, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const look = () =>
    page.evaluate(() => ({
      overlays: document.querySelectorAll('redbridge-translation').length,
      loading: document.querySelectorAll('redbridge-translation[data-state="loading"]').length,
    }));
  let before = await look();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, LOADING_DELAY_MS + 100));
    const now = await look();
    if (now.loading === 0 && before.loading === 0 && now.overlays === before.overlays) return;
    if (Date.now() > deadline) throw new NotSettledError(`overlays did not settle in ${timeout} ms: ${JSON.stringify(now)}`);
    before = now;
  }
}

/**
 * Opens the full-page note `url` in a new tab tall enough that every unit is within a screen of
 * view (so which units get translated does not depend on where the first overlays pushed the
 * rest), and returns once its overlays have settled. `watch` sees the tab before it loads.
 */
export async function openWholeNote(browser: Browser, url: string, watch: (page: Page) => void = () => {}): Promise<Page> {
  const page = await browser.newPage();
  watch(page);
  await page.setViewport({ width: 1400, height: 6000 });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('redbridge-translation[data-state="done"]').length > 0, {
    timeout: 30_000,
    polling: 100,
  });
  await settle(page);
  return page;
}

/** Scrolls an element (or the window) to its end a screen at a time, letting overlays arrive. */
export async function scrollThrough(page: Page, selector: string | null): Promise<void> {
  for (let step = 0; step < 200; step += 1) {
    const atEnd = await page.evaluate((sel) => {
      const box = sel ? document.querySelector(sel) : document.scrollingElement;
      if (!box) return true;
      const before = box.scrollTop;
      box.scrollTop = before + box.clientHeight * 0.8;
      if (!sel) window.scrollTo(0, box.scrollTop);
      return box.scrollTop === before;
    }, selector);
    await settle(page);
    if (atEnd) return;
  }
}

/** Clicks every "展开 N 条回复" until none is left, as a reader would. */
export async function expandAllReplies(page: Page): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const clicked = await page.evaluate(() => {
      const button = document.querySelector<HTMLElement>('.show-more');
      if (!button) return false;
      button.scrollIntoView({ block: 'center' });
      button.click();
      return true;
    });
    if (!clicked) return;
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle(page);
  }
}

/** Clicks the Retry button inside a fixture element's overlay, as a user would. */
export async function clickRetry(page: Page, fixtureId: string): Promise<void> {
  const button = await page.evaluateHandle((id) => {
    const unitId = document.querySelector(`[data-fixture-id="${id}"]`)?.getAttribute('data-redbridge-id');
    const host = document.querySelector(`redbridge-translation[data-redbridge-for="${unitId}"]`);
    return host?.shadowRoot?.querySelector('button.retry') ?? null;
  }, fixtureId);
  const element = button.asElement();
  if (!element) throw new Error(`no Retry button for ${fixtureId}`);
  await (element as import('puppeteer').ElementHandle<Element>).click();
}
