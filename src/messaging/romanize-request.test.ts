import { describe, expect, it } from 'vitest';
import { backgroundHandlers, routeBackgroundRequest, type RouterDeps } from './background-router';
import { parseBackgroundRequest } from './parse-request';
import { MAX_ROMANIZE_TEXT_LENGTH, MAX_TEXTS_PER_MESSAGE } from './protocol';

describe('parseBackgroundRequest: romanize', () => {
  it('accepts names and texts, keeping only the known fields', () => {
    expect(parseBackgroundRequest({ type: 'romanize', texts: ['曾小贤', 'Lily🌸'], as: 'name', url: 'http://evil' })).toEqual({
      type: 'romanize',
      texts: ['曾小贤', 'Lily🌸'],
      as: 'name',
    });
    expect(parseBackgroundRequest({ type: 'romanize', texts: ['银行'], as: 'text' })).toEqual({ type: 'romanize', texts: ['银行'], as: 'text' });
  });

  it('accepts as many texts as a translate request, each up to the romanize length', () => {
    const most = Array.from({ length: MAX_TEXTS_PER_MESSAGE }, () => '好'.repeat(MAX_ROMANIZE_TEXT_LENGTH));
    expect(parseBackgroundRequest({ type: 'romanize', texts: most, as: 'name' })).not.toBeNull();
  });

  it('rejects too many texts, a text too long, texts that are not strings, and an unknown reading', () => {
    const tooMany = Array.from({ length: MAX_TEXTS_PER_MESSAGE + 1 }, () => '好');
    expect(parseBackgroundRequest({ type: 'romanize', texts: tooMany, as: 'name' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'romanize', texts: ['好'.repeat(MAX_ROMANIZE_TEXT_LENGTH + 1)], as: 'name' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'romanize', texts: ['好', 3], as: 'name' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'romanize', texts: '好', as: 'name' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'romanize', texts: ['好'], as: 'surname' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'romanize', texts: ['好'] })).toBeNull();
  });
});

describe('routeBackgroundRequest: romanize', () => {
  // Reading pinyin needs none of the background's services.
  const handlers = backgroundHandlers({} as RouterDeps);

  it('answers a content script with each text’s pinyin, null where it has no Chinese', async () => {
    const answer = await routeBackgroundRequest({ type: 'romanize', texts: ['单田芳', 'Lily🌸', 'Momo在大理'], as: 'name' }, handlers);
    expect(answer).toEqual({ pinyin: ['Shàn tián fāng', null, 'Zài dà lǐ'] });
  });

  it('reads a text in context, without the surname rule', async () => {
    const answer = await routeBackgroundRequest({ type: 'romanize', texts: ['单车', '银行'], as: 'text' }, handlers);
    expect(answer).toEqual({ pinyin: ['dān chē', 'yín háng'] });
  });
});
