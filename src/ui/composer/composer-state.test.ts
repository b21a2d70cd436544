import { describe, expect, it } from 'vitest';
import type { ReplyDraft } from '../../drafts/draft';
import type { TranslateOutcome } from '../../messaging/wire';
import { canSave, isStale } from './composer-queries';
import { INITIAL_STATE, reduce, type ComposerAction, type ComposerState, type TranslatedReply } from './composer-state';

const DRAFT: ReplyDraft = { english: 'See you in May!', chinese: '五月见！', backTranslation: 'See you in May!', tone: 'polite', updatedAt: 1 };
const failed = (message: string): TranslateOutcome => ({ ok: false, error: { code: 'server', message } });
const reply = (check: TranslateOutcome, toneApplied = true): TranslatedReply => ({
  ok: true,
  translation: '五月见！',
  backend: 'openai',
  toneApplied,
  check,
});
const backOk: TranslateOutcome = { ok: true, translation: 'See you in May!', backend: 'openai', fromCache: false };

/** The state after `actions`, from a panel whose (empty) draft has loaded unless `from` says otherwise. */
function after(actions: ComposerAction[], from: Partial<ComposerState> = {}): ComposerState {
  return actions.reduce(reduce, { ...INITIAL_STATE, load: 'loaded', ...from });
}

describe('composer state: loading the draft', () => {
  it('fills the panel from a loaded draft, checked and shown as saved, without marking it unsaved', () => {
    const state = after([{ type: 'loaded', draft: DRAFT, defaultTone: 'casual' }], { load: 'loading' });
    expect(state).toMatchObject({ load: 'loaded', english: 'See you in May!', chinese: '五月见！', back: 'See you in May!', tone: 'polite' });
    expect(state).toMatchObject({ checked: '五月见！', saved: true, unsavedSince: null });
  });

  it('treats a loaded draft without a back-translation as unchecked (stale)', () => {
    const state = after([{ type: 'loaded', draft: { ...DRAFT, backTranslation: '' }, defaultTone: 'casual' }], { load: 'loading' });
    expect(state.checked).toBe('');
    expect(isStale(state)).toBe(true);
  });

  it('starts with the default tone when there is no draft', () => {
    expect(after([{ type: 'loaded', draft: null, defaultTone: 'polite' }], { load: 'loading' }).tone).toBe('polite');
  });

  it('keeps what the user typed while loading: their words and tone win over the draft', () => {
    const state = after(
      [
        { type: 'english-edited', english: 'Typed first', at: 5 },
        { type: 'loaded', draft: DRAFT, defaultTone: 'polite' },
      ],
      { load: 'loading' },
    );
    expect(state).toMatchObject({ load: 'loaded', english: 'Typed first', chinese: '', tone: 'casual', unsavedSince: 5, saved: false });
    expect(canSave(state)).toBe(true);
  });

  it('on a failed load says why and saves nothing; Retry loading clears the error and then allows saving', () => {
    const failedLoad = after(
      [
        { type: 'load-failed', message: 'Extension context invalidated.' },
        { type: 'english-edited', english: 'Typed anyway', at: 5 },
      ],
      { load: 'loading' },
    );
    expect(failedLoad.activity).toEqual({ kind: 'load-failed', message: 'Extension context invalidated.' });
    expect(canSave(failedLoad)).toBe(false);

    const retrying = reduce(failedLoad, { type: 'load-started' });
    expect(retrying).toMatchObject({ load: 'loading', activity: { kind: 'idle' } });
    const loaded = reduce(retrying, { type: 'loaded', draft: DRAFT, defaultTone: 'casual' });
    expect(loaded.english).toBe('Typed anyway');
    expect(canSave(loaded)).toBe(true);
  });

  it('leaves any other status alone when a load starts', () => {
    expect(after([{ type: 'load-started' }], { activity: { kind: 'copied' } }).activity).toEqual({ kind: 'copied' });
  });
});

describe('composer state: editing', () => {
  it('makes an edit unsaved from its time, and keeps the oldest time while edits go on', () => {
    const state = after([
      { type: 'english-edited', english: 'T', at: 10 },
      { type: 'english-edited', english: 'Th', at: 20 },
    ]);
    expect(state).toMatchObject({ english: 'Th', unsavedSince: 10, saved: false });
  });

  it('marks the back-translation stale after an edit of the checked Chinese', () => {
    const state = after([{ type: 'chinese-edited', chinese: '非常感谢', at: 1 }], { chinese: '谢谢', checked: '谢谢', back: 'Thanks' });
    expect(state).toMatchObject({ chinese: '非常感谢', back: 'Thanks' });
    expect(isStale(state)).toBe(true);
  });

  it('makes another tone an unsaved change, and the same tone no change at all', () => {
    expect(after([{ type: 'tone-chosen', tone: 'polite', at: 3 }])).toMatchObject({ tone: 'polite', unsavedSince: 3 });
    const before = after([]);
    expect(reduce(before, { type: 'tone-chosen', tone: 'casual', at: 3 })).toBe(before);
  });
});

