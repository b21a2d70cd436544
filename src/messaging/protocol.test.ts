import { describe, expect, it } from 'vitest';
import { MAX_DRAFT_TEXT_LENGTH } from '../drafts/draft';
import { MAX_MENTIONS_PER_TEXT, MAX_TEXT_LENGTH, MAX_TEXTS_PER_MESSAGE, PAGE_ONLY_REQUESTS } from './protocol';
import { isContentMessage } from './content-messages';
import { parseBackgroundRequest } from './parse-request';

describe('parseBackgroundRequest', () => {
  it('accepts a translate request with string texts', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好', ''] })).toEqual({
      type: 'translate',
      texts: ['你好', ''],
      retry: false,
    });
  });

  it('passes on the reader’s Retry, and only a literal true', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], retry: true })).toMatchObject({ retry: true });
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], retry: 'yes' })).toMatchObject({ retry: false });
  });

  it('passes on the backend a reader asked for, and rejects an unknown one', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], backend: 'deepl' })).toEqual({
      type: 'translate',
      texts: ['你好'],
      retry: false,
      backend: 'deepl',
    });
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], backend: 'bing' })).toBeNull();
  });

  it('accepts a cached-translations request, keeping only its texts, and applies the translate limits', () => {
    expect(parseBackgroundRequest({ type: 'cached-translations', texts: ['你好'], retry: true, backend: 'deepl' })).toEqual({
      type: 'cached-translations',
      texts: ['你好'],
    });
    const texts = Array.from({ length: MAX_TEXTS_PER_MESSAGE + 1 }, () => '好');
    expect(parseBackgroundRequest({ type: 'cached-translations', texts })).toBeNull();
    expect(parseBackgroundRequest({ type: 'cached-translations', texts: ['好', 1] })).toBeNull();
  });

  it('passes on the mentions a page marked, one list per text, in translate and cached-translations requests', () => {
    const mentions = [['@小熊软糖'], []];
    for (const type of ['translate', 'cached-translations'] as const) {
      expect(parseBackgroundRequest({ type, texts: ['@小熊软糖 好', '@一下'], mentions })).toMatchObject({ mentions });
    }
  });

  it('rejects mentions that are not one list of strings per text, or too many for one text', () => {
    for (const mentions of [[['@a']], [['@a'], [3]], ['@a', '@b'], [Array.from({ length: MAX_MENTIONS_PER_TEXT + 1 }, () => '@a'), []]]) {
      expect(parseBackgroundRequest({ type: 'translate', texts: ['你好', '谢谢'], mentions })).toBeNull();
      expect(parseBackgroundRequest({ type: 'cached-translations', texts: ['你好', '谢谢'], mentions })).toBeNull();
    }
  });

  it('accepts a get-page-settings request and drops extra fields', () => {
    expect(parseBackgroundRequest({ type: 'get-page-settings', apiKey: 'x' })).toEqual({ type: 'get-page-settings' });
  });

  it('drops extra fields from a translate request', () => {
    expect(parseBackgroundRequest({ type: 'translate', texts: ['你好'], url: 'http://evil' })).toEqual({
      type: 'translate',
      texts: ['你好'],
      retry: false,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'translate'],
    ['an unknown type', { type: 'set-settings', settings: {} }],
    ['a missing type', { texts: ['你好'] }],
    ['texts that are not an array', { type: 'translate', texts: '你好' }],
    ['missing texts', { type: 'translate' }],
    ['a number among the texts', { type: 'translate', texts: ['你好', 42] }],
    ['null among the texts', { type: 'translate', texts: [null] }],
    ['an object among the texts', { type: 'translate', texts: [{ toString: () => '你好' }] }],
  ])('rejects %s', (_what, message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });

  it('accepts the most texts allowed and rejects one more', () => {
    const texts = Array.from({ length: MAX_TEXTS_PER_MESSAGE }, () => '好');
    expect(parseBackgroundRequest({ type: 'translate', texts })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'translate', texts: [...texts, '好'] })).toBeNull();
  });

  it('accepts the longest text allowed and rejects a longer one', () => {
    const longest = '长'.repeat(MAX_TEXT_LENGTH);
    expect(parseBackgroundRequest({ type: 'translate', texts: [longest] })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'translate', texts: ['好', `${longest}长`] })).toBeNull();
  });
});

