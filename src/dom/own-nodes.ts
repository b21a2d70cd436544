/** The element name of RedBridge's overlay hosts. */
export const OVERLAY_TAG = 'redbridge-translation';
/** The element name of the reply composer's host in RedNote's engage bar. */
export const COMPOSER_TAG = 'redbridge-composer';

/** The element name of a hover-mode popover (in `document.body`). */
export const POPOVER_TAG = 'redbridge-popover';

/** Elements RedBridge inserted: the reading features never treat them as page content. */
export function isOwnNode(node: Node): boolean {
  return node instanceof Element && [OVERLAY_TAG, COMPOSER_TAG, POPOVER_TAG].includes(node.localName);
}
