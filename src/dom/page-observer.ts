import { isOwnNode } from './own-nodes';

export type PageChangeListener = (records: readonly MutationRecord[]) => void;

export interface PageObserver {
  /** Calls `listener` with each batch of changes, at the end of the page's task; returns the unsubscribe. */
  subscribe(listener: PageChangeListener): () => void;
}

/**
 * The content script's one MutationObserver on the page: each batch of changes goes to every
 * feature that subscribed (unit tracking, the reply composer) in the observer's callback, at
 * the end of the page's own task. Not later: units the page adds in view must be watched
 * before the next frame is drawn, so the visibility observer sees them in that frame. On a
 * busy page a task of our own, or the next frame, can come hundreds of milliseconds later, and
 * the reader would look at untranslated comments meanwhile. Subscribers keep their share of
 * the page's task small (the unit tracker time-slices its work). It observes only while
 * someone listens, so a switched-off RedBridge costs the page nothing.
 */
export function createPageObserver(root: () => Node = () => document.documentElement): PageObserver {
  const listeners = new Set<PageChangeListener>();
  const observer = new MutationObserver((all) => {
    const records = all.filter((record) => !isOwnInsertion(record));
    if (records.length === 0) return;
    for (const listener of [...listeners]) listener(records);
  });

  return {
    subscribe(listener) {
      if (listeners.size === 0) observer.observe(root(), { childList: true, subtree: true, characterData: true });
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        // Records from while nobody listens are never delivered late.
        observer.disconnect();
      };
    },
  };
}

/**
 * RedBridge putting in one of its own nodes (an overlay, the composer's host): nothing of the
 * page changed, and every overlay shown would otherwise have each feature look at the page
 * again. Removals still go out: the page may remove our nodes, and the features put them back.
 */
function isOwnInsertion(record: MutationRecord): boolean {
  if (record.type !== 'childList' || record.removedNodes.length > 0 || record.addedNodes.length === 0) return false;
  for (const node of record.addedNodes) if (!isOwnNode(node)) return false;
  return true;
}
