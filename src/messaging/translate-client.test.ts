import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TranslateOutcome } from './wire';
import type { BackgroundRequest } from './protocol';
import { MAX_TEXTS_PER_MESSAGE } from './protocol';

const sent: BackgroundRequest[] = [];
/** What the fake background does with each request. */
let answer: (request: BackgroundRequest) => Promise<unknown>;

vi.mock('./send', () => ({
  sendToBackground: (request: BackgroundRequest) => {
    sent.push(request);
    return answer(request);
  },
}));

const { createTranslateClient } = await import('./translate-client');

const translated = (text: string): TranslateOutcome => ({ ok: true, translation: `en:${text}`, backend: 'google', fromCache: false });
const textsOf = (request: BackgroundRequest) => ('texts' in request ? request.texts : []);
/** A unit's text whose page marked no mention. */
const unit = (text: string) => ({ text, mentions: [] });

describe('createTranslateClient', () => {
  beforeEach(() => {
    sent.length = 0;
    answer = async (request) =>
      request.type === 'cached-translations'
        ? textsOf(request).map((text) => (text === '你好' ? translated(text) : null))
        : textsOf(request).map(translated);
  });

  it('sends the texts asked for in one task in one message, and gives each its own answer', async () => {
    const client = createTranslateClient();

    const outcomes = await Promise.all([client.translate(unit('一')), client.translate(unit('二')), client.translate(unit('三'))]);

    expect(sent).toEqual([{ type: 'translate', texts: ['一', '二', '三'], mentions: [[], [], []] }]);
    expect(outcomes).toEqual([translated('一'), translated('二'), translated('三')]);
  });

  it('sends without waiting for a timer: the message leaves before the next task', async () => {
    const client = createTranslateClient();
    void client.translate(unit('一'));
    await Promise.resolve();
    await Promise.resolve();

    expect(sent).toHaveLength(1);
  });

  it('splits more texts than one message may carry over several messages', async () => {
    const client = createTranslateClient();
    const texts = Array.from({ length: MAX_TEXTS_PER_MESSAGE + 5 }, (_, i) => `第${i}条`);

    const outcomes = await Promise.all(texts.map((text) => client.translate(unit(text))));

    expect(sent.map((request) => textsOf(request).length)).toEqual([MAX_TEXTS_PER_MESSAGE, 5]);
    expect(outcomes).toEqual(texts.map(translated));
  });

  it('looks texts up in the cache in one message of their own: a translation where cached, null elsewhere', async () => {
    const client = createTranslateClient();

    const found = await Promise.all([client.cached(unit('你好')), client.cached(unit('没见过'))]);

    expect(sent).toEqual([{ type: 'cached-translations', texts: ['你好', '没见过'], mentions: [[], []] }]);
    expect(found).toEqual([translated('你好'), null]);
  });

  it('answers null for a lookup the background could not answer, so the text is translated later', async () => {
    answer = () => Promise.reject(new Error('Could not establish connection'));
    const client = createTranslateClient();

    expect(await client.cached(unit('你好'))).toBeNull();
  });

  it('answers a translation the background could not be reached for with an error that says so', async () => {
    answer = () => Promise.reject(new Error('Could not establish connection'));
    const client = createTranslateClient();

    const outcome = await client.translate(unit('你好'));

    expect(outcome).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(!outcome.ok && outcome.error.message).toContain('Could not establish connection');
  });

  it('sends a Retry at once, on its own, with the backend the reader chose', async () => {
    const client = createTranslateClient();

    await Promise.all([client.translate(unit('一')), client.translate(unit('二'), true), client.translate(unit('三'), false, 'deepl')]);

    expect(sent).toEqual([
      { type: 'translate', texts: ['二'], mentions: [[]], retry: true },
      { type: 'translate', texts: ['三'], mentions: [[]], retry: false, backend: 'deepl' },
      { type: 'translate', texts: ['一'], mentions: [[]] },
    ]);
  });
});
