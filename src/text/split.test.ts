import { describe, expect, it } from 'vitest';
import { protectText } from './protect';
import { joinTranslations, splitText } from './split';

/** Every piece fits and nothing is lost or reordered. */
function expectValidSplit(text: string, maxChars: number): string[] {
  const pieces = splitText(text, maxChars);
  expect(pieces.join('')).toBe(text);
  for (const piece of pieces) {
    expect(piece.length).toBeGreaterThan(0);
    expect(piece.length).toBeLessThanOrEqual(maxChars);
  }
  return pieces;
}

function isLoneSurrogateAtEdge(piece: string): boolean {
  const first = piece.charCodeAt(0);
  const last = piece.charCodeAt(piece.length - 1);
  return (first >= 0xdc00 && first <= 0xdfff) || (last >= 0xd800 && last <= 0xdbff);
}

const LONG_PARAGRAPH =
  '第一天我们早上八点从古城出发，沿着洱海一路向北骑行，风景真的太美了。' +
  '中午在喜洲古镇吃了喜洲粑粑，咸的甜的都很好吃！！' +
  '下午去了稻田拍照，阳光正好，随手一拍都是大片？！' +
  '晚上回到古城，在人民路逛了逛，买了一些手工艺品；' +
  '最后去南门城楼看了日落……真的很值得。';

