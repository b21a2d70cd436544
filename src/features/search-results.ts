import { h } from 'preact';
import { SEARCH_QUERY_TAG } from '../dom/own-nodes';
import type { PageObserver } from '../dom/page-observer';
import { sendToBackground } from '../messaging/send';
import type { TranslateOutcome } from '../messaging/wire';
import type { SearchSite } from '../sites/types';
import { isChinese } from '../text/detect';
import { notAnswered } from '../ui/composer/not-responding';
import { QueryLine } from '../ui/search/QueryLine';
import { createSearchHost, type SearchHost } from '../ui/search/search-host';

interface Shown {
  keyword: string;
  host: SearchHost;
  meaning: TranslateOutcome | null;
}

/**
 * On a results page, a line above the results names the Chinese query searched for and what
 * it means in English (the reading direction, `translate`). The page's address is read again
 * after every change to the page: RedNote moves to its results without loading a page.
 */
export function startSearchResults(site: SearchSite, changes: PageObserver, signal: AbortSignal): void {
  let href = '';
  let keyword: string | null = null;
  let shown: Shown | null = null;

  function render(line: Shown): void {
    line.host.render(h(QueryLine, { query: line.keyword, meaning: line.meaning, onRetry: () => void translate(line, true) }));
  }

  async function translate(line: Shown, retry: boolean): Promise<void> {
    line.meaning = null;
    render(line);
    const answers = await sendToBackground({ type: 'translate', texts: [line.keyword], retry }).catch((error: unknown) => [notAnswered(error)]);
    if (shown !== line) return;
    line.meaning = answers[0] ?? null;
    render(line);
  }

  function update(): void {
    if (location.href !== href) {
      href = location.href;
      const found = site.resultsKeyword(href);
      // Only a Chinese query has a meaning to show: English searched as typed needs no line.
      keyword = found !== null && isChinese(found) ? found : null;
    }
    if (shown && (shown.keyword !== keyword || !shown.host.element.isConnected)) {
      shown.host.destroy();
      shown = null;
    }
    if (keyword === null || shown) return;
    const slot = site.resultsSlot(document);
    if (!slot) return;
    const line: Shown = { keyword, host: createSearchHost(SEARCH_QUERY_TAG), meaning: null };
    slot.parent.insertBefore(line.host.element, slot.before);
    shown = line;
    void translate(line, false);
  }

  const unsubscribe = changes.subscribe(update);
  signal.addEventListener('abort', () => {
    unsubscribe();
    shown?.host.destroy();
    shown = null;
  });
  update();
}