describe('parseBackgroundRequest: reply composer requests', () => {
  const key = { noteId: '64f1a2b3c4d5e6f7a8b9c0d1', replyTo: 'comment-7' };
  const draft = {
    english: 'This looks amazing! Where was this taken?',
    chinese: '这也太美了吧！请问是在哪里拍的呀？',
    backTranslation: '',
    tone: 'polite',
    updatedAt: 1_700_000_000_000,
  };

  it.each([
    ['translate-reply', { type: 'translate-reply', text: 'Where was this taken?', tone: 'polite' }, {
      type: 'translate-reply',
      text: 'Where was this taken?',
      tone: 'polite',
      retry: false,
    }],
    ['translate-reply with Retry', { type: 'translate-reply', text: 'Hi', tone: 'casual', retry: true }, {
      type: 'translate-reply',
      text: 'Hi',
      tone: 'casual',
      retry: true,
    }],
    ['check-reply', { type: 'check-reply', text: '你好' }, { type: 'check-reply', text: '你好', retry: false }],
    ['check-reply with Retry', { type: 'check-reply', text: '你好', retry: true }, { type: 'check-reply', text: '你好', retry: true }],
    ['get-draft', { type: 'get-draft', key }, { type: 'get-draft', key }],
    ['get-draft for a top-level reply', { type: 'get-draft', key: { noteId: 'n1', replyTo: null } }, {
      type: 'get-draft',
      key: { noteId: 'n1', replyTo: null },
    }],
    ['save-draft', { type: 'save-draft', key, draft }, { type: 'save-draft', key, draft }],
    ['discard-draft', { type: 'discard-draft', key }, { type: 'discard-draft', key }],
    ['set-reply-tone', { type: 'set-reply-tone', tone: 'polite' }, { type: 'set-reply-tone', tone: 'polite' }],
    ['set-subtitle-language', { type: 'set-subtitle-language', language: 'both' }, { type: 'set-subtitle-language', language: 'both' }],
  ])('accepts %s', (_what, message, expected) => {
    expect(parseBackgroundRequest(message)).toEqual(expected);
  });

  it.each([
    ['translate-reply', { type: 'translate-reply', text: 'Hi', tone: 'casual', url: 'http://evil', backend: 'openai' }, {
      type: 'translate-reply',
      text: 'Hi',
      tone: 'casual',
      retry: false,
    }],
    ['check-reply', { type: 'check-reply', text: '你好', tone: 'polite', texts: ['x'] }, {
      type: 'check-reply',
      text: '你好',
      retry: false,
    }],
    ['get-draft', { type: 'get-draft', key: { ...key, path: '/x' }, draft }, { type: 'get-draft', key }],
    ['save-draft', { type: 'save-draft', key, draft: { ...draft, html: '<img onerror=x>' }, retry: true }, {
      type: 'save-draft',
      key,
      draft,
    }],
    ['discard-draft', { type: 'discard-draft', key, all: true }, { type: 'discard-draft', key }],
    ['set-reply-tone', { type: 'set-reply-tone', tone: 'casual', settings: { backend: 'openai' } }, {
      type: 'set-reply-tone',
      tone: 'casual',
    }],
    ['set-subtitle-language', { type: 'set-subtitle-language', language: 'chinese', settings: { videoSubtitles: 'off' } }, {
      type: 'set-subtitle-language',
      language: 'chinese',
    }],
  ])('drops extra fields from %s', (_what, message, expected) => {
    expect(parseBackgroundRequest(message)).toEqual(expected);
  });

  it('passes on Retry only as a literal true', () => {
    expect(parseBackgroundRequest({ type: 'translate-reply', text: 'Hi', tone: 'casual', retry: 'yes' })).toMatchObject({
      retry: false,
    });
    expect(parseBackgroundRequest({ type: 'check-reply', text: '你好', retry: 1 })).toMatchObject({ retry: false });
  });

  it('accepts the longest reply text allowed and rejects a longer one', () => {
    const longest = 'a'.repeat(MAX_TEXT_LENGTH);
    expect(parseBackgroundRequest({ type: 'translate-reply', text: longest, tone: 'casual' })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'translate-reply', text: `${longest}a`, tone: 'casual' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'check-reply', text: longest })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'check-reply', text: `${longest}长` })).toBeNull();
  });

  it.each([
    ['translate-reply without a text', { type: 'translate-reply', tone: 'casual' }],
    ['translate-reply with texts instead of a text', { type: 'translate-reply', texts: ['Hi'], tone: 'casual' }],
    ['translate-reply with a text that is not a string', { type: 'translate-reply', text: 42, tone: 'casual' }],
    ['translate-reply without a tone', { type: 'translate-reply', text: 'Hi' }],
    ['translate-reply with an unknown tone', { type: 'translate-reply', text: 'Hi', tone: 'rude' }],
    ['translate-reply with a tone in the wrong case', { type: 'translate-reply', text: 'Hi', tone: 'Polite' }],
    ['check-reply without a text', { type: 'check-reply' }],
    ['check-reply with a text that is not a string', { type: 'check-reply', text: ['你好'] }],
    ['set-reply-tone without a tone', { type: 'set-reply-tone' }],
    ['set-reply-tone with an unknown tone', { type: 'set-reply-tone', tone: 'formal' }],
    ['set-subtitle-language without a language', { type: 'set-subtitle-language' }],
    ['set-subtitle-language with an unknown language', { type: 'set-subtitle-language', language: 'french' }],
    ['set-subtitle-language with a language code', { type: 'set-subtitle-language', language: 'zh-CN' }],
    ['set-subtitle-language with the language in a list', { type: 'set-subtitle-language', language: ['english'] }],
    ['get-draft without a key', { type: 'get-draft' }],
    ['get-draft with a key that is a string', { type: 'get-draft', key: 'draft:n1|' }],
    ['get-draft with an empty note id', { type: 'get-draft', key: { noteId: '', replyTo: null } }],
    ['get-draft with a key holding the storage separator', { type: 'get-draft', key: { noteId: 'n1|c1', replyTo: null } }],
    ['get-draft with a replyTo that is a number', { type: 'get-draft', key: { noteId: 'n1', replyTo: 7 } }],
    ['discard-draft with a bad key', { type: 'discard-draft', key: { noteId: 'settings?', replyTo: null } }],
    ['save-draft without a draft', { type: 'save-draft', key }],
    ['save-draft with a bad key', { type: 'save-draft', key: { noteId: '../settings', replyTo: '' }, draft }],
    ['save-draft with a draft missing its English', { type: 'save-draft', key, draft: { ...draft, english: undefined } }],
    ['save-draft with an unknown tone', { type: 'save-draft', key, draft: { ...draft, tone: 'rude' } }],
    ['save-draft with a draft missing updatedAt', { type: 'save-draft', key, draft: { ...draft, updatedAt: undefined } }],
    ['save-draft with a draft text that is too long', {
      type: 'save-draft',
      key,
      draft: { ...draft, chinese: '长'.repeat(MAX_DRAFT_TEXT_LENGTH + 1) },
    }],
    ['save-draft with a draft that is a string', { type: 'save-draft', key, draft: JSON.stringify(draft) }],
  ])('rejects %s', (_what, message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });
});

