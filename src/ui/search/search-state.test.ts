import { describe, expect, it } from 'vitest';
import { backIsCurrent, canSubmit, INITIAL_SEARCH, queryOf, reduceSearch, type SearchAction, type SearchState } from './search-state';

function run(...actions: SearchAction[]): SearchState {
  return actions.reduce(reduceSearch, INITIAL_SEARCH);
}

const typed: SearchAction = { type: 'typed', english: 'camping gear' };
const translated: SearchAction = { type: 'translated', chinese: '露营装备', back: 'Camping equipment' };

describe('the English-search flow', () => {
  it('goes typed → translating → ready with the Chinese and its back-translation', () => {
    expect(run(typed).step).toBe('typed');
    expect(run(typed, { type: 'translate-started' }).step).toBe('translating');
    const ready = run(typed, { type: 'translate-started' }, translated);
    expect(ready).toMatchObject({ step: 'ready', english: 'camping gear', chinese: '露营装备', back: 'Camping equipment', error: null });
    expect(backIsCurrent(ready)).toBe(true);
    expect(canSubmit(ready)).toBe(true);
  });

  it('keeps the English on a failed translation, says why, and can be retried', () => {
    const failed = run(typed, { type: 'translate-started' }, { type: 'translate-failed', message: 'Google answered 500' });
    expect(failed).toMatchObject({ step: 'failed', english: 'camping gear', chinese: '', error: { step: 'translate', message: 'Google answered 500' } });
    expect(canSubmit(failed)).toBe(false);
    expect(reduceSearch(failed, { type: 'submitted' })).toBe(failed);
    const retried = run(typed, { type: 'translate-failed', message: 'x' }, { type: 'translate-started' }, translated);
    expect(retried).toMatchObject({ step: 'ready', english: 'camping gear', chinese: '露营装备', error: null });
  });

  it('is submitted only when ready with a query, and submits the edited Chinese', () => {
    expect(reduceSearch(run(typed), { type: 'submitted' }).step).toBe('typed');
    const edited = run(typed, translated, { type: 'chinese-edited', chinese: '  露营  装备推荐 ' });
    expect(queryOf(edited)).toBe('露营 装备推荐');
    expect(reduceSearch(edited, { type: 'submitted' }).step).toBe('submitted');
    const emptied = run(typed, translated, { type: 'chinese-edited', chinese: '   ' });
    expect(reduceSearch(emptied, { type: 'submitted' }).step).toBe('ready');
  });

  it('marks the back-translation stale after an edit, and current again once checked', () => {
    const edited = run(typed, translated, { type: 'chinese-edited', chinese: '露营装备推荐' });
    expect(backIsCurrent(edited)).toBe(false);
    const checking = reduceSearch(edited, { type: 'check-started' });
    expect(checking.checking).toBe(true);
    const checked = reduceSearch(checking, { type: 'checked', chinese: '露营装备推荐', back: 'Camping gear recommendations' });
    expect(checked).toMatchObject({ checking: false, back: 'Camping gear recommendations' });
    expect(backIsCurrent(checked)).toBe(true);
  });

  it('keeps the Chinese when only the back-translation failed', () => {
    const ready = run(typed, { type: 'translated', chinese: '露营装备', back: null, checkError: 'timed out' });
    expect(ready).toMatchObject({ step: 'ready', chinese: '露营装备', back: '', error: { step: 'check', message: 'timed out' } });
    expect(canSubmit(ready)).toBe(true);
    expect(reduceSearch(ready, { type: 'check-failed', message: 'again' }).error).toEqual({ step: 'check', message: 'again' });
  });

  it('starts afresh from new English', () => {
    expect(run(typed, translated, { type: 'typed', english: 'hiking boots' })).toEqual({ ...INITIAL_SEARCH, english: 'hiking boots' });
  });
});
