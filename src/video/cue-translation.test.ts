import { describe, expect, it } from 'vitest';
import type { TranslateOutcome } from '../messaging/wire';
import { createCueTranslations } from './cue-translation';
import type { Cue } from './srt';

/** A cue every 10 s for 3 minutes: 洱海0 … 洱海17. */
const CUES: Cue[] = Array.from({ length: 18 }, (_, i) => ({ start: i * 10, end: i * 10 + 8, text: `洱海${i}` }));

function setup(fail: (text: string) => boolean = () => false) {
  const calls: { text: string; retry: boolean }[] = [];
  const answered: number[] = [];
  const translate = async (text: string, retry: boolean): Promise<TranslateOutcome> => {
    calls.push({ text, retry });
    return fail(text) ? { ok: false, error: { code: 'network', message: 'offline' } } : { ok: true, translation: `Erhai ${text.slice(2)}`, backend: 'google', fromCache: false };
  };
  const translations = createCueTranslations(CUES, translate, (index) => answered.push(index));
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { translations, calls, answered, settled };
}

describe('createCueTranslations', () => {
  it('asks for the cues of the next minute at once, and nothing beyond', async () => {
    const { translations, calls, answered, settled } = setup();
    translations.prefetch(0);
    expect(calls.map((call) => call.text)).toEqual(['洱海0', '洱海1', '洱海2', '洱海3', '洱海4', '洱海5', '洱海6']);
    await settled();
    expect(answered).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(translations.outcomeOf(3)).toMatchObject({ ok: true, translation: 'Erhai 3' });
    expect(translations.outcomeOf(7)).toBeUndefined();
  });

  it('asks only for what was not asked as playback goes on, and from the seek point after a seek', async () => {
    const { translations, calls } = setup();
    translations.prefetch(0);
    translations.prefetch(5);
    expect(calls).toHaveLength(7);
    translations.prefetch(15);
    expect(calls.map((call) => call.text).slice(7)).toEqual(['洱海7']);
    calls.length = 0;
    translations.prefetch(125);
    // The cue showing at 125 s (洱海12, 120–128 s) onwards; the cues skipped over are not asked.
    expect(calls.map((call) => call.text)).toEqual(['洱海12', '洱海13', '洱海14', '洱海15', '洱海16', '洱海17']);
  });

  it('keeps a failed cue’s error until Retry, which asks again as a retry', async () => {
    let offline = true;
    const { translations, calls, settled } = setup(() => offline);
    translations.prefetch(170);
    await settled();
    expect(translations.outcomeOf(17)).toMatchObject({ ok: false, error: { message: 'offline' } });
    offline = false;
    translations.retry(17);
    expect(calls.at(-1)).toEqual({ text: '洱海17', retry: true });
    await settled();
    expect(translations.outcomeOf(17)).toMatchObject({ ok: true, translation: 'Erhai 17' });
    // Retry asks only for a failed cue.
    translations.retry(17);
    translations.retry(99);
    expect(calls).toHaveLength(2);
  });
});
