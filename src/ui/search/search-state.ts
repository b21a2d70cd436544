/**
 * The English-search panel's one reducer: typed → translating → ready | failed → submitted.
 * The user's English is never replaced in the page's box by a failure: only `submitted` puts
 * the Chinese there.
 */
export type SearchStep = 'typed' | 'translating' | 'ready' | 'failed' | 'submitted';

export interface SearchState {
  step: SearchStep;
  /** What the user typed into the page's box. */
  english: string;
  /** The Chinese query, as translated and then edited by the user. */
  chinese: string;
  /** The English back-translation of `checked`. */
  back: string;
  /** The Chinese `back` belongs to: an edit after it makes `back` stale. */
  checked: string;
  /** A back-translation is on its way. */
  checking: boolean;
  /** Why the last step failed (the translation, or the back-translation alone), or null. */
  error: { step: 'translate' | 'check'; message: string } | null;
}

export type SearchAction =
  | { type: 'typed'; english: string }
  | { type: 'translate-started' }
  | { type: 'translated'; chinese: string; back: string | null; checkError?: string }
  | { type: 'translate-failed'; message: string }
  | { type: 'chinese-edited'; chinese: string }
  | { type: 'check-started' }
  | { type: 'checked'; chinese: string; back: string }
  | { type: 'check-failed'; message: string }
  | { type: 'submitted' };

export const INITIAL_SEARCH: SearchState = {
  step: 'typed',
  english: '',
  chinese: '',
  back: '',
  checked: '',
  checking: false,
  error: null,
};

export function reduceSearch(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'typed':
      return { ...INITIAL_SEARCH, english: action.english };
    case 'translate-started':
      return { ...state, step: 'translating', error: null };
    case 'translated': {
      const back = action.back ?? '';
      const error = action.checkError ? { step: 'check' as const, message: action.checkError } : null;
      return { ...state, step: 'ready', chinese: action.chinese, back, checked: back ? action.chinese : '', error };
    }
    case 'translate-failed':
      // The English stays as typed, for Retry and in the page's box.
      return { ...state, step: 'failed', chinese: '', back: '', checked: '', error: { step: 'translate', message: action.message } };
    case 'chinese-edited':
      return { ...state, chinese: action.chinese };
    case 'check-started':
      return { ...state, checking: true, error: null };
    case 'checked':
      return { ...state, checking: false, back: action.back, checked: action.chinese };
    case 'check-failed':
      return { ...state, checking: false, error: { step: 'check', message: action.message } };
    case 'submitted':
      return state.step === 'ready' && canSubmit(state) ? { ...state, step: 'submitted' } : state;
  }
}

/** The query that Search would put into the page's box, or '' when there is none. */
export function queryOf(state: SearchState): string {
  return state.chinese.replace(/\s+/g, ' ').trim();
}

export function canSubmit(state: SearchState): boolean {
  return state.step === 'ready' && queryOf(state) !== '';
}

/** Whether the back-translation shown belongs to the Chinese as it is now. */
export function backIsCurrent(state: SearchState): boolean {
  return state.back !== '' && state.checked === state.chinese;
}
