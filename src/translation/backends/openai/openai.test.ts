import { createHash } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { messagesOf, startFakeOpenAi, type FakeOpenAiOptions } from '../../../../tests/fakes/fake-openai';
import { FAKE_REPLIES, fakeTranslate } from '../../../../tests/fakes/fake-translation';
import { sendJson, startLocalServer } from '../../../../tests/fakes/http';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import { findSlangInAll } from '../../../text/slang';
import { isTransient } from '../../errors';
import { BackendQueue } from '../../queue/backend-queue';
import type { Backend } from '../../types';
import { buildOpenAiRequest, createOpenAiBackend } from './index';
import { parseOpenAiResponse, parseOpenAiTranslations, singleTranslation, stripReasoning } from './answer';
import { languageName, PROMPT_VERSION, replyPrompt, systemPrompt, userMessage } from './prompt';
import { thrownBy } from '../../../../tests/unit/thrown-by';

const zhToEn = { source: 'zh', target: 'en' };

/**
 * The backend behind its queue, as the service uses it: the queue splits a failed batch. Its
 * pace is lifted and one request goes at a time, so the requests' order is the split's own.
 */
function queueOf(backend: Backend): BackendQueue {
  const capabilities = { ...backend.capabilities, maxConcurrentRequests: 1, requestsPerSecond: 1000, burst: 1000 };
  return new BackendQueue({ ...backend, capabilities });
}
const config = { baseUrl: 'https://api.example.com/v1', apiKey: '', model: 'gpt-4o-mini' };

interface Body {
  model: string;
  messages: { role: string; content: string }[];
  temperature: number;
}

function bodyOf(texts: string[], cfg = config, languages = zhToEn): Body {
  return JSON.parse(buildOpenAiRequest(texts, languages, cfg).init.body) as Body;
}

/** A model's answer for ids 1..n. */
function answer(translations: string[]): string {
  return JSON.stringify(translations.map((translation, index) => ({ id: index + 1, translation })));
}

describe('buildOpenAiRequest', () => {
  it('posts JSON to {baseUrl}/chat/completions, whatever trailing slashes the base URL has', () => {
    const request = buildOpenAiRequest(['你好'], zhToEn, { ...config, baseUrl: 'http://localhost:11434/v1//' });
    expect(request.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(request.init.method).toBe('POST');
    expect(request.init.headers['Content-Type']).toBe('application/json');
  });

  it('keeps a base URL that already names the endpoint', () => {
    const request = buildOpenAiRequest(['你好'], zhToEn, { ...config, baseUrl: 'https://api.deepseek.com/chat/completions' });
    expect(request.url).toBe('https://api.deepseek.com/chat/completions');
  });

  it('sends the key as a bearer token, trimmed, only when one is set', () => {
    expect(buildOpenAiRequest(['你好'], zhToEn, config).init.headers).not.toHaveProperty('Authorization');
    expect(buildOpenAiRequest(['你好'], zhToEn, { ...config, apiKey: '  ' }).init.headers).not.toHaveProperty('Authorization');
    const headers = buildOpenAiRequest(['你好'], zhToEn, { ...config, apiKey: 'sk-123\n' }).init.headers;
    expect(headers.Authorization).toBe('Bearer sk-123');
  });

  it('sends only model, a system and a user message, and temperature 0', () => {
    const body = bodyOf(['你好']);
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'temperature']);
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.temperature).toBe(0);
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(body.messages[0]!.content).toBe(systemPrompt('en', []));
  });

  it('numbers the texts from 1 in the user message, keeping line breaks and placeholders', () => {
    const user = bodyOf(['一 {0}', '二\n三']).messages[1]!.content;
    expect(JSON.parse(user)).toEqual([
      { id: 1, text: '一 {0}' },
      { id: 2, text: '二\n三' },
    ]);
    expect(user).toBe(userMessage(['一 {0}', '二\n三']));
  });

  it('puts the slang found in this batch into the system prompt', () => {
    const system = bodyOf(['这支口红真的绝绝子', '今天好开心']).messages[0]!.content;
    expect(system).toBe(systemPrompt('en', findSlangInAll(['这支口红真的绝绝子'])));
    expect(system).toContain('绝绝子: Amazing');
  });

  it('names the target language', () => {
    expect(bodyOf(['你好'], config, { source: 'zh', target: 'de' }).messages[0]!.content).toContain('from Chinese into German.');
  });

  it.each([['zh'], ['zh-CN'], ['zh-TW']])('uses the reading prompt, with its glossary, for a source of %s', (source) => {
    const texts = ['这支口红真的绝绝子'];
    const system = bodyOf(texts, config, { source, target: 'en' }).messages[0]!.content;
    expect(system).toBe(systemPrompt('en', findSlangInAll(texts)));
  });

  it('uses the reply prompt, in the tone asked for, for an English source', () => {
    const languages = { source: 'en', target: 'zh-CN', tone: 'polite' as const };
    const body = bodyOf([FAKE_REPLIES.whereTaken.english], config, languages);
    expect(body.messages[0]!.content).toBe(replyPrompt(languages));
    expect(body.messages[1]!.content).toBe(userMessage([FAKE_REPLIES.whereTaken.english]));
  });

  it('gives a reply no slang glossary, even when the English uses a glossary term', () => {
    const system = bodyOf(['This lipstick is yyds'], config, { source: 'en', target: 'zh-CN' }).messages[0]!.content;
    expect(system).not.toMatch(/slang used/i);
    expect(system).not.toContain('GOAT');
  });
});

