import { describe, expect, it } from 'vitest';
import { romanize } from './pinyin';

describe('romanize as a name', () => {
  it('reads the first character as a surname: 单 Shàn, 曾 Zēng, 解 Xiè', () => {
    expect(romanize('单田芳', 'name')).toBe('Shàn tián fāng');
    expect(romanize('曾小贤', 'name')).toBe('Zēng xiǎo xián');
    expect(romanize('解晓东', 'name')).toBe('Xiè xiǎo dōng');
  });

  it('reads a two-character surname as one, and the rest of the name by its words', () => {
    expect(romanize('万俟小雪', 'name')).toBe('Mò qí xiǎo xuě');
    expect(romanize('单车少年', 'name')).toBe('Shàn chē shào nián');
    expect(romanize('曾经沧海', 'name')).toBe('Zēng jīng cāng hǎi');
  });

  it('reads the same characters as words elsewhere than a name’s head', () => {
    expect(romanize('单', 'text')).toBe('dān');
    expect(romanize('曾经', 'text')).toBe('céng jīng');
    expect(romanize('解决', 'text')).toBe('jiě jué');
  });

  it('gives null for a name with no Chinese', () => {
    for (const name of ['Lily🌸', 'Jess from Sydney', 'Kiki_', 'さくら', 'ゆい', '지은', '', '🍊🍊']) {
      expect(romanize(name, 'name')).toBeNull();
    }
  });

  it('reads only the Chinese of a mixed name, its runs set apart', () => {
    expect(romanize('Momo在大理', 'name')).toBe('Zài dà lǐ');
    expect(romanize('橘子汽水🍊', 'name')).toBe('Jú zǐ qì shuǐ');
    expect(romanize('阿Ben食乜好', 'name')).toBe('Ā · shí niè hǎo');
  });

  it('reads Traditional characters too', () => {
    expect(romanize('晚風與你', 'name')).toBe('Wǎn fēng yǔ nǐ');
  });

  it('leaves Japanese written with kanji alone', () => {
    expect(romanize('田中さくら', 'name')).toBeNull();
  });
});

describe('romanize as a text', () => {
  it('reads polyphones by the word they are in', () => {
    expect(romanize('银行', 'text')).toBe('yín háng');
    expect(romanize('行走', 'text')).toBe('xíng zǒu');
    expect(romanize('我要去银行取钱', 'text')).toBe('wǒ yào qù yín háng qǔ qián');
    expect(romanize('重庆火锅', 'text')).toBe('chóng qìng huǒ guō');
  });

  it('applies no surname rule and reads only the Chinese of a mixed query', () => {
    expect(romanize('单车', 'text')).toBe('dān chē');
    expect(romanize('上海 coffee 推荐', 'text')).toBe('shàng hǎi tuī jiàn');
    expect(romanize('coffee', 'text')).toBeNull();
  });
});
