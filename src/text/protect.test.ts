import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasTranslatableText, protectText, restoreText } from './protect';

interface FixtureItem {
  text?: string;
}

/** Every text preview in the fixture pages: real-looking titles, note bodies and comments. */
function fixtureTexts(): string[] {
  const expectations = JSON.parse(
    readFileSync(new URL('../../tests/fixtures/xhs/expectations.json', import.meta.url), 'utf8'),
  ) as { pages: Record<string, { items: FixtureItem[] }> };
  const texts = new Set<string>();
  for (const page of Object.values(expectations.pages)) {
    for (const item of page.items) if (item.text !== undefined) texts.add(item.text.replaceAll(' ⏎ ', '\n'));
  }
  return [...texts];
}

/** The note body of note.html as the store holds it: raw hashtags, emoji codes, a mention. */
const NOTE_DESC =
  '姐妹们！刚从大理回来，趁热乎整理了一份保姆级攻略[派对R]\n' +
  'Day1 古城→人民路→洋人街，傍晚去南门城楼看日落🌇\n' +
  'Day3 喜洲古镇+稻田，吃到了超好吃的喜洲粑粑[赞R]\n\n' +
  '⚠️避雷：古城门口的鲜花饼别买，又贵又干[捂脸R]\n' +
  '有问题评论区问我，看到都会回～ @小鹿今天不加班 下次一起去！\n' +
  '#大理旅行[话题]# #旅行攻略[话题]# #洱海[话题]# #小众旅行地[话题]#';

function tokensOf(text: string): string[] {
  return protectText(text).tokens;
}

