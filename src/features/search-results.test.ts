// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground, type PendingBackground } from '../../tests/unit/pending-background';
import { settle } from '../../tests/unit/settle';
import { createPageObserver } from '../dom/page-observer';
import { xiaohongshuSearch } from '../sites/xiaohongshu/search';
import { startSearchResults } from './search-results';

const RESULTS = `<div class="feeds-page"><div class="search-layout__top"><div class="tags active">全部</div></div>
  <div class="feeds-container"><section class="note-item"></section></div></div>`;

let background: PendingBackground;
let lifetime: AbortController;

const line = () => document.querySelector('redbridge-search-query');
const lineText = () => line()?.shadowRoot?.textContent ?? null;

function start(path: string): void {
  history.replaceState(null, '', path);
  startSearchResults(xiaohongshuSearch, createPageObserver(), lifetime.signal);
}

beforeEach(() => {
  document.body.innerHTML = RESULTS;
  background = fakeBackground();
  lifetime = new AbortController();
});

afterEach(() => {
  lifetime.abort();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('the results page’s query line', () => {
  it('names the Chinese query above the results and what it means, translated the reading way', async () => {
    start('/search_result?keyword=%E9%9C%B2%E8%90%A5+%E8%A3%85%E5%A4%87&source=web_explore_feed');
    expect(line()?.nextElementSibling?.className).toBe('feeds-container');
    expect(background.last().request).toMatchObject({ type: 'translate', texts: ['露营 装备'] });
    expect(lineText()).toContain('Translating');
    background.last().answer([{ ok: true, translation: 'Camping gear', backend: 'google', fromCache: false }]);
    await settle();
    expect(lineText()).toBe('Searched for 露营 装备 Means: “Camping gear”');
  });

  it('says why the meaning is missing, and Retry asks again', async () => {
    start('/search_result?keyword=%E9%9C%B2%E8%90%A5');
    background.last().answer([{ ok: false, error: { code: 'server', message: 'Google answered 500' } }]);
    await settle();
    expect(lineText()).toContain('Couldn’t translate the query: Google answered 500');
    Array.from(line()!.shadowRoot!.querySelectorAll('button')).find((button) => button.textContent === 'Retry')!.click();
    await settle();
    expect(background.last().request).toMatchObject({ type: 'translate', texts: ['露营'], retry: true });
  });

  it('follows the page to another query without a reload', async () => {
    start('/search_result?keyword=%E9%9C%B2%E8%90%A5');
    history.pushState(null, '', '/search_result?keyword=%E5%B8%90%E7%AF%B7');
    document.querySelector('.feeds-container')!.append(document.createElement('section'));
    await settle();
    expect(document.querySelectorAll('redbridge-search-query')).toHaveLength(1);
    expect(background.last().request).toMatchObject({ type: 'translate', texts: ['帐篷'] });
  });

  it('shows nothing for an English query or on other pages', () => {
    start('/search_result?keyword=camping%20gear');
    expect(line()).toBeNull();
    lifetime.abort();
    lifetime = new AbortController();
    start('/explore?keyword=%E9%9C%B2%E8%90%A5');
    expect(line()).toBeNull();
    expect(background.sent).toHaveLength(0);
  });
});
