import { useMemo, useReducer, useRef } from 'preact/hooks';
import { INITIAL_STATE, reduce, type ComposerAction, type ComposerState } from './composer-state';

/** The composer's state as the panel renders it, and the ways to read and change it. */
export interface ComposerStore {
  /** The state of this render. */
  state: ComposerState;
  /**
   * The state as the reducer has left it, which the next render will show. Handlers ask this:
   * they can run before Preact re-renders (a second Ctrl+Enter at once, the save on unmount).
   */
  current(): ComposerState;
  dispatch(action: ComposerAction): void;
}

/**
 * `useReducer(reduce)`, plus `current()`. Both apply the same actions to the same pure
 * `reduce`, in the same order, so they never disagree.
 */
export function useComposerStore(): ComposerStore {
  const [state, dispatchToPreact] = useReducer(reduce, INITIAL_STATE);
  const latest = useRef(state);
  // Made once: effects that live as long as the panel keep the first render's copy.
  const access = useMemo(
    () => ({
      current: () => latest.current,
      dispatch(action: ComposerAction): void {
        latest.current = reduce(latest.current, action);
        dispatchToPreact(action);
      },
    }),
    [],
  );
  return { state, ...access };
}
