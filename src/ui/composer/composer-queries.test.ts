import { describe, expect, it } from 'vitest';
import { canSave, canTranslate, draftOf, isBusy, isStale } from './composer-queries';
import { INITIAL_STATE, type ComposerState } from './composer-state';

const state = (overrides: Partial<ComposerState>): ComposerState => ({ ...INITIAL_STATE, ...overrides });

describe('composer queries', () => {
  it('is busy only while "Translating…" or "Checking the meaning…" shows', () => {
    expect(isBusy(state({ activity: { kind: 'translating' } }))).toBe(true);
    expect(isBusy(state({ activity: { kind: 'checking' } }))).toBe(true);
    expect(isBusy(state({ activity: { kind: 'discarded' }, inFlight: true }))).toBe(false);
  });

  it('calls the back-translation stale when the Chinese differs from what was checked, never for blank Chinese', () => {
    expect(isStale(state({ chinese: '谢谢', checked: '谢谢' }))).toBe(false);
    expect(isStale(state({ chinese: '谢谢你', checked: '谢谢' }))).toBe(true);
    expect(isStale(state({ chinese: '  ', checked: '' }))).toBe(false);
  });

  it('lets a translation start once the draft loaded or failed to, and while no request is in flight', () => {
    expect(canTranslate(state({ load: 'loading' }))).toBe(false);
    expect(canTranslate(state({ load: 'loaded', inFlight: true }))).toBe(false);
    expect(canTranslate(state({ load: 'loaded' }))).toBe(true);
    expect(canTranslate(state({ load: 'failed' }))).toBe(true);
  });

  it('saves only unsaved changes, and only once the stored draft has been seen', () => {
    expect(canSave(state({ load: 'loaded', unsavedSince: 1 }))).toBe(true);
    expect(canSave(state({ load: 'loaded', unsavedSince: null }))).toBe(false);
    expect(canSave(state({ load: 'failed', unsavedSince: 1 }))).toBe(false);
    expect(canSave(state({ load: 'loading', unsavedSince: 1 }))).toBe(false);
  });

  it('saves the English, the Chinese, its back-translation and the tone', () => {
    const draft = draftOf(state({ english: 'e', chinese: 'c', back: 'b', checked: 'x', tone: 'polite' }), 42);
    expect(draft).toEqual({ english: 'e', chinese: 'c', backTranslation: 'b', tone: 'polite', updatedAt: 42 });
  });
});
