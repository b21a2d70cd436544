import { createYielder } from './schedule';

export type PageChangeListener = (records: readonly MutationRecord[]) => void;

export interface PageObserver {
  /** Calls `listener` with every change since the last call, in a task of its own; returns the unsubscribe. */
  subscribe(listener: PageChangeListener): () => void;
}

/**
 * The content script's one MutationObserver on the page. Its callback only collects records;
 * in a task of its own right after the page's, the whole batch goes to every feature that
 * subscribed (unit tracking, the reply composer). Not in the next animation frame: units the
 * page adds in view must be watched before that frame is drawn, so the visibility observer
 * sees them in it, and work in a frame's task makes that task longer. It observes only while
 * someone listens, so a switched-off RedBridge costs the page nothing.
 */
export function createPageObserver(root: () => Node = () => document.documentElement): PageObserver {
  const listeners = new Set<PageChangeListener>();
  let pending: MutationRecord[] = [];
  let scheduled = false;
  const soon = createYielder();

  function deliver(): void {
    scheduled = false;
    const records = pending;
    pending = [];
    if (records.length === 0) return;
    for (const listener of [...listeners]) listener(records);
  }

  const observer = new MutationObserver((records) => {
    // A loop, not `push(...records)`: a page that replaces a huge list sends tens of thousands.
    for (const record of records) pending.push(record);
    if (!scheduled) {
      scheduled = true;
      soon(deliver);
    }
  });

  return {
    subscribe(listener) {
      if (listeners.size === 0) observer.observe(root(), { childList: true, subtree: true, characterData: true });
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        observer.disconnect();
        pending = [];
      };
    },
  };
}