describe('protectText: what is protected', () => {
  it('protects hashtags, alone, mid-sentence and several in a row', () => {
    expect(protectText('#大理旅行')).toEqual({ text: '{0}', tokens: ['#大理旅行'] });
    expect(protectText('今天刷到#旅行攻略 真的有用')).toEqual({ text: '今天刷到{0} 真的有用', tokens: ['#旅行攻略'] });
    expect(tokensOf('收藏了#大理#洱海 下个月去')).toEqual(['#大理#洱海']);
    expect(tokensOf('#大理旅行，超出片')).toEqual(['#大理旅行']);
  });

  it('protects the raw topic form #话题名[话题]# whole, spaces in the name included', () => {
    expect(tokensOf('好美 #洱海[话题]#')).toEqual(['#洱海[话题]#']);
    expect(tokensOf('#City Walk[话题]# 走起')).toEqual(['#City Walk[话题]#']);
  });

  it('leaves a lone # and C# alone', () => {
    expect(tokensOf('C#语言 # 号')).toEqual([]);
  });

  it('protects @mentions only at the start or after whitespace', () => {
    expect(protectText('@小红薯 快来看')).toEqual({ text: '{0} 快来看', tokens: ['@小红薯'] });
    expect(tokensOf('下次一起去 @小鹿今天不加班 好吗')).toEqual(['@小鹿今天不加班']);
    expect(tokensOf('邮箱是me@example.com')).toEqual([]);
    // Longer than a nickname can be: words, not a name.
    expect(tokensOf(`@${'长'.repeat(25)}`)).toEqual([]);
    expect(tokensOf(`@${'长'.repeat(24)}`)).toEqual([`@${'长'.repeat(24)}`]);
  });

  it('ends a guessed mention at sentence punctuation, which no nickname holds', () => {
    expect(protectText('@小明，你好')).toEqual({ text: '{0}，你好', tokens: ['@小明'] });
    expect(tokensOf('@小明你好！谢谢')).toEqual(['@小明你好']);
  });

  it('protects only the mentions the page marked, and translates a plain @ with its words', () => {
    expect(protectText('@一下他们哈哈哈', [])).toEqual({ text: '@一下他们哈哈哈', tokens: [] });
    expect(protectText('@小红薯 快来看 @一下他们', ['@小红薯'])).toEqual({
      text: '{0} 快来看 @一下他们',
      tokens: ['@小红薯'],
    });
  });

  it('protects a marked mention wherever it stands, even inside words or with spaces in it', () => {
    expect(protectText('谢谢@小 明的推荐', ['@小 明'])).toEqual({ text: '谢谢{0}的推荐', tokens: ['@小 明'] });
    expect(protectText('@小明明 和 @小明', ['@小明', '@小明明'])).toEqual({
      text: '{0} 和 {1}',
      tokens: ['@小明明', '@小明'],
    });
  });

  it('protects URLs without trailing CJK or sentence punctuation', () => {
    expect(protectText('链接https://xhslink.com/a/9kQpZ2mXv，复制打开')).toEqual({
      text: '链接{0}，复制打开',
      tokens: ['https://xhslink.com/a/9kQpZ2mXv'],
    });
    expect(tokensOf('看http://example.com/x?a=1&b=2。')).toEqual(['http://example.com/x?a=1&b=2']);
    expect(tokensOf('官网www.xiaohongshu.com！')).toEqual(['www.xiaohongshu.com']);
    expect(tokensOf('see https://example.com/page.')).toEqual(['https://example.com/page']);
    expect(tokensOf('(see https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
  });

  it('protects emoji shortcodes', () => {
    expect(protectText('笑死[笑哭R]')).toEqual({ text: '笑死{0}', tokens: ['[笑哭R]'] });
    expect(tokensOf('你懂的[doge]')).toEqual(['[doge]']);
    expect(tokensOf('[蹲后续H]蹲一个')).toEqual(['[蹲后续H]']);
    expect(tokensOf('[这个括号里太长了不是表情]')).toEqual([]);
  });

  it('keeps emoji sequences whole', () => {
    for (const emoji of ['👨‍👩‍👧', '👍🏽', '🇨🇳', '❤️', '1️⃣', '#️⃣', '❤️‍🔥', '🏳️‍🌈', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🌊']) {
      expect(protectText(`好看${emoji}真的`)).toEqual({ text: '好看{0}真的', tokens: [emoji] });
    }
  });

  it('leaves digits, #, CJK punctuation and arrows alone', () => {
    expect(tokensOf('人均1500，3天2夜！古城→洋人街〰「好」')).toEqual([]);
    expect(tokensOf('〰️')).toEqual(['〰️']);
  });

  it('merges tokens separated only by blanks, not by line breaks or words', () => {
    expect(protectText('太美了 😍 😍🌊 [哇R]')).toEqual({ text: '太美了 {0}', tokens: ['😍 😍🌊 [哇R]'] });
    expect(protectText('[赞R]\n[赞R] 好')).toEqual({ text: '{0}\n{1} 好', tokens: ['[赞R]', '[赞R]'] });
    expect(protectText('🌊和🌇')).toEqual({ text: '{0}和{1}', tokens: ['🌊', '🌇'] });
  });

  it('protects a real note body and keeps its line breaks', () => {
    const { text, tokens } = protectText(NOTE_DESC);
    expect(tokens).toEqual([
      '[派对R]',
      '🌇',
      '[赞R]',
      '⚠️',
      '[捂脸R]',
      '@小鹿今天不加班',
      '#大理旅行[话题]# #旅行攻略[话题]# #洱海[话题]# #小众旅行地[话题]#',
    ]);
    expect(text.split('\n')).toHaveLength(NOTE_DESC.split('\n').length);
    expect(text).toContain('{3}避雷：');
  });

  it('does not protect a text that already has {digits} of its own', () => {
    for (const text of ['第{1}步 #教程', '用 { 2 } 代替 [赞R]', '｛0｝🌊']) {
      expect(protectText(text)).toEqual({ text, tokens: [] });
    }
    expect(tokensOf('{name} 不是占位符 [赞R]')).toEqual(['[赞R]']);
  });
});

describe('restoreText', () => {
  const tokens = ['#大理旅行', '[赞R]'];

  it('puts every token back', () => {
    expect(restoreText('Dali guide {0} so good {1}', tokens)).toBe('Dali guide #大理旅行 so good [赞R]');
    // Order may change in translation.
    expect(restoreText('{1} first, then {0}', tokens)).toBe('[赞R] first, then #大理旅行');
  });

  it('accepts spaces inside the braces and full-width braces or digits', () => {
    expect(restoreText('a { 0 } b {1 }', tokens)).toBe('a #大理旅行 b [赞R]');
    expect(restoreText('a ｛0｝ b ｛１｝', tokens)).toBe('a #大理旅行 b [赞R]');
  });

  it('returns null when placeholders are mangled', () => {
    expect(restoreText('only {0}', tokens)).toBeNull(); // missing
    expect(restoreText('{0} {0} {1}', tokens)).toBeNull(); // duplicated
    expect(restoreText('{0} {1} {7}', tokens)).toBeNull(); // extra
    expect(restoreText('{1} {2}', tokens)).toBeNull(); // renumbered
    expect(restoreText('{00} {1}', tokens)).toBeNull(); // not our spelling
    expect(restoreText('no placeholders at all', tokens)).toBeNull();
  });

  it('inserts tokens literally, even ones that look like replacement patterns', () => {
    expect(restoreText('link: {0}', ['https://a.example/?q=$&x=$1'])).toBe('link: https://a.example/?q=$&x=$1');
  });

  it('returns the translation unchanged when there were no tokens', () => {
    expect(restoreText('step {1} of the guide', [])).toBe('step {1} of the guide');
  });
});

describe('round trips', () => {
  const samples = [
    NOTE_DESC,
    '救命 这个攻略也太详细了吧！收藏了[赞R] 下个月就去',
    '私信你啦～名字不方便直接发[偷笑R]',
    '喜洲粑粑yyds！咸的甜的我都买了，回来还在想',
    '[哇R][哇R][哇R]',
    '😍😍🌊',
    'https://xhslink.com/a/9kQpZ2mXv',
    '@小熊软糖',
    '踩雷+1，古城门口的鲜花饼真的又贵又难吃[哭惹R] 还是要去巷子里的小店买',
    '这个view也太绝了吧 obsessed!! 已经加入我的bucket list',
    '👨‍👩‍👧 一家三口 👍🏽🇨🇳❤️1️⃣ #️⃣ 〰 ※',
    '  前后有空格 #话题  \n\n  [doge]  ',
    '第{1}步',
    '',
  ];

  function expectRoundTrip(sample: string): void {
    const { text, tokens } = protectText(sample);
    expect(restoreText(text, tokens), sample).toBe(sample);
    for (const token of tokens) expect(sample).toContain(token);
    tokens.forEach((_token, i) => expect(text.split(`{${i}}`)).toHaveLength(2));
  }

  it.each(samples.map((s) => [s]))('%j comes back byte-identical', expectRoundTrip);

  it('every fixture text comes back byte-identical', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(50);
    texts.forEach(expectRoundTrip);
  });
});

describe('hasTranslatableText', () => {
  it('is false when only placeholders, blanks, punctuation, symbols or digits remain', () => {
    for (const source of ['[哇R][哇R][哇R]', '😍😍🌊', 'https://xhslink.com/a/9kQpZ2mXv', '@小熊软糖', '{0}！！', '666', '']) {
      expect(hasTranslatableText(protectText(source).text)).toBe(false);
    }
  });

  it('is true when words remain', () => {
    for (const source of ['笑死[笑哭R]', 'obsessed!! 😍', '#大理旅行 好美', 'Day1']) {
      expect(hasTranslatableText(protectText(source).text)).toBe(true);
    }
  });
});
