import { pressEnter, typeIntoInput } from '../dom/type-input';
import { sendToBackground } from '../messaging/send';
import type { SearchSite } from '../sites/types';

/** How long the page may take to act on Enter before its search button is pressed instead. */
const ENTER_WAIT_MS = 1000;

/**
 * Searches `query` through the page's own search: typed into its box as a person types, then
 * Enter; a page that searches only from its button gets that pressed, unless Enter already
 * searched. Returns the stop for the wait (the feature ends with it).
 */
export function searchThroughPage(site: SearchSite, input: HTMLInputElement, query: string): () => void {
  typeIntoInput(input, query);
  const before = location.href;
  pressEnter(input);
  const timer = setTimeout(() => {
    if (location.href === before && input.isConnected && input.value === query) site.searchButton(input)?.click();
  }, ENTER_WAIT_MS);
  return () => clearTimeout(timer);
}

/**
 * The pinyin of a Chinese query, read in context (the background's `romanize`: its dictionary
 * stays out of the page); null when it has none or cannot be had, since it is only an aid.
 */
export async function pinyinOf(chinese: string): Promise<string | null> {
  const answer = await sendToBackground({ type: 'romanize', texts: [chinese], as: 'text' }).catch(() => null);
  return answer?.pinyin[0] ?? null;
}
