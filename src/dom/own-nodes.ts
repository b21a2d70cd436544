/** The element name of RedBridge's overlay hosts; nothing else we insert into the page. */
export const OVERLAY_TAG = 'redbridge-translation';

export function isOwnNode(node: Node): boolean {
  return node instanceof Element && node.localName === OVERLAY_TAG;
}
