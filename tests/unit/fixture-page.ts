import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, vi } from 'vitest';
import { withConfig } from '../fakes/fixture-config';

/* ----------------------------------------------------------------------------------------------
 * Loading a stored RedNote fixture page into a happy-dom test's document.
 *
 * The pages render all their content from an inline script at the end of <body>. Scripts that
 * arrive through `innerHTML` never run (that is the HTML spec; happy-dom 20+ also evaluates no
 * page JavaScript by default), so the markup goes in first and then each inline script's text
 * is run with `new Function`. In vitest's happy-dom environment the window's properties
 * (`window`, `document`, `history`, `localStorage`, `CustomEvent`, …) are globals, so the page
 * script renders into this document exactly as it would in a browser. Fake timers hold the
 * page's own timers (lazy replies, feed batches, re-renders) until a test advances them.
 * -------------------------------------------------------------------------------------------- */

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/xhs');

export type FixturePage = 'feed.html' | 'note.html';

export interface FixtureItem {
  id: string;
  expect: 'translate' | 'skip' | 'dont_care';
  category: 'content' | 'name' | 'ui';
  kind: string;
  when: string[];
  parent?: string;
  lang?: string;
  text?: string;
}

/** `expectations.json`: every tagged element of each page, and the short names of the notes. */
export const expectations = JSON.parse(readFileSync(resolve(FIXTURES, 'expectations.json'), 'utf8')) as {
  pages: Record<FixturePage, { items: FixtureItem[]; note_ids?: Record<string, string> }>;
};

/** `n01` … `n28` → note id. */
export const noteIds: Record<string, string> = expectations.pages['feed.html'].note_ids ?? {};

/** `query` sets the page's options as the fixture server's query parameters do (`cards=media&ui=en`). */
export function loadPage(page: FixturePage, query = ''): void {
  loadHtml(withConfig(readFileSync(resolve(FIXTURES, page), 'utf8'), new URLSearchParams(query)));
}

/** Loads a whole fixture-like page (a stored one or a generated one, see bench/scaled-pages.ts). */
export function loadHtml(html: string): void {
  vi.clearAllTimers();
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
  const scripts = Array.from(document.querySelectorAll('script:not([src])'), (script) => script.textContent ?? '');
  for (const code of scripts) new Function(code)();
}

/** Clicks every "展开 N 条回复" until all replies are in (fake timers must be on). */
export function expandAllReplies(): void {
  for (let round = 0; round < 20; round++) {
    const buttons = document.querySelectorAll<HTMLElement>('.show-more');
    if (buttons.length === 0) return;
    buttons.forEach((button) => button.click());
    vi.advanceTimersByTime(300);
  }
  throw new Error('replies never finished expanding');
}

/** Fake timers for a whole test file's pages (their scripts schedule work), and an empty document after it. */
export function usePageTimers(): void {
  beforeAll(() => {
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
    document.documentElement.innerHTML = '';
  });
}
