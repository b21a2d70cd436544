import { describe, expect, it } from 'vitest';
import { checkAnswer, withoutInvisibleFormat } from './answer';
import { TranslationError } from './errors';

const ZH_EN = { source: 'zh', target: 'en' };
const EN_ZH = { source: 'en', target: 'zh-CN' };

function verdicts(texts: string[], answer: unknown, languages = ZH_EN) {
  return checkAnswer('Fake', texts, answer, languages).map((result) =>
    result.ok ? result.translation : `${result.error.code}: ${result.error.message}`,
  );
}

function thrown(texts: string[], answer: unknown): TranslationError {
  try {
    checkAnswer('Fake', texts, answer, ZH_EN);
  } catch (error) {
    if (error instanceof TranslationError) return error;
  }
  throw new Error('checkAnswer accepted the answer');
}

describe('checkAnswer', () => {
  it('accepts one translation per text, in order', () => {
    expect(verdicts(['你好', '谢谢'], ['Hello', 'Thanks'])).toEqual(['Hello', 'Thanks']);
  });

  it('refuses an answer with fewer translations than texts as a whole', () => {
    const error = thrown(['你好', '谢谢'], ['Hello']);
    expect(error.code).toBe('bad-response');
    expect(error.message).toBe('Fake returned 1 translations for 2 texts');
  });

  it('refuses an answer with more translations than texts as a whole', () => {
    expect(thrown(['你好'], ['Hello', 'Extra']).message).toBe('Fake returned 2 translations for 1 texts');
  });

  it('refuses an answer that is not a list of strings', () => {
    expect(thrown(['你好'], [42]).code).toBe('bad-response');
    expect(thrown(['你好'], { translation: 'Hello' }).code).toBe('bad-response');
  });

  it('refuses an empty translation of a non-empty text, and keeps its neighbours', () => {
    expect(verdicts(['你好', '谢谢'], ['', 'Thanks'])).toEqual(['bad-response: Fake sent an empty translation', 'Thanks']);
  });

  it('refuses a translation of nothing but blanks, or of nothing but invisible characters', () => {
    expect(verdicts(['你好', '谢谢'], [' \n\t ', '\u200B\u202E'])).toEqual([
      'bad-response: Fake sent an empty translation',
      'bad-response: Fake sent an empty translation',
    ]);
  });

  it('refuses Chinese that came back unchanged, even with its blanks moved', () => {
    expect(verdicts(['今天 好开心', '{0} 绝绝子'], ['今天好开心', '{0} 绝绝子'])).toEqual([
      'bad-response: Fake sent the text back untranslated',
      'bad-response: Fake sent the text back untranslated',
    ]);
  });

  it('accepts a text without Chinese that came back as it was (a name, a brand)', () => {
    expect(verdicts(['OK {0}'], ['OK {0}'])).toEqual(['OK {0}']);
  });

  it('accepts Chinese unchanged when the target is Chinese (a reply that is already Chinese)', () => {
    expect(verdicts(['好的'], ['好的'], EN_ZH)).toEqual(['好的']);
  });

  it('removes bidi controls and invisible format characters, and trims the translation', () => {
    const hostile = ' \u202EHello\u202C \u2066world\u2069\u200F\uFEFF\u200B! ';
    expect(verdicts(['你好世界！'], [hostile])).toEqual(['Hello world!']);
  });
});

describe('withoutInvisibleFormat', () => {
  it('removes every bidi embedding, override, isolate and mark', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(withoutInvisibleFormat(`a${controls}b`)).toBe('ab');
  });

  it('keeps the joiners that emoji sequences and scripts need', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(withoutInvisibleFormat(`${family} a\u200Cb`)).toBe(`${family} a\u200Cb`);
  });
});
