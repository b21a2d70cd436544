import type { ReplyDraft } from '../../drafts/draft';
import type { TypeResult } from '../../dom/type-text';
import type { ReplyTranslation } from '../../messaging/protocol';
import type { TranslateOutcome } from '../../messaging/wire';
import type { BackendId, ReplyTone } from '../../settings/schema';
import type { Activity } from './activity';

/** Everything the composer panel knows; `reduce` is the one way it changes. */
export interface ComposerState {
  /** Whether the stored draft has been read. Until it has, nothing is saved over it. */
  load: 'loading' | 'loaded' | 'failed';
  english: string;
  chinese: string;
  /** The English back-translation of `checked`. */
  back: string;
  /** The Chinese that `back` is the back-translation of: an edit after it makes `back` stale. */
  checked: string;
  tone: ReplyTone;
  activity: Activity;
  /**
   * A translation or check is on its way: no other may start, or answers could arrive out of
   * order. Not the same as the "Translating…" status, which Discard replaces mid-request.
   */
  inFlight: boolean;
  /** The backend that made the Chinese, and whether it followed the tone; null before any. */
  translatedBy: { backend: BackendId; toneApplied: boolean } | null;
  /** The answered comment in English; null while it is being translated. */
  commentTranslation: TranslateOutcome | null;
  /** When (ms since the epoch) the oldest unsaved change was made; null when there is none. */
  unsavedSince: number | null;
  /** Shows "Draft saved". */
  saved: boolean;
}

export type TranslatedReply = Extract<ReplyTranslation, { ok: true }>;

/** Everything that happens to the panel. `at` is the time of a change, for the save deadline. */
export type ComposerAction =
  | { type: 'load-started' }
  | { type: 'load-failed'; message: string }
  | { type: 'loaded'; draft: ReplyDraft | null; defaultTone: ReplyTone }
  | { type: 'english-edited'; english: string; at: number }
  | { type: 'chinese-edited'; chinese: string; at: number }
  | { type: 'tone-chosen'; tone: ReplyTone; at: number }
  | { type: 'english-missing' }
  | { type: 'translate-started' }
  | { type: 'translate-failed'; message: string }
  | { type: 'translated'; reply: TranslatedReply; at: number }
  | { type: 'check-started' }
  | { type: 'check-failed'; message: string }
  | { type: 'checked'; chinese: string; back: string; at: number }
  | { type: 'insert-tried'; result: TypeResult }
  | { type: 'copy-tried'; copied: boolean }
  | { type: 'discarded' }
  | { type: 'save-started' }
  | { type: 'save-succeeded' }
  | { type: 'save-failed'; at: number }
  | { type: 'comment-translation-started' }
  | { type: 'comment-translated'; outcome: TranslateOutcome };

const IDLE: Activity = { kind: 'idle' };

/** The panel's words, before any are written or after they are discarded. */
const NO_REPLY = { english: '', chinese: '', back: '', checked: '', translatedBy: null } as const;

export const INITIAL_STATE: ComposerState = {
  ...NO_REPLY,
  load: 'loading',
  tone: 'casual',
  activity: IDLE,
  inFlight: false,
  commentTranslation: null,
  unsavedSince: null,
  saved: false,
};

/** The bookkeeping of a change the user made: it is unsaved, and due by the oldest one's deadline. */
function edited(state: ComposerState, at: number): Pick<ComposerState, 'unsavedSince' | 'saved'> {
  return { unsavedSince: state.unsavedSince ?? at, saved: false };
}

export function reduce(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'load-started':
      return { ...state, load: 'loading', activity: state.activity.kind === 'load-failed' ? IDLE : state.activity };
    case 'load-failed':
      return { ...state, load: 'failed', activity: { kind: 'load-failed', message: action.message } };
    case 'loaded':
      return { ...state, ...loadedDraft(state, action.draft, action.defaultTone), load: 'loaded' };
    case 'english-edited':
      return { ...state, ...edited(state, action.at), english: action.english };
    case 'chinese-edited':
      return { ...state, ...edited(state, action.at), chinese: action.chinese };
    case 'tone-chosen':
      return action.tone === state.tone ? state : { ...state, ...edited(state, action.at), tone: action.tone };
    case 'english-missing':
      return { ...state, activity: { kind: 'empty' } };
    case 'translate-started':
      return { ...state, inFlight: true, activity: { kind: 'translating' } };
    case 'translate-failed':
      return { ...state, inFlight: false, activity: { kind: 'translate-failed', message: action.message } };
    case 'translated':
      return { ...state, ...edited(state, action.at), ...translatedReply(action.reply), inFlight: false };
    case 'check-started':
      return { ...state, inFlight: true, activity: { kind: 'checking' } };
    case 'check-failed':
      return { ...state, inFlight: false, activity: { kind: 'check-failed', message: action.message } };
    case 'checked':
      return { ...state, ...edited(state, action.at), back: action.back, checked: action.chinese, inFlight: false, activity: IDLE };
    case 'insert-tried': {
      const { result } = action;
      return { ...state, activity: result.ok ? { kind: 'inserted' } : { kind: 'insert-failed', found: result.found } };
    }
    case 'copy-tried':
      return { ...state, activity: { kind: action.copied ? 'copied' : 'copy-failed' } };
    case 'discarded':
      // The tone stays: it is the user's choice for the next reply too.
      return { ...state, ...NO_REPLY, unsavedSince: null, saved: false, activity: { kind: 'discarded' } };
    case 'save-started':
      // The draft on its way holds every change so far; changes made meanwhile are unsaved again.
      return { ...state, unsavedSince: null };
    case 'save-succeeded':
      return { ...state, saved: true };
    case 'save-failed':
      return { ...state, unsavedSince: action.at };
    case 'comment-translation-started':
      return { ...state, commentTranslation: null };
    case 'comment-translated':
      return { ...state, commentTranslation: action.outcome };
  }
}

/** A loaded draft fills the panel, unless the user has started writing: their words win. */
function loadedDraft(state: ComposerState, draft: ReplyDraft | null, defaultTone: ReplyTone): Partial<ComposerState> {
  if (state.unsavedSince !== null) return {};
  if (!draft) return { tone: defaultTone };
  const { english, chinese, backTranslation: back, tone } = draft;
  return { english, chinese, back, checked: back ? chinese : '', tone, saved: true };
}

/** The Chinese of a translation, and its back-translation unless that failed on its own. */
function translatedReply({ translation, backend, toneApplied, check }: TranslatedReply): Partial<ComposerState> {
  const translatedBy = { backend, toneApplied };
  if (check.ok) return { chinese: translation, translatedBy, back: check.translation, checked: translation, activity: IDLE };
  const checkFailed: Activity = { kind: 'check-failed', message: check.error.message };
  return { chinese: translation, translatedBy, back: '', checked: '', activity: checkFailed };
}