describe('buildOpenAiRequest without the glossary', () => {
  it('leaves the slang glossary out of the prompt when slang notes are off', () => {
    const withGlossary = JSON.parse(buildOpenAiRequest(['这支口红真的绝绝子'], zhToEn, config).init.body) as Body;
    const without = JSON.parse(buildOpenAiRequest(['这支口红真的绝绝子'], zhToEn, config, false).init.body) as Body;
    expect(withGlossary.messages[0]!.content).toMatch(/slang used/i);
    expect(without.messages[0]!.content).not.toMatch(/slang used/i);
  });
});

describe('systemPrompt', () => {
  const glossary = [
    { term: '绝绝子', meaning: 'Amazing, the best' },
    { term: 'yyds', meaning: 'GOAT' },
  ];

  it('names the app and the target language', () => {
    const prompt = systemPrompt('en', []);
    expect(prompt).toContain('RedNote (Xiaohongshu');
    expect(prompt).toContain('from Chinese into English.');
  });

  it('asks to keep the casual tone and every {n} placeholder, and for a JSON array with one entry per id', () => {
    const prompt = systemPrompt('en', []);
    expect(prompt).toMatch(/casual/);
    expect(prompt).toMatch(/\{0\}.*Copy every placeholder exactly/s);
    expect(prompt).toContain('Translate each item separately');
    expect(prompt).toContain('JSON array of {"id": n, "translation": "..."}');
    expect(prompt).toContain('exactly one entry per input id');
  });

  it('lists the glossary entries it is given as `term: meaning`', () => {
    const prompt = systemPrompt('en', glossary);
    expect(prompt).toContain('- 绝绝子: Amazing, the best');
    expect(prompt).toContain('- yyds: GOAT');
  });

  it('has no glossary section when no slang was found', () => {
    expect(systemPrompt('en', [])).not.toMatch(/slang used/i);
    expect(systemPrompt('en', glossary)).toMatch(/slang used/i);
  });

  it('lists only the slang the texts use', () => {
    const prompt = systemPrompt('en', findSlangInAll(['这家店绝绝子']));
    expect(prompt).toContain('绝绝子:');
    expect(prompt).not.toContain('yyds');
    expect(prompt).not.toContain('种草');
  });

  // A prompt change without a new PROMPT_VERSION would serve answers cached for the old prompt.
  it('changes only together with PROMPT_VERSION', () => {
    const fingerprint = createHash('sha256')
      .update(systemPrompt('en', glossary))
      .update(userMessage(['一', '二']))
      .digest('hex')
      .slice(0, 16);
    const known: Record<string, string> = { '1': 'a503802866995bb4' };
    expect(fingerprint, 'the prompt changed: bump PROMPT_VERSION and record the new fingerprint here').toBe(known[PROMPT_VERSION]);
  });
});