describe('composer state: translating', () => {
  it('asks for English instead of translating nothing, starting no request', () => {
    expect(after([{ type: 'english-missing' }])).toMatchObject({ activity: { kind: 'empty' }, inFlight: false });
  });

  it('shows the Chinese with its back-translation, checked and unsaved, when a translation arrives', () => {
    const state = after([{ type: 'translate-started' }, { type: 'translated', reply: reply(backOk), at: 7 }], { english: 'See you in May!' });
    expect(state).toMatchObject({ chinese: '五月见！', back: 'See you in May!', checked: '五月见！', unsavedSince: 7 });
    expect(state).toMatchObject({ inFlight: false, activity: { kind: 'idle' }, translatedBy: { backend: 'openai', toneApplied: true } });
  });

  it('keeps the Chinese, unchecked, and says why when only the back-translation failed', () => {
    const state = after([{ type: 'translate-started' }, { type: 'translated', reply: reply(failed('DeepL quota exceeded'), false), at: 7 }]);
    expect(state).toMatchObject({ chinese: '五月见！', back: '', checked: '', inFlight: false });
    expect(state.activity).toEqual({ kind: 'check-failed', message: 'DeepL quota exceeded' });
    expect(state.translatedBy).toEqual({ backend: 'openai', toneApplied: false });
  });

  it("keeps the user's English (and any earlier Chinese) when a translation fails, and says why", () => {
    const from = { english: 'See you in May!', chinese: '旧的', unsavedSince: 4 };
    const state = after([{ type: 'translate-started' }, { type: 'translate-failed', message: 'HTTP 500' }], from);
    expect(state).toMatchObject({ ...from, inFlight: false, activity: { kind: 'translate-failed', message: 'HTTP 500' } });
  });

  it('starts a new request on Retry after a failed translation', () => {
    const state = after([{ type: 'translate-started' }, { type: 'translate-failed', message: 'HTTP 500' }, { type: 'translate-started' }]);
    expect(state).toMatchObject({ inFlight: true, activity: { kind: 'translating' } });
  });
});

describe('composer state: checking the meaning', () => {
  it('records the back-translation of the Chinese it was asked for, stale if the Chinese changed meanwhile', () => {
    const state = after(
      [
        { type: 'check-started' },
        { type: 'chinese-edited', chinese: '再改', at: 2 },
        { type: 'checked', chinese: '改过', back: 'Changed', at: 3 },
      ],
      { chinese: '改过' },
    );
    expect(state).toMatchObject({ back: 'Changed', checked: '改过', inFlight: false, activity: { kind: 'idle' } });
    expect(isStale(state)).toBe(true);
  });

  it('keeps the Chinese and the old back-translation on a failed check, and Retry check starts again', () => {
    const from = { chinese: '改过', back: 'Before', checked: '原来' };
    const state = after([{ type: 'check-started' }, { type: 'check-failed', message: 'quota' }], from);
    expect(state).toMatchObject({ ...from, inFlight: false, activity: { kind: 'check-failed', message: 'quota' } });
    expect(reduce(state, { type: 'check-started' })).toMatchObject({ inFlight: true, activity: { kind: 'checking' } });
  });
});

describe('composer state: inserting, copying, discarding', () => {
  it('reports an insert, or that the box did not take the text', () => {
    expect(after([{ type: 'insert-tried', result: { ok: true } }]).activity).toEqual({ kind: 'inserted' });
    expect(after([{ type: 'insert-tried', result: { ok: false, found: '别的' } }]).activity).toEqual({ kind: 'insert-failed', found: '别的' });
  });

  it('reports a copy, or that the browser refused it', () => {
    expect(after([{ type: 'copy-tried', copied: true }]).activity).toEqual({ kind: 'copied' });
    expect(after([{ type: 'copy-tried', copied: false }]).activity).toEqual({ kind: 'copy-failed' });
  });

  it('empties the words on discard, keeps the tone, and leaves nothing to save', () => {
    const from: Partial<ComposerState> = { english: 'e', chinese: 'c', back: 'b', checked: 'c', tone: 'polite', saved: true, unsavedSince: 9 };
    const state = after([{ type: 'discarded' }], { ...from, translatedBy: { backend: 'google', toneApplied: false } });
    expect(state).toMatchObject({ english: '', chinese: '', back: '', checked: '', translatedBy: null, tone: 'polite' });
    expect(state).toMatchObject({ saved: false, unsavedSince: null, activity: { kind: 'discarded' } });
  });

  it('keeps a request in flight through a discard, so no second one can overtake it', () => {
    expect(after([{ type: 'translate-started' }, { type: 'discarded' }]).inFlight).toBe(true);
  });
});

describe('composer state: saving', () => {
  it('takes every change so far when a save starts, and shows "Draft saved" when it succeeds', () => {
    const saving = after([{ type: 'english-edited', english: 'Hi', at: 1 }, { type: 'save-started' }]);
    expect(saving).toMatchObject({ unsavedSince: null, saved: false });
    expect(reduce(saving, { type: 'save-succeeded' }).saved).toBe(true);
  });

  it('makes an edit during a save unsaved again, from its own time', () => {
    const state = after([{ type: 'english-edited', english: 'H', at: 1 }, { type: 'save-started' }, { type: 'english-edited', english: 'Hi', at: 8 }]);
    expect(state.unsavedSince).toBe(8);
  });

  it('leaves the changes unsaved after a failed save, due from the failure', () => {
    const state = after([{ type: 'english-edited', english: 'Hi', at: 1 }, { type: 'save-started' }, { type: 'save-failed', at: 50 }]);
    expect(state).toMatchObject({ english: 'Hi', unsavedSince: 50, saved: false });
    expect(canSave(state)).toBe(true);
  });
});

describe('composer state: the answered comment', () => {
  it('forgets the last comment’s translation while the next one is translated, then shows it', () => {
    const translating = after([{ type: 'comment-translation-started' }], { commentTranslation: backOk });
    expect(translating.commentTranslation).toBeNull();
    expect(reduce(translating, { type: 'comment-translated', outcome: failed('HTTP 429') }).commentTranslation).toEqual(failed('HTTP 429'));
  });
});
