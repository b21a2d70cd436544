import { describe, expect, it } from 'vitest';
import glossary from './slang-glossary.json';
import { findSlang, findSlangInAll, SLANG_ENTRY_COUNT } from './slang';

function termsIn(text: string): string[] {
  return findSlang(text).map((entry) => entry.term);
}

const TYPES = new Set(['slang', 'abbreviation', 'platform', 'address', 'interjection', 'common', 'emoji_shortcode']);

describe('the glossary file', () => {
  it('has complete entries of known types', () => {
    expect(SLANG_ENTRY_COUNT).toBe(glossary.entries.length);
    expect(SLANG_ENTRY_COUNT).toBeGreaterThanOrEqual(80);
    for (const entry of glossary.entries) {
      expect(entry.term.trim(), JSON.stringify(entry)).not.toBe('');
      expect(entry.pinyin.trim(), entry.term).not.toBe('');
      expect(entry.meaning.trim(), entry.term).not.toBe('');
      expect(TYPES.has(entry.type), `${entry.term}: ${entry.type}`).toBe(true);
    }
  });

  it('lists every variant once, so no entry shadows another', () => {
    const variants = glossary.entries.flatMap((entry) => entry.term.split(' / ').map((v) => v.trim().toLowerCase()));
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('finds every variant of every entry on its own', () => {
    for (const entry of glossary.entries) {
      for (const variant of entry.term.split(' / ')) expect(termsIn(` ${variant} `), variant).toEqual([entry.term]);
    }
  });
});

describe('findSlang', () => {
  it('finds terms in order of appearance, each once', () => {
    expect(termsIn('姐妹们！这家店绝绝子，真的出片，绝绝子！打卡了')).toEqual(['姐妹们', '绝绝子', '出片', '打卡']);
    expect(termsIn('喜洲粑粑yyds！冲鸭')).toEqual(['yyds', '冲鸭']);
  });

  it('lets the longest match win', () => {
    expect(termsIn('蹲后续')).toEqual(['蹲后续']);
    expect(termsIn('蹲一个链接，蹲后续')).toEqual(['蹲', '蹲后续']);
    expect(termsIn('姐妹们快看')).toEqual(['姐妹们']);
    expect(termsIn('姐妹快看')).toEqual(['姐妹']);
    expect(termsIn('吃到了[吃瓜R]')).toEqual(['[吃瓜R]']);
    expect(termsIn('干饭人干饭魂')).toEqual(['干饭人 / 干饭']);
  });

  it('matches Latin and digit terms only as whole words, in any case', () => {
    expect(termsIn('这个YYDS')).toEqual(['yyds']);
    expect(termsIn('Yyds!')).toEqual(['yyds']);
    expect(termsIn('今天好emo')).toEqual(['emo']);
    expect(termsIn('EMO了')).toEqual(['emo']);
    expect(termsIn('看了个demo')).toEqual([]);
    expect(termsIn('emotional')).toEqual([]);
    expect(termsIn('666')).toEqual(['666']);
    expect(termsIn('太强了666！')).toEqual(['666']);
    expect(termsIn('16666')).toEqual([]);
    expect(termsIn('6666')).toEqual([]);
    expect(termsIn('给你打CALL')).toEqual(['打call']);
    expect(termsIn('打caller')).toEqual([]);
    expect(termsIn('这里好city不city啊')).toEqual(['city不city']);
  });

  it('finds each variant of an " / " entry', () => {
    expect(termsIn('我是i人')).toEqual(['i人 / e人']);
    expect(termsIn('E人社牛')).toEqual(['i人 / e人', '社牛']);
    expect(termsIn('油皮亲妈')).toEqual(['油皮 / 干皮']);
    expect(termsIn('干皮也能用，油皮更爱')).toEqual(['油皮 / 干皮']);
  });

  it('does not take a Latin variant out of a longer word', () => {
    expect(termsIn('MBTI人格')).toEqual([]);
    expect(termsIn('taxi人很多')).toEqual([]);
  });

  it('finds emoji shortcodes', () => {
    expect(termsIn('笑死[笑哭R][doge]')).toEqual(['笑死', '[笑哭R]', '[doge]']);
  });

  it('finds the new platform terms in real-looking comments', () => {
    expect(termsIn('人均1500是不含机票吧？有点心动了')).toEqual(['人均', '心动']);
    expect(termsIn('特种兵旅游三天打卡十个景点，栓Q')).toEqual(['特种兵旅游', '打卡', '栓Q']);
    expect(termsIn('这个显白色号真香，避坑指南也太干货了')).toEqual(['显白', '真香', '避坑', '干货']);
  });

  it('finds nothing in plain text', () => {
    expect(termsIn('我们租的是60一天，押金200，还车的时候退')).toEqual([]);
    expect(termsIn('Is it easy to get around without speaking Chinese?')).toEqual([]);
    expect(termsIn('')).toEqual([]);
  });
});

describe('findSlangInAll', () => {
  it('collects the slang of several texts in order, each once', () => {
    const terms = findSlangInAll(['绝绝子！yyds', '真的绝绝子', '蹲后续', '今天天气不错']).map((entry) => entry.term);
    expect(terms).toEqual(['绝绝子', 'yyds', '蹲后续']);
  });

  it('counts two variants of one entry once', () => {
    expect(findSlangInAll(['我是i人', '他是e人']).map((entry) => entry.term)).toEqual(['i人 / e人']);
  });

  it('finds nothing in no texts', () => {
    expect(findSlangInAll([])).toEqual([]);
  });
});
