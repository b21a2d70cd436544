import { useEffect } from 'preact/hooks';
import type { ComposerTarget, ReplyComposerApi } from './api';
import type { ComposerStore } from './use-composer-store';
import { notAnswered } from './not-responding';

/** Translates the comment being answered, again whenever the panel answers another one. */
export function useCommentTranslation({ dispatch }: ComposerStore, api: ReplyComposerApi, target: ComposerTarget | null): void {
  useEffect(() => {
    if (!target) return;
    // The answer for a comment no longer shown is dropped.
    let shown = true;
    dispatch({ type: 'comment-translation-started' });
    void api
      .translateComment({ text: target.text, mentions: target.mentions })
      .catch(notAnswered)
      .then((outcome) => shown && dispatch({ type: 'comment-translated', outcome }));
    return () => {
      shown = false;
    };
  }, [target?.text]);
}