describe('replyPrompt', () => {
  const enToZh = { source: 'en', target: 'zh-CN' };

  it('names the app and both languages: from English into Simplified Chinese', () => {
    const prompt = replyPrompt(enToZh);
    expect(prompt).toContain('RedNote (Xiaohongshu');
    expect(prompt).toContain('from English into Simplified Chinese.');
    expect(prompt).toContain('a speaker of English');
  });

  it('names Traditional Chinese when replies are written in it', () => {
    expect(replyPrompt({ source: 'en', target: 'zh-TW' })).toContain('from English into Traditional Chinese.');
  });

  it('asks for a casual tone when none is given, and when casual is asked for', () => {
    for (const prompt of [replyPrompt(enToZh), replyPrompt({ ...enToZh, tone: 'casual' })]) {
      expect(prompt).toMatch(/^- Tone: casual/m);
      expect(prompt).not.toMatch(/polite/i);
    }
    expect(replyPrompt(enToZh)).toBe(replyPrompt({ ...enToZh, tone: 'casual' }));
  });

  it('asks for a polite tone, addressing the author as 您, when polite is asked for', () => {
    const prompt = replyPrompt({ ...enToZh, tone: 'polite' });
    expect(prompt).toMatch(/^- Tone: polite/m);
    expect(prompt).toContain('您');
    expect(prompt).not.toMatch(/^- Tone: casual/m);
  });

  it('keeps the placeholder and JSON rules of the reading prompt', () => {
    const prompt = replyPrompt(enToZh);
    expect(prompt).toMatch(/\{0\}.*Copy every placeholder exactly/s);
    expect(prompt).toContain('Keep the line breaks');
    expect(prompt).toContain('Translate each item separately');
    expect(prompt).toContain('JSON array of {"id": n, "translation": "..."}');
    expect(prompt).toContain('exactly one entry per input id');
  });

  // Replies are cached under the same PROMPT_VERSION: a changed reply prompt needs a new one too.
  it('changes only together with PROMPT_VERSION', () => {
    const fingerprint = createHash('sha256')
      .update(replyPrompt({ ...enToZh, tone: 'casual' }))
      .update(replyPrompt({ ...enToZh, tone: 'polite' }))
      .digest('hex')
      .slice(0, 16);
    const known: Record<string, string> = { '1': 'faed33fd2db28eba' };
    expect(fingerprint, 'the reply prompt changed: bump PROMPT_VERSION and record the new fingerprint here').toBe(
      known[PROMPT_VERSION],
    );
  });
});

describe('languageName', () => {
  it.each([
    ['en', 'English'],
    ['de', 'German'],
    ['ja', 'Japanese'],
    // A model writes a script, not a country: name the script for the usual Chinese codes.
    ['zh-CN', 'Simplified Chinese'],
    ['zh-SG', 'Simplified Chinese'],
    ['zh-Hans', 'Simplified Chinese'],
    ['zh-TW', 'Traditional Chinese'],
    ['zh-HK', 'Traditional Chinese'],
    ['zh-Hant', 'Traditional Chinese'],
    ['zh', 'Chinese'],
  ])('names %s as %s', (code, name) => {
    expect(languageName(code)).toBe(name);
  });

  it('falls back to what it was given when that is not a language code', () => {
    expect(languageName('not a code!')).toBe('not a code!');
  });
});

describe('stripReasoning', () => {
  it('removes <think> blocks', () => {
    expect(stripReasoning('<think>hmm [1]</think>\n[{"id":1}]')).toBe('[{"id":1}]');
    expect(stripReasoning('<THINK>a</THINK>x<think>b</think>y')).toBe('xy');
  });

  it('removes reasoning whose opening tag the server swallowed, up to </think>', () => {
    expect(stripReasoning('The user wants [id, translation].\n</think>\nHello')).toBe('Hello');
  });

  it('drops a leading <think> that never closes: the answer was cut off while reasoning', () => {
    expect(stripReasoning('<think>Let me draft [{"id":1,"translation":"x"}]')).toBe('');
  });

  it('leaves an answer without reasoning alone', () => {
    expect(stripReasoning('  Hello [world]\n')).toBe('Hello [world]');
  });
});