describe('splitText', () => {
  it('returns a short text whole', () => {
    expect(splitText('救命 这个攻略也太详细了吧！', 100)).toEqual(['救命 这个攻略也太详细了吧！']);
    expect(splitText('', 10)).toEqual(['']);
    expect(splitText('12345', 5)).toEqual(['12345']);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => splitText('abc', 0)).toThrow(RangeError);
    expect(() => splitText('abc', 2.5)).toThrow(RangeError);
  });

  it('cuts after line breaks first, keeping them in the piece', () => {
    const body = '姐妹们！刚从大理回来\nDay1 古城→人民路\nDay2 环洱海骑行！';
    expect(expectValidSplit(body, 20)).toEqual(['姐妹们！刚从大理回来\n', 'Day1 古城→人民路\n', 'Day2 环洱海骑行！']);
    expect(expectValidSplit('第一段。\n\n第二段很长很长。', 12)).toEqual(['第一段。\n\n', '第二段很长很长。']);
  });

  it('splits a long paragraph of a multi-line note at sentence ends, greedily', () => {
    const body = `大理三天两夜攻略\n${LONG_PARAGRAPH}\n有问题评论区问我～`;
    // Runs like `！！` and `？！` stay with their sentence; the last piece fits whole.
    expect(expectValidSplit(body, 60)).toEqual([
      '大理三天两夜攻略\n',
      '第一天我们早上八点从古城出发，沿着洱海一路向北骑行，风景真的太美了。中午在喜洲古镇吃了喜洲粑粑，咸的甜的都很好吃！！',
      '下午去了稻田拍照，阳光正好，随手一拍都是大片？！晚上回到古城，在人民路逛了逛，买了一些手工艺品；',
      '最后去南门城楼看了日落……真的很值得。\n有问题评论区问我～',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(expectValidSplit('她说“太好看了！”然后走了很远很远', 10)).toEqual(['她说“太好看了！”', '然后走了很远很远']);
    expect(expectValidSplit('（真的绝了。）后面还有很多字', 8)).toEqual(['（真的绝了。）', '后面还有很多字']);
  });

  it('treats ". " as a sentence end, keeping the blank, but not a dot inside a word or number', () => {
    expect(expectValidSplit('It is 3.5 km away. Go by bike, it is fun', 24)).toEqual(['It is 3.5 km away. ', 'Go by bike, it is fun']);
  });

  it('falls back to commas, then blanks', () => {
    expect(expectValidSplit('古城门口的鲜花饼别买，又贵又干，还是去巷子里买吧', 12)).toEqual([
      '古城门口的鲜花饼别买，',
      '又贵又干，',
      '还是去巷子里买吧',
    ]);
    expect(expectValidSplit('Saving this for my trip in May', 12)).toEqual(['Saving this ', 'for my trip ', 'in May']);
  });

  it('cuts a 5000-character text with no punctuation at the limit', () => {
    const text = '大理洱海'.repeat(1250);
    const pieces = expectValidSplit(text, 1800);
    expect(pieces.map((p) => p.length)).toEqual([1800, 1800, 1400]);
  });

  it('never cuts inside a {n} placeholder', () => {
    const { text } = protectText(`${'好'.repeat(8)}[赞R]${'看'.repeat(8)}[哇R]${'呀'.repeat(20)}`);
    for (let max = 4; max <= 30; max += 1) {
      for (const piece of expectValidSplit(text, max)) {
        expect(piece.replace(/\{\d+\}/g, '')).not.toMatch(/[{}]/);
      }
    }
  });

  it('never cuts a surrogate pair or an emoji sequence', () => {
    const text = '好看😍真的🌊👨‍👩‍👧👍🏽❤️'.repeat(40);
    // 8 code units is the longest sequence here (👨‍👩‍👧); below that a piece may overshoot.
    for (let max = 8; max <= 20; max += 1) {
      for (const piece of expectValidSplit(text, max)) {
        expect(isLoneSurrogateAtEdge(piece)).toBe(false);
        expect(piece).not.toMatch(/^(?:\u200D|\uFE0F|\p{Emoji_Modifier})|\u200D$/u);
      }
    }
  });

  it('overshoots only when the limit is smaller than one placeholder or emoji sequence', () => {
    expect(splitText('{12}{13}', 2)).toEqual(['{12}', '{13}']);
    expect(splitText('👍🏽👍🏽', 3)).toEqual(['👍🏽', '👍🏽']);
  });

  it('is lossless for many texts and limits', () => {
    const texts = [
      LONG_PARAGRAPH,
      `${LONG_PARAGRAPH}\n\n${LONG_PARAGRAPH}`,
      'Yes! 打车软件有英文界面，古城里很多店员也会说简单的英文，不用担心～ '.repeat(30),
      protectText('#大理旅行[话题]# 超美🌊 @小熊软糖 https://xhslink.com/a/9kQpZ2mXv [赞R]'.repeat(20)).text,
    ];
    for (const text of texts) for (const max of [5, 13, 50, 99, 500]) expectValidSplit(text, max);
  });
});

describe('joinTranslations', () => {
  it('keeps the source line breaks between translations, in order', () => {
    const pieces = ['姐妹们！刚从大理回来\n', 'Day1 古城→人民路\n\n', 'Day2 环洱海骑行！'];
    expect(joinTranslations(pieces, ['Girls! Just back from Dali', ' Day 1: old town → Renmin Road\n', 'Day 2: cycling!']))
      .toBe('Girls! Just back from Dali\nDay 1: old town → Renmin Road\n\nDay 2: cycling!');
  });

  it('joins sentences with one space and trims the translations', () => {
    expect(joinTranslations(['第一句。', '第二句，', '第三句'], ['First. ', '  Second,', 'third'])).toBe('First. Second, third');
  });

  it('joins Chinese sentences without a space', () => {
    expect(joinTranslations(['First. ', 'Second.'], ['第一句。', '第二句。'], 'zh-CN')).toBe('第一句。第二句。');
  });

  it('skips empty translations without doubling separators', () => {
    expect(joinTranslations(['a。', 'b。', 'c'], ['A.', '  ', 'C'])).toBe('A. C');
    expect(joinTranslations([], [])).toBe('');
  });

  it('round-trips with splitText when translating is the identity (modulo blanks)', () => {
    const body = `标题\n${LONG_PARAGRAPH}\n\n结尾`;
    const pieces = splitText(body, 40);
    expect(pieces.length).toBeGreaterThan(3);
    expect(joinTranslations(pieces, pieces)).toBe(
      '标题\n第一天我们早上八点从古城出发，沿着洱海一路向北骑行，风景真的太美了。 中午在喜洲古镇吃了喜洲粑粑，咸的甜的都很好吃！！ ' +
        '下午去了稻田拍照，阳光正好，随手一拍都是大片？！ 晚上回到古城，在人民路逛了逛，买了一些手工艺品；最后去南门城楼看了日落…… ' +
        '真的很值得。\n\n结尾',
    );
  });

  it('rejects mismatched lengths', () => {
    expect(() => joinTranslations(['a', 'b'], ['A'])).toThrow(RangeError);
  });
});
