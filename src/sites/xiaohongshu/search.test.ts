// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, loadHtml, loadPage } from '../../../tests/unit/fixture-page';
import { xiaohongshuSearch as search } from './search';

const RESULTS_PAGE = readFileSync(resolve(FIXTURES, 'search_result.html'), 'utf8');

describe('RedNote’s results page address', () => {
  const keywordOf = (path: string) => search.resultsKeyword(`https://www.xiaohongshu.com${path}`);

  it('gives the keyword, decoded from %-escapes, %20 and +', () => {
    expect(keywordOf('/search_result?keyword=%E9%9C%B2%E8%90%A5%E8%A3%85%E5%A4%87&source=web_explore_feed')).toBe('露营装备');
    expect(keywordOf('/search_result?keyword=%E9%9C%B2%E8%90%A5%20%E8%A3%85%E5%A4%87')).toBe('露营 装备');
    expect(keywordOf('/search_result?keyword=camping+gear&type=51')).toBe('camping gear');
    expect(keywordOf('/search_result/?keyword=%2B1%20tips')).toBe('+1 tips');
    expect(search.resultsKeyword('https://www.rednote.com/search_result?keyword=%E9%9C%B2%E8%90%A5')).toBe('露营');
  });

  it('gives none for other pages, a note opened from the results, or a missing or blank keyword', () => {
    expect(keywordOf('/explore?keyword=%E9%9C%B2%E8%90%A5')).toBeNull();
    expect(keywordOf('/search_result/6901a0c00000000012a1b001?xsec_token=AB&keyword=x')).toBeNull();
    expect(keywordOf('/search_result')).toBeNull();
    expect(keywordOf('/search_result?keyword=+%20+')).toBeNull();
    expect(search.resultsKeyword('not a url')).toBeNull();
  });
});

describe('RedNote’s search box and results, on the fixture pages', () => {
  it.each(['', 'ui=en'])('finds the header’s search box, its search icon and the slot beside it (feed.html?%s)', (query) => {
    loadPage('feed.html', query);
    const input = search.searchInput(document)!;
    expect(input).toBeInstanceOf(HTMLInputElement);
    expect(input.placeholder).toBe(query ? 'Search RedNote' : '搜索小红书');
    expect(search.searchButton(input)?.classList.contains('search-icon')).toBe(true);
    const slot = search.controlSlot(input);
    const box = input.closest('.input-box')!;
    expect(slot.parent).toBe(box.parentElement);
    expect(slot.before).toBe(box.nextSibling);
  });

  it('puts the results line above the result cards, under the tabs', () => {
    loadHtml(RESULTS_PAGE.replace('window.__FIXTURE_CONFIG__={', 'history.replaceState(null,"","/xhs/search_result.html?keyword=%E9%9C%B2%E8%90%A5");window.__FIXTURE_CONFIG__={'));
    expect(search.resultsKeyword(location.href)).toBe('露营');
    const slot = search.resultsSlot(document)!;
    expect(slot.before).toBe(document.querySelector('.feeds-container'));
    expect(slot.parent.querySelector(':scope > .search-layout__top')).not.toBeNull();
    expect((slot.before as Element).querySelectorAll('section.note-item').length).toBe(6);
    expect(search.searchInput(document)?.value).toBe('露营');
  });

  it('finds no box on a page without one', () => {
    document.body.innerHTML = '<div class="input-box"><input id="other"></div>';
    expect(search.searchInput(document)).toBeNull();
  });
});
