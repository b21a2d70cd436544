/** The element name of RedBridge's overlay hosts. */
export const OVERLAY_TAG = 'redbridge-translation';
/** The element name of the reply composer's host in RedNote's engage bar. */
export const COMPOSER_TAG = 'redbridge-composer';

/** The element name of a hover-mode popover (in `document.body`). */
export const POPOVER_TAG = 'redbridge-popover';

/** The element name of an image overlay (laid over a note image, after its `<img>`). */
export const IMAGE_OVERLAY_TAG = 'redbridge-image';

/** The element names of the English-search control beside the search box, and of the results page's query line. */
export const SEARCH_TAG = 'redbridge-search';
export const SEARCH_QUERY_TAG = 'redbridge-search-query';

/** The element name of a fixed label (a known phrase's English beside it: features/fixed-labels.ts). */
export const LABEL_TAG = 'redbridge-label';

/** The element name of a display name's pinyin (after the name: features/name-romanization.ts). */
export const PINYIN_TAG = 'redbridge-pinyin';

/** The element names of a video's captions (laid over the video, after its `<video>`) and its transcript (under the note's text). */
export const VIDEO_CAPTIONS_TAG = 'redbridge-captions';
export const TRANSCRIPT_TAG = 'redbridge-transcript';

const OWN_TAGS = [OVERLAY_TAG, COMPOSER_TAG, POPOVER_TAG, IMAGE_OVERLAY_TAG, SEARCH_TAG, SEARCH_QUERY_TAG, LABEL_TAG, PINYIN_TAG, VIDEO_CAPTIONS_TAG, TRANSCRIPT_TAG];

/** Elements RedBridge inserted: the reading features never treat them as page content. */
export function isOwnNode(node: Node): boolean {
  return node instanceof Element && OWN_TAGS.includes(node.localName);
}

/**
 * Removes every RedBridge element in `root`. Firefox ends an old version's content script
 * without letting it clean up when the extension is updated or reloaded: its overlays, dock
 * and popover stay in the page, dead, until the new version's script removes them.
 */
export function removeOwnNodes(root: ParentNode = document): number {
  const nodes = root.querySelectorAll(OWN_TAGS.join(','));
  for (const node of nodes) node.remove();
  return nodes.length;
}
