import type { SearchSite } from '../types';

/**
 * RedNote's header search box and its results page (tests/fixtures/xhs/README.md §6 and
 * search_result.html): the same on www.xiaohongshu.com and www.rednote.com.
 */
export const SEARCH_SELECTORS = {
  /** `.input-box > input#search-input` (placeholder 搜索小红书, or "Search RedNote") + `.input-button > .search-icon`. */
  input: 'input#search-input',
  box: '.input-box',
  button: '.input-button .search-icon',
  /** The results page: `.feeds-page > .search-layout__top` (the tabs) + `.feeds-container > section.note-item`. */
  resultsFeed: '.feeds-page .feeds-container',
} as const;

/** The results page's address: `/search_result?keyword=…` (a note opened from it is `/search_result/<id>`). */
const RESULTS_PATH = /^\/search_result\/?$/;

export const xiaohongshuSearch: SearchSite = {
  searchInput(root) {
    return root.querySelector<HTMLInputElement>(SEARCH_SELECTORS.input);
  },

  controlSlot(input) {
    // After the box, in the header's row: inside it the page lays out its own icons over the input.
    const box = input.closest(SEARCH_SELECTORS.box) ?? input;
    return { parent: box.parentElement ?? box, before: box.nextSibling };
  },

  searchButton(input) {
    return input.closest(SEARCH_SELECTORS.box)?.querySelector<HTMLElement>(SEARCH_SELECTORS.button) ?? null;
  },

  resultsKeyword(href) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    if (!RESULTS_PATH.test(url.pathname)) return null;
    // URLSearchParams decodes `%20` and `+` alike, as the page's own router does.
    const keyword = url.searchParams.get('keyword')?.trim() ?? '';
    return keyword === '' ? null : keyword;
  },

  resultsSlot(root) {
    const feed = root.querySelector(SEARCH_SELECTORS.resultsFeed);
    return feed?.parentElement ? { parent: feed.parentElement, before: feed } : null;
  },
};
