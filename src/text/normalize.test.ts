import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize';

describe('normalizeText', () => {
  it('folds runs of spaces and tabs into one space', () => {
    expect(normalizeText('救命  这个\t\t攻略\u3000太详细')).toBe('救命 这个 攻略 太详细');
  });

  it('keeps line breaks and drops the blanks around them', () => {
    expect(normalizeText('第一行  \n   第二行')).toBe('第一行\n第二行');
  });

  it('turns CRLF and CR into LF', () => {
    expect(normalizeText('一\r\n二\r三')).toBe('一\n二\n三');
  });

  it('keeps at most one empty line between paragraphs', () => {
    expect(normalizeText('一\n\n\n\n二')).toBe('一\n\n二');
  });

  it('trims the ends', () => {
    expect(normalizeText('\n  好看  \n')).toBe('好看');
  });

  it('keeps URLs, mentions and emoji codes as written', () => {
    expect(normalizeText('攻略 https://xhslink.com/a/9kQ  问 @小熊软糖 好[赞R]')).toBe('攻略 https://xhslink.com/a/9kQ 问 @小熊软糖 好[赞R]');
  });

  it('composes to NFC', () => {
    const decomposed = 'Cafe\u0301';
    expect(normalizeText(decomposed)).toBe('Caf\u00e9');
  });

  it('gives the same form for texts that differ only in blanks', () => {
    expect(normalizeText(' 好想去！ 请问 ')).toBe(normalizeText('好想去！  请问'));
  });
});
