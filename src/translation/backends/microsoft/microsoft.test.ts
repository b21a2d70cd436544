import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeMicrosoft, type FakeMicrosoft, type FakeMicrosoftOptions } from '../../../../tests/fakes/fake-microsoft';
import { fakeTranslate } from '../../../../tests/fakes/fake-translation';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import { TranslationError } from '../../errors';
import {
  buildMicrosoftTranslateRequest,
  createMicrosoftBackend,
  microsoftLanguage,
  parseMicrosoftResponse,
  tokenExpiry,
  type MicrosoftBackendOptions,
} from './index';
import { thrownBy } from '../../../../tests/unit/thrown-by';

const zhToEn = { source: 'zh', target: 'en' };
const translateUrl = 'https://api.example/translate';

/** A JWT-shaped token whose payload is `payload` (the signature part is filler). */
function jwt(payload: unknown): string {
  const part = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

/** Microsoft's 200 answer for `translations`, one item per text. */
function okBody(translations: string[]): string {
  return JSON.stringify(
    translations.map((text) => ({ detectedLanguage: { language: 'zh-Hans', score: 1.0 }, translations: [{ text, to: 'en' }] })),
  );
}

describe('buildMicrosoftTranslateRequest', () => {
  it('posts to the translate URL with auto-detected source, target and api-version', () => {
    const request = buildMicrosoftTranslateRequest(['你好'], zhToEn, 'tok', translateUrl);
    expect(request.url).toBe('https://api.example/translate?from=&to=en&api-version=3.0');
    expect(request.init.method).toBe('POST');
  });

  it('maps the target language into the query', () => {
    const request = buildMicrosoftTranslateRequest(['你好'], { source: 'zh', target: 'zh-TW' }, 'tok', translateUrl);
    expect(new URL(request.url).searchParams.get('to')).toBe('zh-Hant');
  });

  it('sends the bearer token and a JSON content type', () => {
    const request = buildMicrosoftTranslateRequest(['你好'], zhToEn, 'a.b.c', translateUrl);
    expect(request.init.headers).toEqual({ Authorization: 'Bearer a.b.c', 'Content-Type': 'application/json' });
  });

  it('sends the texts as [{Text}], in order', () => {
    const request = buildMicrosoftTranslateRequest(['一', '二', '三'], zhToEn, 'tok', translateUrl);
    expect(JSON.parse(request.init.body)).toEqual([{ Text: '一' }, { Text: '二' }, { Text: '三' }]);
  });
});

describe('microsoftLanguage', () => {
  it.each([
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['DE', 'de'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt-pt'],
    ['fr-CA', 'fr-ca'],
    ['no', 'nb'],
  ])('maps %s to %s', (code, expected) => {
    expect(microsoftLanguage(code)).toBe(expected);
  });
});

describe('parseMicrosoftResponse', () => {
  it('reads one translation per item, in order', () => {
    expect(parseMicrosoftResponse(200, okBody(['One', 'Two']), 2)).toEqual(['One', 'Two']);
  });

  it.each([
    ['too few items', okBody(['One']), 2],
    ['too many items', okBody(['One', 'Two', 'Three']), 2],
    ['an object instead of a list', '{"translations":[{"text":"One"}]}', 1],
    ['an item without translations', '[{"detectedLanguage":{"language":"zh-Hans","score":1}}]', 1],
    ['an empty translations list', '[{"translations":[]}]', 1],
    ['a non-string text', '[{"translations":[{"text":2,"to":"en"}]}]', 1],
  ])('rejects %s as bad-response', (_what, body, expected) => {
    expect(thrownBy(() => parseMicrosoftResponse(200, body, expected)).code).toBe('bad-response');
  });

  it('rejects a 200 answer that is not JSON as bad-response', () => {
    expect(thrownBy(() => parseMicrosoftResponse(200, '[{"translations":[{"te', 1)).code).toBe('bad-response');
  });

  it.each([
    [400, 'bad-request', 400036, 'The target language ("To" field) is missing or invalid.'],
    [401, 'auth', 401000, 'The request is not authorized because credentials are missing or invalid.'],
    [403, 'auth', 403000, 'The operation is not allowed.'],
    [429, 'rate-limited', 429001, 'The server rejected the request because the client has exceeded request limits.'],
    [500, 'server', 500000, 'An unexpected error occurred.'],
    [503, 'server', 503000, 'Service is temporarily unavailable. Try again.'],
  ])('maps HTTP %i with an {error} body to %s, keeping the message', (status, code, errorCode, message) => {
    const error = thrownBy(() => parseMicrosoftResponse(status, JSON.stringify({ error: { code: errorCode, message } }), 1));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toContain(message);
  });

  it.each([
    [429, '7', 7000],
    [503, '2', 2000],
  ])('passes Retry-After on HTTP %i as retryAfterMs', (status, header, ms) => {
    const body = JSON.stringify({ error: { code: status * 1000, message: 'wait' } });
    expect(thrownBy(() => parseMicrosoftResponse(status, body, 1, header)).retryAfterMs).toBe(ms);
  });

  it('leaves retryAfterMs unset without a Retry-After header', () => {
    const body = JSON.stringify({ error: { code: 429001, message: 'wait' } });
    expect(thrownBy(() => parseMicrosoftResponse(429, body, 1, null)).retryAfterMs).toBeUndefined();
  });

  it('maps an HTTP error without a JSON body by its status', () => {
    const error = thrownBy(() => parseMicrosoftResponse(502, '<html>Bad Gateway</html>', 1));
    expect(error.code).toBe('server');
    expect(error.status).toBe(502);
  });
});

describe('tokenExpiry', () => {
  const now = Date.UTC(2026, 0, 1);

  it('is one minute before the payload exp', () => {
    const exp = now / 1000 + 600;
    expect(tokenExpiry(jwt({ region: 'global', exp }), now)).toBe(now + 540_000);
  });

  it.each([
    ['not a JWT', 'plain-opaque-token'],
    ['a payload that is not base64 JSON', 'aGVhZGVy.!!!.c2ln'],
    ['a payload without exp', jwt({ region: 'global' })],
    ['an exp that is not a number', jwt({ exp: '1767225600' })],
  ])('is eight minutes from now for %s', (_what, token) => {
    expect(tokenExpiry(token, now)).toBe(now + 480_000);
  });
});

describe('createMicrosoftBackend against its fake', () => {
  /** A fresh fake for the running test, closed when it finishes. */
  async function fakeMicrosoft(options?: FakeMicrosoftOptions): Promise<FakeMicrosoft> {
    const fake = await startFakeMicrosoft(options);
    onTestFinished(() => fake.close());
    return fake;
  }

  function backendFor(fake: FakeMicrosoft, options?: MicrosoftBackendOptions) {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      backend: 'microsoft',
      backends: {
        ...DEFAULT_SETTINGS.backends,
        microsoft: { authUrl: `${fake.url}/translate/auth`, translateUrl: `${fake.url}/translate` },
      },
    };
    return createMicrosoftBackend(settings, options);
  }

  const signal = () => AbortSignal.timeout(5000);
  const authCalls = (fake: FakeMicrosoft) => fake.requests.filter((r) => r.path === '/translate/auth');
  const translateCalls = (fake: FakeMicrosoft) => fake.requests.filter((r) => r.path === '/translate');

  it('gets a token, then translates the texts in order with it', async () => {
    const fake = await fakeMicrosoft();
    const texts = ['你好', '谢谢', '大理旅行'];

    expect(await backendFor(fake).translate(texts, zhToEn, signal())).toEqual(texts.map(fakeTranslate));
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /translate/auth', 'POST /translate']);
    const [translate] = translateCalls(fake);
    expect(translate).toMatchObject({ search: '?from=&to=en&api-version=3.0', contentType: 'application/json', status: 200 });
    expect(translate!.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
    expect(JSON.parse(translate!.body)).toEqual(texts.map((text) => ({ Text: text })));
  });

  it('reuses one token for several calls', async () => {
    const fake = await fakeMicrosoft();
    const backend = backendFor(fake);

    for (const text of ['一', '二', '三']) expect(await backend.translate([text], zhToEn, signal())).toEqual([fakeTranslate(text)]);
    expect(authCalls(fake)).toHaveLength(1);
    expect(translateCalls(fake).map((r) => r.authorization)).toEqual(Array(3).fill(`Bearer ${fake.issuedTokens[0]}`));
  });

  it('shares one pending token request between concurrent calls', async () => {
    const fake = await fakeMicrosoft();
    const backend = backendFor(fake);

    const answers = await Promise.all(['一', '二', '三'].map((text) => backend.translate([text], zhToEn, signal())));
    expect(answers).toEqual([[fakeTranslate('一')], [fakeTranslate('二')], [fakeTranslate('三')]]);
    expect(authCalls(fake)).toHaveLength(1);
  });

  it('gets a fresh token and retries once when the fake no longer accepts its token', async () => {
    const fake = await fakeMicrosoft();
    const backend = backendFor(fake);
    await backend.translate(['一'], zhToEn, signal());
    fake.invalidateTokens();

    expect(await backend.translate(['二'], zhToEn, signal())).toEqual([fakeTranslate('二')]);
    expect(fake.requests.map((r) => `${r.path} ${r.status}`)).toEqual([
      '/translate/auth 200',
      '/translate 200',
      '/translate 401',
      '/translate/auth 200',
      '/translate 200',
    ]);
    expect(fake.issuedTokens).toHaveLength(2);
    expect(fake.requests.at(-1)!.authorization).toBe(`Bearer ${fake.issuedTokens[1]}`);
  });

  it('retries a 401 only once, then rejects with auth', async () => {
    const fake = await fakeMicrosoft();
    fake.setMode({ kind: 'fail', status: 401 });

    await expect(backendFor(fake).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'auth', status: 401 });
    expect(translateCalls(fake)).toHaveLength(2);
    expect(authCalls(fake)).toHaveLength(2);
  });

  it('keeps a token until a minute before its exp, then gets a new one', async () => {
    const fake = await fakeMicrosoft({ tokenLifetimeSeconds: 600 });
    let clock = Date.now();
    const backend = backendFor(fake, { now: () => clock });
    await backend.translate(['一'], zhToEn, signal());

    clock += 530_000; // still 70 s before exp
    await backend.translate(['二'], zhToEn, signal());
    expect(authCalls(fake)).toHaveLength(1);

    clock += 15_000; // 55 s before exp: inside the margin
    await backend.translate(['三'], zhToEn, signal());
    expect(authCalls(fake)).toHaveLength(2);
    // The new token went out directly, not after a 401 on the old one.
    expect(translateCalls(fake).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(translateCalls(fake).at(-1)!.authorization).toBe(`Bearer ${fake.issuedTokens[1]}`);
  });

  it('does not keep a token that expires within the margin', async () => {
    const fake = await fakeMicrosoft({ tokenLifetimeSeconds: 30 });
    const backend = backendFor(fake);

    await backend.translate(['一'], zhToEn, signal());
    await backend.translate(['二'], zhToEn, signal());
    expect(authCalls(fake)).toHaveLength(2);
    expect(translateCalls(fake).map((r) => r.status)).toEqual([200, 200]);
  });

  it('rejects with rate-limited and the Retry-After delay on 429', async () => {
    const fake = await fakeMicrosoft();
    fake.setMode({ kind: 'fail', status: 429, retryAfterSeconds: 7 });

    const failure = backendFor(fake).translate(['你好'], zhToEn, signal());

    await expect(failure).rejects.toBeInstanceOf(TranslationError);
    await expect(failure).rejects.toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 7000 });
    await expect(failure).rejects.toThrow(/exceeded request limits/);
  });

  it('rejects with auth when the token endpoint answers 401, without translating', async () => {
    const fake = await fakeMicrosoft();
    fake.setMode({ kind: 'auth-fail', status: 401 });

    await expect(backendFor(fake).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'auth', status: 401 });
    expect(authCalls(fake)).toHaveLength(1);
    expect(translateCalls(fake)).toHaveLength(0);
  });

  it('rejects with timeout when the translation comes too late', async () => {
    const fake = await fakeMicrosoft();
    fake.setMode({ kind: 'slow', delayMs: 2000 });

    await expect(backendFor(fake).translate(['你好'], zhToEn, AbortSignal.timeout(200))).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(translateCalls(fake)).toHaveLength(1);
  });

  it('rejects with network when nothing listens at the address', async () => {
    const fake = await fakeMicrosoft();
    await fake.close();

    await expect(backendFor(fake).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects with bad-response when a 200 translation is not JSON', async () => {
    const fake = await fakeMicrosoft();
    fake.setMode({ kind: 'malformed' });

    await expect(backendFor(fake).translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
  });
});
