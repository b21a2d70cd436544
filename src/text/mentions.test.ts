import { describe, expect, it } from 'vitest';
import { mentionSpans, withoutMentions } from './mentions';

const found = (text: string, mentions?: string[]) =>
  mentionSpans(text, mentions).map(({ start, end }) => text.slice(start, end));

describe('mentionSpans', () => {
  it('guesses mentions from what a nickname can be when the text has no markup', () => {
    expect(found('@小红薯 快来看 @小鹿_2024。')).toEqual(['@小红薯', '@小鹿_2024']);
    expect(found('邮箱是me@example.com')).toEqual([]);
    expect(found(`@${'名'.repeat(25)}`)).toEqual([]);
  });

  it('takes the page’s marked mentions only, every occurrence, in order', () => {
    expect(found('@一下他们哈哈哈', [])).toEqual([]);
    expect(found('@小明 你好 @一下 @小明', ['@小明'])).toEqual(['@小明', '@小明']);
  });

  it('prefers the longer of two marked mentions that start alike', () => {
    expect(found('@小明明 @小明', ['@小明', '@小明明'])).toEqual(['@小明明', '@小明']);
  });
});

describe('withoutMentions', () => {
  it('blanks out the mentions and keeps the words', () => {
    expect(withoutMentions('@小明 你好', ['@小明'])).toBe('  你好');
    expect(withoutMentions('@一下他们', [])).toBe('@一下他们');
  });
});
