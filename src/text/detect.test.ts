import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage, isChinese, withoutUntranslatable } from './detect';

interface FixtureItem {
  id: string;
  expect: 'translate' | 'skip' | 'dont_care';
  category: string;
  kind: string;
  text?: string;
}

const expectations = JSON.parse(
  readFileSync(new URL('../../tests/fixtures/xhs/expectations.json', import.meta.url), 'utf8'),
) as { pages: Record<string, { items: FixtureItem[] }> };

const UNIT_KINDS = new Set(['comment', 'reply', 'card-title', 'note-title', 'note-desc']);

/** The fixture's content texts, once per id (feed.html and note.html share note n01). */
function contentItems(expected: 'translate' | 'skip'): [string, string][] {
  const byId = new Map<string, string>();
  for (const page of Object.values(expectations.pages)) {
    for (const item of page.items) {
      if (item.category !== 'content' || !UNIT_KINDS.has(item.kind) || item.expect !== expected) continue;
      if (item.text === undefined) continue;
      // The preview marks line breaks with ` ⏎ ` and may end in `…`: both are harmless here.
      byId.set(item.id, item.text.replaceAll(' ⏎ ', '\n'));
    }
  }
  return [...byId];
}

describe('isChinese on the fixture pages', () => {
  const translate = contentItems('translate');
  const skip = contentItems('skip');

  it('reads over 100 Chinese and 20 non-Chinese cases from the fixture', () => {
    expect(translate.length).toBeGreaterThan(100);
    expect(skip.length).toBeGreaterThan(20);
  });

  it.each(translate)('%s is Chinese: %s', (_id, text) => {
    expect(isChinese(text)).toBe(true);
  });

  it.each(skip)('%s is not Chinese: %s', (_id, text) => {
    expect(isChinese(text)).toBe(false);
  });
});

describe('detectLanguage', () => {
  it('reads the Chinese written straight after a link, as the token protection cuts the link there', () => {
    expect(detectLanguage('https://xhslink.com/a/9kQpZ2mXv超好用')).toBe('zh');
    expect(detectLanguage('看这里 www.example.com/a，')).toBe('zh');
    expect(detectLanguage('https://xhslink.com/a/9kQpZ2mXv [笑哭R]')).toBe('none');
  });

  it('reads Traditional Chinese as Chinese', () => {
    expect(detectLanguage('好想去！請問騎行租電動車大概多少錢一天？')).toBe('zh');
  });

  it('reads Chinese mixed with English words as Chinese', () => {
    expect(detectLanguage('这个view也太绝了吧 obsessed!!')).toBe('zh');
  });

  it('reads a Chinese sentence with one stray の as Chinese', () => {
    expect(detectLanguage('今日の穿搭分享')).toBe('zh');
  });

  it('reads a short Chinese phrase with one stray の as Chinese', () => {
    expect(detectLanguage('我の日常')).toBe('zh');
  });

  it('reads an English sentence with one stray Han character as other', () => {
    expect(detectLanguage('Love the blazer look, so 美')).toBe('other');
  });

  it('reads a single Han character alone as Chinese', () => {
    expect(detectLanguage('赞')).toBe('zh');
  });

  it('reads Japanese with kanji and kana as Japanese', () => {
    expect(detectLanguage('写真がとてもきれいですね！来年行ってみたいです')).toBe('ja');
  });

  it('reads kana-only text as Japanese', () => {
    expect(detectLanguage('おいしい')).toBe('ja');
  });

  it('reads Korean as Korean', () => {
    expect(detectLanguage('와 사진 진짜 예쁘다ㅠㅠ 저장해요!')).toBe('ko');
  });

  it('reads English as other', () => {
    expect(detectLanguage('Love this vibe!')).toBe('other');
  });

  it.each([
    ['digits', '666'],
    ['unicode emoji', '😍😍🌊'],
    ['emoji codes', '[哇R][哇R][哇R]'],
    ['a URL', 'https://xhslink.com/a/9kQpZ2mXv'],
    ['a mention', '@小熊软糖'],
    ['blanks', '  \n '],
  ])('finds nothing to translate in %s', (_what, text) => {
    expect(detectLanguage(text)).toBe('none');
    expect(isChinese(text)).toBe(false);
  });

  it('does not count Chinese inside a mention or an emoji code', () => {
    expect(isChinese('@小熊软糖 [笑哭R] lol')).toBe(false);
  });
});

describe('withoutUntranslatable', () => {
  it('removes links, mentions and emoji codes and keeps the words', () => {
    const rest = withoutUntranslatable('好看 https://xhslink.com/a/1 @小鹿 [赞R] 收藏了');
    expect(rest.replace(/\s+/g, ' ').trim()).toBe('好看 收藏了');
  });

  it('counts the Chinese after a plain @ when the page marked no mention there', () => {
    expect(isChinese('@一下他们哈哈哈')).toBe(false);
    expect(isChinese('@一下他们哈哈哈', [])).toBe(true);
    expect(isChinese('@小熊软糖 lol', ['@小熊软糖'])).toBe(false);
  });

  it('keeps an e-mail-like @ inside a word', () => {
    expect(withoutUntranslatable('me@example.com')).toBe('me@example.com');
  });
});