describe('parseOpenAiTranslations', () => {
  it('reads a clean array, ordering by id', () => {
    expect(parseOpenAiTranslations(answer(['One', 'Two']), 2)).toEqual(['One', 'Two']);
    expect(parseOpenAiTranslations('[{"id":2,"translation":"Two"},{"id":1,"translation":"One"}]', 2)).toEqual(['One', 'Two']);
  });

  it('keeps line breaks and placeholders inside translations', () => {
    expect(parseOpenAiTranslations(answer(['{0} so pretty\nreally {1}']), 1)).toEqual(['{0} so pretty\nreally {1}']);
  });

  it('ignores prose around the array, including bracketed prose before it', () => {
    const content = `Sure [as requested], here you go:\n${answer(['One', 'Two'])}\nHope this helps [really]!`;
    expect(parseOpenAiTranslations(content, 2)).toEqual(['One', 'Two']);
  });

  it('ignores Markdown code fences', () => {
    const content = '```json\n' + JSON.stringify([{ id: 1, translation: 'One' }], null, 2) + '\n```';
    expect(parseOpenAiTranslations(content, 1)).toEqual(['One']);
  });

  it('skips brackets inside translations when finding the array', () => {
    expect(parseOpenAiTranslations(answer(['[sic] one]', 'two [']), 2)).toEqual(['[sic] one]', 'two [']);
  });

  it('ignores a <think> block holding a JSON array for the same ids', () => {
    const content = `<think>Draft: ${answer(['draft'])} [not final]</think>\n${answer(['Final'])}`;
    expect(parseOpenAiTranslations(content, 1)).toEqual(['Final']);
  });

  it('ignores reasoning whose opening tag is missing', () => {
    const content = `Draft: ${answer(['draft'])}\n</think>\n\n${answer(['Final'])}`;
    expect(parseOpenAiTranslations(content, 1)).toEqual(['Final']);
  });

  it('accepts `text` instead of `translation`, and ids as strings', () => {
    expect(parseOpenAiTranslations('[{"id":"1","text":"One"},{"id":2,"text":"Two"}]', 2)).toEqual(['One', 'Two']);
  });

  it('prefers `translation` when the model echoes the source as `text`', () => {
    expect(parseOpenAiTranslations('[{"id":1,"text":"你好","translation":"Hello"}]', 1)).toEqual(['Hello']);
  });

  it.each([
    ['a missing id', '[{"id":1,"translation":"One"}]', 2],
    ['an extra item', answer(['One', 'Two', 'Three']), 2],
    ['a duplicate id', '[{"id":1,"translation":"One"},{"id":1,"translation":"Two"}]', 2],
    ['an unknown id', '[{"id":1,"translation":"One"},{"id":3,"translation":"Three"}]', 2],
    ['an id of 0', '[{"id":0,"translation":"One"}]', 1],
    ['no id', '[{"translation":"One"}]', 1],
    ['an empty translation', '[{"id":1,"translation":"  "}]', 1],
    ['a translation that is not a string', '[{"id":1,"translation":1}]', 1],
    ['plain strings', '["One","Two"]', 2],
    ['plain text', 'Hello there', 1],
    ['a broken array', '[{"id":1,"translation":"One"', 1],
    ['nothing', '', 1],
  ])('returns null for %s', (_what, content, expected) => {
    expect(parseOpenAiTranslations(content, expected)).toBeNull();
  });
});

describe('singleTranslation', () => {
  it('takes a plain-text answer to a single item, without reasoning or fences', () => {
    expect(singleTranslation('<think>hmm</think>\nThis lipstick is the best {0}')).toBe('This lipstick is the best {0}');
    expect(singleTranslation('```\nHello\n```')).toBe('Hello');
  });

  it('takes a lone {id, translation} object', () => {
    expect(singleTranslation('{"id": 1, "translation": "Hello"}')).toBe('Hello');
  });

  it.each([
    ['empty', '   '],
    ['only reasoning', '<think>still thinking'],
    ['a broken array', '[{"id":1,"translation":'],
    ['an object without a translation', '{"id":1}'],
  ])('returns null when the answer is %s', (_what, content) => {
    expect(singleTranslation(content)).toBeNull();
  });
});

