import type { SearchSite } from '../sites/types';
import type { Feature } from './feature';
import { startSearchBox } from './search-box';
import { startSearchResults } from './search-results';

/**
 * Searching in English (issue 30): the EN→中 control beside the page's search box, and the line
 * naming the Chinese query on its results page. In a task of its own, like the reply composer:
 * its control is UI text, whose first use loads the extension's messages.
 */
export function englishSearch(site: SearchSite): Feature {
  return {
    name: 'English search',
    ownTask: true,
    runsWith: () => 'on',
    start: ({ changes, signal }) => {
      startSearchBox(site, changes, signal);
      startSearchResults(site, changes, signal);
    },
  };
}