describe('parseBackgroundRequest: image requests (on-device OCR)', () => {
  const url = 'https://sns-webpic-qc.xhscdn.com/202401011200/abc123!nd_dft_wlteh_webp_3';
  const key = 'sns-webpic-qc.xhscdn.com/abc123';
  const rect = { x: 12, y: 80.5, width: 640, height: 480 };

  it('accepts a read-image request with an http(s) URL and a key, dropping extra fields', () => {
    expect(parseBackgroundRequest({ type: 'read-image', url, key, retry: true, crop: rect })).toEqual({ type: 'read-image', url, key });
    expect(parseBackgroundRequest({ type: 'read-image', url: 'http://127.0.0.1:8080/a.png', key: 'k' })).toEqual({
      type: 'read-image',
      url: 'http://127.0.0.1:8080/a.png',
      key: 'k',
    });
  });

  it('accepts the longest key and URL allowed and rejects longer ones', () => {
    const longestKey = 'k'.repeat(512);
    expect(parseBackgroundRequest({ type: 'read-image', url, key: longestKey })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'read-image', url, key: `${longestKey}k` })).toBeNull();
    expect(parseBackgroundRequest({ type: 'capture-image', key: longestKey, rect, pixelRatio: 2 })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'capture-image', key: `${longestKey}k`, rect, pixelRatio: 2 })).toBeNull();
    const longestUrl = `https://a.example/${'p'.repeat(4096 - 'https://a.example/'.length)}`;
    expect(longestUrl).toHaveLength(4096);
    expect(parseBackgroundRequest({ type: 'read-image', url: longestUrl, key })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'read-image', url: `${longestUrl}p`, key })).toBeNull();
  });

  it.each([
    ['a javascript: URL', { type: 'read-image', url: 'javascript:alert(1)', key }],
    ['a data: URL', { type: 'read-image', url: 'data:image/png;base64,iVBORw0KGgo=', key }],
    ['a file: URL', { type: 'read-image', url: 'file:///etc/passwd', key }],
    ['a chrome-extension: URL', { type: 'read-image', url: 'chrome-extension://abc/options.html', key }],
    ['a blob: URL', { type: 'read-image', url: 'blob:https://www.xiaohongshu.com/1234', key }],
    ['a relative URL', { type: 'read-image', url: '/images/a.png', key }],
    ['a URL that is not a string', { type: 'read-image', url: { href: url }, key }],
    ['no URL', { type: 'read-image', key }],
    ['an empty key', { type: 'read-image', url, key: '' }],
    ['a key that is not a string', { type: 'read-image', url, key: 42 }],
    ['no key', { type: 'read-image', url }],
  ])('rejects read-image with %s', (_what, message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });

  it('accepts a capture-image request with a key, a viewport rect and a pixel ratio, dropping extra fields', () => {
    expect(
      parseBackgroundRequest({ type: 'capture-image', key, rect: { ...rect, z: 1 }, pixelRatio: 1.5, url, windowId: 3 }),
    ).toEqual({ type: 'capture-image', key, rect, pixelRatio: 1.5 });
  });

  it('accepts the edges of the rect and pixel ratio ranges', () => {
    const edge = { x: 0, y: 0, width: 1, height: 20_000 };
    expect(parseBackgroundRequest({ type: 'capture-image', key, rect: edge, pixelRatio: 8 })).toEqual({
      type: 'capture-image',
      key,
      rect: edge,
      pixelRatio: 8,
    });
  });

  it.each([
    ['no rect', { type: 'capture-image', key, pixelRatio: 2 }],
    ['a null rect', { type: 'capture-image', key, rect: null, pixelRatio: 2 }],
    ['a rect missing its height', { type: 'capture-image', key, rect: { x: 0, y: 0, width: 10 }, pixelRatio: 2 }],
    ['a rect with a negative x', { type: 'capture-image', key, rect: { ...rect, x: -1 }, pixelRatio: 2 }],
    ['a rect with a NaN y', { type: 'capture-image', key, rect: { ...rect, y: Number.NaN }, pixelRatio: 2 }],
    ['a rect with an infinite width', { type: 'capture-image', key, rect: { ...rect, width: Number.POSITIVE_INFINITY }, pixelRatio: 2 }],
    ['a rect too wide', { type: 'capture-image', key, rect: { ...rect, width: 20_001 }, pixelRatio: 2 }],
    ['a rect less than a pixel wide', { type: 'capture-image', key, rect: { ...rect, width: 0.5 }, pixelRatio: 2 }],
    ['an empty rect', { type: 'capture-image', key, rect: { ...rect, height: 0 }, pixelRatio: 2 }],
    ['a rect with a side as a string', { type: 'capture-image', key, rect: { ...rect, x: '12' }, pixelRatio: 2 }],
    ['no pixel ratio', { type: 'capture-image', key, rect }],
    ['a zero pixel ratio', { type: 'capture-image', key, rect, pixelRatio: 0 }],
    ['a pixel ratio above 8', { type: 'capture-image', key, rect, pixelRatio: 8.5 }],
    ['a NaN pixel ratio', { type: 'capture-image', key, rect, pixelRatio: Number.NaN }],
    ['a pixel ratio as a string', { type: 'capture-image', key, rect, pixelRatio: '2' }],
    ['an empty key', { type: 'capture-image', key: '', rect, pixelRatio: 2 }],
    ['no key', { type: 'capture-image', rect, pixelRatio: 2 }],
  ])('rejects capture-image with %s', (_what, message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });

  it('accepts ocr-status and release-ocr, dropping extra fields', () => {
    expect(parseBackgroundRequest({ type: 'ocr-status', key })).toEqual({ type: 'ocr-status' });
    expect(parseBackgroundRequest({ type: 'release-ocr', all: true })).toEqual({ type: 'release-ocr' });
  });

  it('keeps ocr-status and release-ocr for the extension’s own pages, and lets content scripts read and capture images', () => {
    expect(PAGE_ONLY_REQUESTS.has('ocr-status')).toBe(true);
    expect(PAGE_ONLY_REQUESTS.has('release-ocr')).toBe(true);
    expect(PAGE_ONLY_REQUESTS.has('read-image')).toBe(false);
    expect(PAGE_ONLY_REQUESTS.has('capture-image')).toBe(false);
  });
});

describe('isContentMessage', () => {
  it('recognises a page-settings-changed message', () => {
    expect(isContentMessage({ type: 'page-settings-changed', settings: {} })).toBe(true);
  });

  it.each([null, 'page-settings-changed', { type: 'translate' }])('rejects %j', (message) => {
    expect(isContentMessage(message)).toBe(false);
  });
});
