import { useEffect, useRef } from 'preact/hooks';
import type { ReplyComposerApi } from './api';
import { canSave, draftOf } from './composer-queries';
import { notResponding } from './not-responding';
import type { ComposerStore } from './use-composer-store';

/** How soon changes are saved. */
export interface SaveTiming {
  /** Milliseconds a change waits before it is saved (typing saves once, not per key). */
  saveDelayMs: number;
  /** The longest a change stays unsaved while the user goes on typing. */
  maxUnsavedMs: number;
}

/**
 * Loads the stored draft when the panel opens, then saves every change: a while after the
 * last one, at least every `maxUnsavedMs` while typing goes on, and at once when the panel
 * goes away. Returns `loadDraft`, for the "Retry loading" button.
 */
export function useDraftSync(store: ComposerStore, api: ReplyComposerApi, timing: SaveTiming): () => Promise<void> {
  const { state, current, dispatch } = store;
  /** A load that answers after the panel closed must change nothing, nor save. */
  const open = useRef(true);

  /** The user may already be typing: their words win over the stored draft (see `reduce`). */
  async function loadDraft(): Promise<void> {
    dispatch({ type: 'load-started' });
    let answer: Awaited<ReturnType<ReplyComposerApi['loadDraft']>>;
    try {
      answer = await api.loadDraft();
    } catch (error) {
      if (open.current) dispatch({ type: 'load-failed', message: notResponding(error) });
      return;
    }
    if (!open.current) return;
    dispatch({ type: 'loaded', draft: answer.draft, defaultTone: answer.tone });
    // Words typed while loading were held back: save them now.
    void flush();
  }

  async function flush(): Promise<void> {
    const now = current();
    if (!canSave(now)) return;
    dispatch({ type: 'save-started' });
    try {
      await api.saveDraft(draftOf(now, Date.now()));
      dispatch({ type: 'save-succeeded' });
    } catch (error) {
      dispatch({ type: 'save-failed', at: Date.now() });
      console.warn('[RedBridge] could not save the reply draft', error);
    }
  }

  useEffect(() => {
    void loadDraft();
    return () => {
      open.current = false;
    };
  }, []);

  const { english, chinese, back, tone } = state;
  useEffect(() => {
    const { unsavedSince } = current();
    if (unsavedSince === null) return;
    const untilOverdue = unsavedSince + timing.maxUnsavedMs - Date.now();
    const timer = setTimeout(() => void flush(), Math.max(0, Math.min(timing.saveDelayMs, untilOverdue)));
    return () => clearTimeout(timer);
  }, [english, chinese, back, tone]);

  useEffect(() => () => void flush(), []);

  return loadDraft;
}
