import { describe, expect, it } from 'vitest';
import { isContentMessage, MAX_TEXT_LENGTH, MAX_TEXTS_PER_MESSAGE, parseBackgroundRequest } from './protocol';

describe('parseBackgroundRequest', () => {
  it('accepts a translate request with string texts', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好', ''] })).toEqual({
      type: 'translate',
      texts: ['你好', ''],
      retry: false,
    });
  });

  it('passes on the reader’s Retry, and only a literal true', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], retry: true })).toMatchObject({ retry: true });
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], retry: 'yes' })).toMatchObject({ retry: false });
  });

  it('accepts a get-page-settings request and drops extra fields', () => {
    expect(parseBackgroundRequest({ type: 'get-page-settings', apiKey: 'x' })).toEqual({ type: 'get-page-settings' });
  });

  it('drops extra fields from a translate request', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], url: 'http://evil' })).toEqual({
      type: 'translate',
      texts: ['你好'],
      retry: false,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'translate'],
    ['an unknown type', { type: 'set-settings', settings: {} }],
    ['a missing type', { texts: ['你好'] }],
    ['texts that are not an array', { type: 'translate', texts: '你好' }],
    ['missing texts', { type: 'translate' }],
    ['a number among the texts', { type: 'translate', texts: ['你好', 42] }],
    ['null among the texts', { type: 'translate', texts: [null] }],
    ['an object among the texts', { type: 'translate', texts: [{ toString: () => '你好' }] }],
  ])('rejects %s', (_what, message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });

  it('accepts the most texts allowed and rejects one more', () => {
    const texts = Array.from({ length: MAX_TEXTS_PER_MESSAGE }, () => '好');
    expect(parseBackgroundRequest({ type: 'translate', texts })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'translate', texts: [...texts, '好'] })).toBeNull();
  });

  it('accepts the longest text allowed and rejects a longer one', () => {
    const longest = '长'.repeat(MAX_TEXT_LENGTH);
    expect(parseBackgroundRequest({ type: 'translate', texts: [longest] })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'translate', texts: ['好', `${longest}长`] })).toBeNull();
  });
});

describe('isContentMessage', () => {
  it('recognises a page-settings-changed message', () => {
    expect(isContentMessage({ type: 'page-settings-changed', settings: {} })).toBe(true);
  });

  it.each([null, 'page-settings-changed', { type: 'translate' }])('rejects %j', (message) => {
    expect(isContentMessage(message)).toBe(false);
  });
});
