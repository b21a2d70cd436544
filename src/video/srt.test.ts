import { describe, expect, it } from 'vitest';
import { cueIndexAt } from './cue-timing';
import { MAX_CUE_CHARS, parseSrt } from './srt';

describe('parseSrt', () => {
  it('reads cues with comma milliseconds, multi-line text and their times in seconds', () => {
    const srt = ['1', '00:00:01,000 --> 00:00:02,500', '今天去了大理', '', '2', '00:01:02,345 --> 01:00:00,000', '第一行', '第二行', ''].join('\n');
    expect(parseSrt(srt)).toEqual([
      { start: 1, end: 2.5, text: '今天去了大理' },
      { start: 62.345, end: 3600, text: '第一行\n第二行' },
    ]);
  });

  it('ignores a byte-order mark, CRLF line ends and stray blank lines between, inside and around cues', () => {
    const srt = '\uFEFF\r\n\r\n1\r\n00:00:00,000 --> 00:00:01,000\r\n\r\n你好\r\n\r\n\r\n\r\n2\r\n00:00:01,000 --> 00:00:02,000\r\n再见\r\n\r\n\r\n';
    expect(parseSrt(srt)).toEqual([
      { start: 0, end: 1, text: '你好' },
      { start: 1, end: 2, text: '再见' },
    ]);
  });

  it('reads a first cue that starts right after the byte-order mark, without an index', () => {
    expect(parseSrt('\uFEFF00:00:00,000 --> 00:00:01,000\n你好\n')).toEqual([{ start: 0, end: 1, text: '你好' }]);
  });

  it('keeps a caption that is a number, and takes the digits before a timing line as the next index', () => {
    const srt = ['1', '00:00:00,000 --> 00:00:01,000', '666', '', '2', '00:00:01,000 --> 00:00:02,000', '绝了'].join('\n');
    expect(parseSrt(srt).map((cue) => cue.text)).toEqual(['666', '绝了']);
  });

  it('reads dot fractions, short fractions and times without hours', () => {
    expect(parseSrt('1\n00:01.5 --> 00:02.25\n好\n')).toEqual([{ start: 1.5, end: 2.25, text: '好' }]);
  });

  it('drops styling markup as text and leaves out empty or zero-length cues', () => {
    const srt = ['1', '00:00:00,000 --> 00:00:01,000', '{\\an8}<i>真的</i> <font color="red">假的</font>', '', '2', '00:00:01,000 --> 00:00:01,000', '零', '', '3', '00:00:02,000 --> 00:00:03,000', '', ''].join('\n');
    expect(parseSrt(srt)).toEqual([{ start: 0, end: 1, text: '真的 假的' }]);
  });

  it('sorts cues by start and cuts very long text', () => {
    const srt = ['2', '00:00:05,000 --> 00:00:06,000', '后', '', '1', '00:00:01,000 --> 00:00:02,000', '长'.repeat(MAX_CUE_CHARS + 10)].join('\n');
    const cues = parseSrt(srt);
    expect(cues.map((cue) => cue.start)).toEqual([1, 5]);
    expect(cues[0]!.text).toHaveLength(MAX_CUE_CHARS);
  });

  it('refuses text that is not SRT, and reads an empty file as no cues', () => {
    expect(() => parseSrt('<html><body>403 Forbidden</body></html>')).toThrow(/not SRT/);
    expect(parseSrt('')).toEqual([]);
    expect(parseSrt('\n\n')).toEqual([]);
  });
});

describe('cueIndexAt', () => {
  const cues = parseSrt(['1', '00:00:01,000 --> 00:00:02,000', 'a', '', '2', '00:00:02,000 --> 00:00:03,000', 'b', '', '3', '00:00:05,000 --> 00:00:06,000', 'c'].join('\n'));

  it('shows a cue from its start, inclusive, to its end, exclusive', () => {
    expect(cueIndexAt(cues, 0.999)).toBe(-1);
    expect(cueIndexAt(cues, 1)).toBe(0);
    expect(cueIndexAt(cues, 1.999)).toBe(0);
    // At the instant one ends and the next starts, the next shows.
    expect(cueIndexAt(cues, 2)).toBe(1);
    expect(cueIndexAt(cues, 3)).toBe(-1);
    expect(cueIndexAt(cues, 4.5)).toBe(-1);
    expect(cueIndexAt(cues, 5)).toBe(2);
    expect(cueIndexAt(cues, 6)).toBe(-1);
    expect(cueIndexAt(cues, 1e9)).toBe(-1);
  });

  it('finds nothing in no cues', () => {
    expect(cueIndexAt([], 1)).toBe(-1);
  });
});