describe('parseOpenAiResponse', () => {
  const completion = (content: unknown) =>
    JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] });
  const openAiError = (message: string, type: string, code: string | null) =>
    JSON.stringify({ error: { message, type, param: null, code } });

  it("returns the first choice's message content", () => {
    expect(parseOpenAiResponse(200, completion('[{"id":1,"translation":"Hi"}]'))).toBe('[{"id":1,"translation":"Hi"}]');
  });

  it('maps 401 invalid_api_key to auth, keeping the message', () => {
    const error = thrownBy(() => parseOpenAiResponse(401, openAiError('Incorrect API key provided: sk-x', 'invalid_request_error', 'invalid_api_key')));
    expect(error).toMatchObject({ code: 'auth', status: 401 });
    expect(error.message).toContain('Incorrect API key provided');
  });

  it('maps 429 insufficient_quota to quota, which is not transient', () => {
    const error = thrownBy(() =>
      parseOpenAiResponse(429, openAiError('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'), '20'),
    );
    expect(error).toMatchObject({ code: 'quota', status: 429 });
    expect(error.message).toContain('You exceeded your current quota');
    expect(isTransient(error)).toBe(false);
  });

  it('maps 402 (DeepSeek, OpenRouter: no balance) to quota', () => {
    expect(thrownBy(() => parseOpenAiResponse(402, '{"error":{"message":"Insufficient Balance"}}')).code).toBe('quota');
  });

  it('maps any other 429 to rate-limited with the Retry-After delay', () => {
    const error = thrownBy(() => parseOpenAiResponse(429, openAiError('Rate limit reached', 'requests', 'rate_limit_exceeded'), '20'));
    expect(error).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 20_000 });
    expect(error.message).toContain('Rate limit reached');
  });

  it('maps 404 model_not_found to bad-request naming the model', () => {
    const body = openAiError('The model `gpt-9` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found');
    const error = thrownBy(() => parseOpenAiResponse(404, body));
    expect(error).toMatchObject({ code: 'bad-request', status: 404 });
    expect(error.message).toContain('`gpt-9` does not exist');
  });

  it.each([
    [500, openAiError('The server had an error', 'server_error', null)],
    [502, '<html>Bad Gateway</html>'],
    [503, '{"error":"model is loading"}'],
  ])('maps HTTP %i to server', (status, body) => {
    expect(thrownBy(() => parseOpenAiResponse(status, body))).toMatchObject({ code: 'server', status });
  });

  it("keeps the message of a bare {error: '…'} and of vLLM's top-level {message}", () => {
    expect(thrownBy(() => parseOpenAiResponse(503, '{"error":"model is loading"}')).message).toContain('model is loading');
    expect(thrownBy(() => parseOpenAiResponse(400, '{"object":"error","message":"bad temperature","code":400}')).message).toContain(
      'bad temperature',
    );
  });

  it.each([
    ['not JSON', '<html>hello</html>'],
    ['cut off', completion('Hello').slice(0, 20)],
    ['without choices', '{"object":"chat.completion","choices":[]}'],
    ['with null content', completion(null)],
    ['an error object', '{"error":{"message":"upstream failed"}}'],
  ])('rejects a 200 answer %s as bad-response', (_what, body) => {
    expect(thrownBy(() => parseOpenAiResponse(200, body)).code).toBe('bad-response');
  });
});

describe('createOpenAiBackend', () => {
  function backendWith(openai: Partial<typeof config>) {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      backends: { ...DEFAULT_SETTINGS.backends, openai: { ...config, ...openai } },
    };
    return createOpenAiBackend(settings);
  }

  it('is an LLM backend named after its model', () => {
    const backend = backendWith({ model: 'deepseek-chat' });
    expect(backend.id).toBe('openai');
    expect(backend.name).toContain('deepseek-chat');
    expect(backend.capabilities).toEqual({
      maxTextsPerRequest: 20,
      maxCharsPerRequest: 4000,
      kind: 'llm',
      maxConcurrentRequests: 2,
      requestsPerSecond: 1,
      burst: 3,
    });
  });

  it('names its model and prompt version in cache keys', () => {
    expect(backendWith({ model: 'gpt-4o-mini' }).cacheId).toBe(`openai:gpt-4o-mini:${PROMPT_VERSION}`);
    expect(backendWith({ model: 'qwen2.5:7b' }).cacheId).toBe(`openai:qwen2.5:7b:${PROMPT_VERSION}`);
  });
});

describe('createOpenAiBackend against the fake OpenAI-compatible API', () => {
  async function fakeOpenAi(options?: FakeOpenAiOptions) {
    const fake = await startFakeOpenAi(options);
    onTestFinished(() => fake.close());
    return fake;
  }

  function backendFor(url: string, apiKey = '', model = 'gpt-4o-mini') {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      backend: 'openai',
      backends: { ...DEFAULT_SETTINGS.backends, openai: { baseUrl: `${url}/v1`, apiKey, model } },
    };
    return createOpenAiBackend(settings);
  }

  const signal = () => AbortSignal.timeout(5000);
  const texts = ['你好', '谢谢你', '这个攻略也太详细了吧', '冲鸭！五月的大理天气超好～记得带防晒'];

  it('translates a batch in one request, in order, with the bearer key', async () => {
    const fake = await fakeOpenAi({ apiKey: 'sk-test' });

    expect(await backendFor(fake.url, 'sk-test').translate(texts, zhToEn, signal())).toEqual(texts.map(fakeTranslate));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', contentType: 'application/json' });
    expect(fake.requests[0]!.authorization).toBe('Bearer sk-test');
    expect(fake.requests[0]!.texts).toEqual(texts);
  });

  it('sends no Authorization header without a key', async () => {
    const fake = await fakeOpenAi();

    await backendFor(fake.url).translate(['你好'], zhToEn, signal());

    expect(fake.requests[0]!.authorization).toBeUndefined();
  });

  it('splits the batch when the model drops an item, still giving each text its own translation', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'wrong-count' });
    const queue = queueOf(backendFor(fake.url));

    expect(await Promise.all(texts.map((text) => queue.translate(text, zhToEn)))).toEqual(texts.map(fakeTranslate));
    expect(fake.requests.length).toBeGreaterThan(1);
    // The batch, then each text alone: every request after the first asks for part of the batch.
    expect(fake.requests.map((request) => request.texts)).toEqual([texts, ...texts.map((text) => [text])]);
  });

  it('rejects a miscounted batch as bad-response, for the queue to split, after one request', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'wrong-count' });

    await expect(backendFor(fake.url).translate(texts, zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
    expect(fake.requests).toHaveLength(1);
  });

  it.each([['prose' as const], ['think' as const]])('reads a %s answer in one request', async (kind) => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind });

    expect(await backendFor(fake.url).translate(texts, zhToEn, signal())).toEqual(texts.map(fakeTranslate));
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps {n} placeholders and line breaks through the round trip', async () => {
    const fake = await fakeOpenAi();
    const withPlaceholders = ['{0} 这支口红{1}真的好看', '第一行\n第二行 {2}'];

    const translations = await backendFor(fake.url).translate(withPlaceholders, zhToEn, signal());

    expect(translations).toEqual(withPlaceholders.map(fakeTranslate));
    expect(translations[0]).toContain('{0}');
    expect(translations[0]).toContain('{1}');
    expect(translations[1]).toContain('\n');
  });

  it('puts the slang of the batch, with its meaning, into the system prompt it sends', async () => {
    const fake = await fakeOpenAi();

    await backendFor(fake.url).translate(['黄黑皮亲妈！这支口红真的绝绝子💄', '你好'], zhToEn, signal());
    await backendFor(fake.url).translate(['你好'], zhToEn, signal());

    const [withSlang, without] = fake.requests.map((request) => messagesOf(request).find((m) => m.role === 'system')?.content ?? '');
    expect(withSlang).toContain('绝绝子: Amazing, the best');
    expect(without).not.toContain('绝绝子');
  });

  it('translates a reply into Chinese in the tone asked for, and checks it back into English', async () => {
    const fake = await fakeOpenAi();
    const backend = backendFor(fake.url);
    const { english, chinese, politeChinese, politeBackTranslation } = FAKE_REPLIES.whereTaken;

    expect(await backend.translate([english], { source: 'en', target: 'zh-CN', tone: 'casual' }, signal())).toEqual([chinese]);
    expect(await backend.translate([english], { source: 'en', target: 'zh-CN', tone: 'polite' }, signal())).toEqual([
      politeChinese,
    ]);
    expect(await backend.translate([politeChinese], { source: 'zh-CN', target: 'en' }, signal())).toEqual([
      politeBackTranslation,
    ]);
  });

  it('rejects with auth when the key is wrong, keeping the message', async () => {
    const fake = await fakeOpenAi({ apiKey: 'sk-test' });

    const failure = backendFor(fake.url, 'sk-wrong').translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toMatchObject({ code: 'auth', status: 401 });
    await expect(failure).rejects.toThrow(/Incorrect API key provided/);
  });

  it('rejects with quota when the account has no credit', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'quota' });

    const failure = backendFor(fake.url).translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toMatchObject({ code: 'quota', status: 429 });
    await expect(failure).rejects.toThrow(/exceeded your current quota/);
  });

  it('rejects with rate-limited and the Retry-After delay on any other 429', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'fail', status: 429, retryAfterSeconds: 7 });

    await expect(backendFor(fake.url).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({
      code: 'rate-limited',
      status: 429,
      retryAfterMs: 7000,
    });
  });

  it('rejects with bad-request naming the model when the server does not know it', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'fail', status: 404 });

    const failure = backendFor(fake.url, '', 'gpt-9').translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toMatchObject({ code: 'bad-request', status: 404 });
    await expect(failure).rejects.toThrow(/`gpt-9` does not exist/);
  });

  it('rejects with timeout when the answer comes too late', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'slow', delayMs: 2000 });

    await expect(backendFor(fake.url).translate(['你好'], zhToEn, AbortSignal.timeout(100))).rejects.toMatchObject({ code: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects with network when nothing listens at the address', async () => {
    const fake = await fakeOpenAi();
    await fake.close();

    await expect(backendFor(fake.url).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects with bad-response when a 200 answer is not JSON', async () => {
    const fake = await fakeOpenAi();
    fake.setMode({ kind: 'malformed' });

    await expect(backendFor(fake.url).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
  });
});

describe('createOpenAiBackend with a model that ignores the format', () => {
  /** A chat server whose model always answers `content`, whatever it is asked. */
  async function modelAnswering(content: string) {
    let requests = 0;
    const server = await startLocalServer((_request, _body, response) => {
      requests++;
      sendJson(response, 200, { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] });
    });
    onTestFinished(() => server.close());
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      backends: { ...DEFAULT_SETTINGS.backends, openai: { ...config, baseUrl: `${server.url}/v1` } },
    };
    return { backend: createOpenAiBackend(settings), requests: () => requests };
  }

  it('takes a plain-text answer to a single text as its translation', async () => {
    const { backend } = await modelAnswering('<think>easy</think>\nThis lipstick is the best {0}');
    expect(await backend.translate(['这支口红绝绝子{0}'], zhToEn, AbortSignal.timeout(5000))).toEqual(['This lipstick is the best {0}']);
  });

  it('rejects with bad-response when a single text gets a broken array, after splitting down to it', async () => {
    const { backend, requests } = await modelAnswering('[{"id": 1, "translation": ');
    const queue = queueOf(backend);
    const results = ['一', '二'].map((text) => queue.translate(text, zhToEn));
    for (const result of results) await expect(result).rejects.toMatchObject({ code: 'bad-response' });
    // The pair, then each text alone, which fails for good.
    expect(requests()).toBe(3);
  });
});
