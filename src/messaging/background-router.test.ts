import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalServer } from '../../tests/fakes/http';
import { FAST_CAPABILITIES } from '../../tests/unit/fast-capabilities';
import { FAKE_REPLIES, fakeTranslate } from '../../tests/fakes/fake-translation';
import { RedBridgeDb } from '../cache/db';
import { ImageReadingCache } from '../cache/image-cache';
import { SubtitleCache, subtitleKey } from '../cache/subtitle-cache';
import { startFakeSubtitleHost, type FakeSubtitleHost } from '../../tests/fakes/fake-subtitle-host';
import { fetchSubtitleText } from '../video/subtitle-loader';
import { TranslationCache } from '../cache/translation-cache';
import type { ImageReading } from '../ocr/image-reading';
import { ImageReader } from '../ocr/image-reader';
import type { OcrClient } from '../ocr/ocr-client';
import type { ReplyDraft } from '../drafts/draft';
import { DraftStore, type DraftArea } from '../drafts/draft-store';
import { DEFAULT_SETTINGS, type ReplyTone, type Settings, type SubtitleLanguage } from '../settings/schema';
import { TranslationError } from '../translation/errors';
import { TranslationService } from '../translation/service';
import type { Backend, BackendCapabilities, LanguagePair } from '../translation/types';
import { backgroundHandlers, routeBackgroundRequest, type BackgroundHandlers } from './background-router';
import type { BackgroundRequest, BackgroundResponses } from './protocol';

interface RecordingBackend extends Backend {
  calls: { texts: string[]; languages: LanguagePair }[];
  /** The error for a request in these languages, or null to translate it. */
  failWhen: (languages: LanguagePair) => TranslationError | null;
}

/**
 * A backend in memory that answers as the HTTP fakes do (so the reply strings are the real
 * fixtures') and records the languages of every request; only an LLM-kind one follows a tone.
 */
function recordingBackend(kind: BackendCapabilities['kind'] = 'machine'): RecordingBackend {
  const backend: RecordingBackend = {
    id: kind === 'llm' ? 'openai' : 'google',
    name: 'Fake',
    capabilities: { ...FAST_CAPABILITIES, kind },
    calls: [],
    failWhen: () => null,
    async translate(texts, languages) {
      backend.calls.push({ texts: [...texts], languages });
      const failure = backend.failWhen(languages);
      if (failure) throw failure;
      const tone = kind === 'llm' ? languages.tone : undefined;
      return texts.map((text) => fakeTranslate(text, languages.target, tone));
    },
  };
  return backend;
}

/** `storage.local` in memory: just the calls the draft store makes. */
function memoryArea(): DraftArea {
  const items = new Map<string, unknown>();
  return {
    async get(keys) {
      if (keys === null) return Object.fromEntries(items);
      return items.has(keys) ? { [keys]: items.get(keys) } : {};
    },
    async set(entries) {
      for (const [key, value] of Object.entries(entries)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) items.delete(key);
    },
  };
}

const READING: ImageReading = {
  width: 100,
  height: 200,
  language: 'chinese',
  blocks: [{ text: '大理攻略', bounds: { x: 10, y: 10, width: 80, height: 20 } }],
};

/** The OCR engine as the background reaches it: records what it reads, answers one reading. */
function fakeOcr(): OcrClient & { reads: { bytes: number[]; crop?: unknown }[]; released: number } {
  const ocr = {
    reads: [] as { bytes: number[]; crop?: unknown }[],
    released: 0,
    async read(bytes: Uint8Array<ArrayBuffer>, crop?: unknown) {
      ocr.reads.push({ bytes: [...bytes], ...(crop ? { crop } : {}) });
      return { reading: READING, timings: { loadMs: null, decodeMs: 1, ocrMs: 1, detectMs: 1 } };
    },
    async status() {
      return { state: 'ready' as const, imagesRead: ocr.reads.length };
    },
    async release() {
      ocr.released += 1;
    },
  };
  return ocr;
}

let dbCount = 0;
const opened: RedBridgeDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const NOW = 1_700_000_000_000;

function setup(backend: RecordingBackend = recordingBackend()) {
  const db = new RedBridgeDb(`router-test-${++dbCount}`);
  opened.push(db);
  // The backend alone, no fallback: a failure must reach the router as it is.
  let settings: Settings = { ...DEFAULT_SETTINGS, backend: backend.id, fallbacks: [] };
  const cache = new TranslationCache(db);
  const service = new TranslationService({
    cache,
    settings: () => Promise.resolve(settings),
    backendFor: () => backend,
    // One try and a short batch window: these tests are about routing, not the queue's patience.
    queue: { batchWindowMs: 1, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } },
  });
  const drafts = new DraftStore(memoryArea(), () => NOW);
  const remembered: ReplyTone[] = [];
  const subtitleLanguages: SubtitleLanguage[] = [];
  const ocr = fakeOcr();
  const imageCache = new ImageReadingCache(db, () => ({ maxEntries: 1000, maxAgeMs: 1e12 }));
  const fetched: string[] = [];
  const images = new ImageReader({
    ocr,
    cache: imageCache,
    fetchImage: async (url) => {
      fetched.push(url);
      return new Uint8Array([1, 2, 3]);
    },
  });
  const captured: number[] = [];
  const subtitleCache = new SubtitleCache(db, () => ({ maxEntries: 1000, maxAgeMs: 1e12 }));
  const deps = {
    service,
    settings: () => Promise.resolve(settings),
    drafts,
    cache,
    rememberReplyTone: async (tone: ReplyTone) => {
      remembered.push(tone);
    },
    rememberSubtitleLanguage: async (language: SubtitleLanguage) => {
      subtitleLanguages.push(language);
    },
    images,
    imageCache,
    subtitleCache,
    // The CDN's address, served by the fake subtitle host when a test starts one.
    fetchSubtitleText: (url: string) => fetchSubtitleText(subtitleHost ? subtitleHost.local(url) : url, 1000),
    ocr,
    ocrPackagedBytes: 31_000_000,
    captureVisibleTab: async (windowId: number) => {
      captured.push(windowId);
      return new Uint8Array([9, 9]);
    },
  };
  /** Sends a request as the content script would, typed by its answer. */
  function ask<T extends BackgroundRequest['type']>(
    message: Extract<BackgroundRequest, { type: T }>,
  ): Promise<BackgroundResponses[T]> {
    const answer = routeBackgroundRequest(message, backgroundHandlers(deps));
    if (!answer) throw new Error(`the router did not answer ${JSON.stringify(message)}`);
    return answer as Promise<BackgroundResponses[T]>;
  }
  return {
    backend,
    drafts,
    remembered,
    subtitleLanguages,
    deps,
    ask,
    ocr,
    fetched,
    captured,
    subtitleCache,
    setSettings(change: Partial<Settings>) {
      settings = { ...settings, ...change };
    },
  };
}

let subtitleHost: FakeSubtitleHost | null = null;

const authError = () => new TranslationError('auth', 'Fake refused the API key (HTTP 403)', 403);
const languagesOf = (backend: RecordingBackend) => backend.calls.map((call) => call.languages);

describe('routeBackgroundRequest: translate-reply', () => {
  const { english, chinese, backTranslation, politeChinese, politeBackTranslation } = FAKE_REPLIES.whereTaken;

  it('translates the English into the reply language, then checks the translation back into English', async () => {
    const { ask, backend } = setup();

    const answer = await ask<'translate-reply'>({ type: 'translate-reply', text: english, tone: 'casual' });

    expect(answer).toEqual({
      ok: true,
      translation: chinese,
      backend: 'google',
      toneApplied: false,
      check: { ok: true, translation: backTranslation, backend: 'google', fromCache: false },
    });
    expect(languagesOf(backend)).toEqual([
      { source: 'en', target: 'zh-CN', tone: 'casual' },
      { source: 'zh-CN', target: 'en' },
    ]);
    // What is checked is the translation itself, not the user's English.
    expect(backend.calls[1]!.texts).toEqual([chinese]);
  });

  it('follows the tone with an LLM and says so', async () => {
    const { ask, backend } = setup(recordingBackend('llm'));

    const answer = await ask<'translate-reply'>({ type: 'translate-reply', text: english, tone: 'polite' });

    expect(answer).toMatchObject({
      ok: true,
      translation: politeChinese,
      backend: 'openai',
      toneApplied: true,
      check: { ok: true, translation: politeBackTranslation },
    });
    expect(languagesOf(backend)[0]).toEqual({ source: 'en', target: 'zh-CN', tone: 'polite' });
  });

  it('uses the reply language of the settings both ways', async () => {
    const { ask, backend, setSettings } = setup();
    setSettings({ replyLanguage: 'zh-TW' });

    await ask<'translate-reply'>({ type: 'translate-reply', text: english, tone: 'casual' });

    expect(languagesOf(backend)).toEqual([
      { source: 'en', target: 'zh-TW', tone: 'casual' },
      { source: 'zh-TW', target: 'en' },
    ]);
  });

  it('answers the error when the translation fails, and checks nothing', async () => {
    const { ask, backend } = setup();
    backend.failWhen = authError;

    const answer = await ask<'translate-reply'>({ type: 'translate-reply', text: english, tone: 'casual' });

    expect(answer).toEqual({ ok: false, error: { code: 'auth', message: 'Fake refused the API key (HTTP 403)' } });
    expect(languagesOf(backend)).toEqual([{ source: 'en', target: 'zh-CN', tone: 'casual' }]);
  });

  it('keeps the translation when only the back-translation fails', async () => {
    const { ask, backend } = setup();
    backend.failWhen = (languages) => (languages.target === 'en' ? authError() : null);

    const answer = await ask<'translate-reply'>({ type: 'translate-reply', text: english, tone: 'casual' });

    expect(answer).toEqual({
      ok: true,
      translation: chinese,
      backend: 'google',
      toneApplied: false,
      check: { ok: false, error: { code: 'auth', message: 'Fake refused the API key (HTTP 403)' } },
    });
  });
});

describe('routeBackgroundRequest: check-reply', () => {
  it('translates the (edited) Chinese back into English', async () => {
    const { ask, backend } = setup();
    const { politeChinese, politeBackTranslation } = FAKE_REPLIES.whereTaken;

    const answer = await ask<'check-reply'>({ type: 'check-reply', text: politeChinese });

    expect(answer).toEqual({ ok: true, translation: politeBackTranslation, backend: 'google', fromCache: false });
    expect(languagesOf(backend)).toEqual([{ source: 'zh-CN', target: 'en' }]);
  });
});

describe('routeBackgroundRequest: drafts and tone', () => {
  const key = { noteId: 'note-1', replyTo: 'comment-7' };
  const draft: ReplyDraft = {
    english: FAKE_REPLIES.thanks.english,
    chinese: FAKE_REPLIES.thanks.chinese,
    backTranslation: '',
    tone: 'polite',
    updatedAt: 1,
  };

  it('answers get-draft with the stored draft and the tone new replies start with', async () => {
    const { ask, drafts, setSettings } = setup();
    await drafts.save(key, draft);
    setSettings({ replyTone: 'polite' });

    expect(await ask<'get-draft'>({ type: 'get-draft', key })).toEqual({ draft: { ...draft, updatedAt: NOW }, tone: 'polite' });
  });

  it('answers get-draft with null and the settings’ tone when there is no draft', async () => {
    const { ask } = setup();

    expect(await ask<'get-draft'>({ type: 'get-draft', key })).toEqual({ draft: null, tone: DEFAULT_SETTINGS.replyTone });
  });

  it('saves a draft for its reply target only, and discards it', async () => {
    const { ask, drafts } = setup();

    expect(await ask<'save-draft'>({ type: 'save-draft', key, draft })).toBe(true);
    expect(await drafts.load(key)).toEqual({ ...draft, updatedAt: NOW });
    expect(await drafts.load({ noteId: 'note-1', replyTo: null })).toBeNull();

    expect(await ask<'discard-draft'>({ type: 'discard-draft', key })).toBe(true);
    expect(await drafts.load(key)).toBeNull();
  });

  it('remembers the tone picked in the composer', async () => {
    const { ask, remembered } = setup();

    expect(await ask<'set-reply-tone'>({ type: 'set-reply-tone', tone: 'polite' })).toBe(true);

    expect(remembered).toEqual(['polite']);
  });
});

describe('routeBackgroundRequest: subtitle language', () => {
  it('remembers the language picked on a video, from a content script', async () => {
    const { ask, subtitleLanguages, remembered } = setup();

    expect(await ask<'set-subtitle-language'>({ type: 'set-subtitle-language', language: 'both' })).toBe(true);

    expect(subtitleLanguages).toEqual(['both']);
    expect(remembered).toEqual([]);
  });
});

describe('routeBackgroundRequest: what it does not answer', () => {
  it.each([
    ['an unknown type', { type: 'set-settings', settings: { backend: 'openai' } }],
    ['a message that is not an object', 'translate-reply'],
    ['a translate-reply with an unknown tone', { type: 'translate-reply', text: 'Hi', tone: 'rude' }],
    ['a set-reply-tone with an unknown tone', { type: 'set-reply-tone', tone: 'rude' }],
    ['a set-subtitle-language with an unknown language', { type: 'set-subtitle-language', language: 'klingon' }],
    ['a save-draft with a malformed draft', { type: 'save-draft', key: { noteId: 'n1', replyTo: null }, draft: {} }],
    ['a test-backend from a content script', { type: 'test-backend', backend: 'google', settings: {} }],
    ['a clear-cache from a content script', { type: 'clear-cache' }],
    ['a cache-stats from a content script', { type: 'cache-stats' }],
    ['an ocr-status from a content script', { type: 'ocr-status' }],
    ['a release-ocr from a content script', { type: 'release-ocr' }],
    ['a read-image of a data: URL', { type: 'read-image', url: 'data:image/png;base64,AA==', key: 'k' }],
  ])('returns undefined for %s, touching nothing', async (_what, message) => {
    const { deps, backend, remembered, subtitleLanguages, drafts } = setup();

    expect(routeBackgroundRequest(message, backgroundHandlers(deps))).toBeUndefined();
    expect(backend.calls).toEqual([]);
    expect(remembered).toEqual([]);
    expect(subtitleLanguages).toEqual([]);
    expect(await drafts.load({ noteId: 'n1', replyTo: null })).toBeNull();
  });

  it('still reads: a translate request goes from Chinese into the reading language, without a tone', async () => {
    const { ask, backend } = setup();

    const answer = await ask<'translate'>({ type: 'translate', texts: ['你好'] });

    expect(answer).toEqual([{ ok: true, translation: fakeTranslate('你好'), backend: 'google', fromCache: false }]);
    expect(languagesOf(backend)).toEqual([{ source: 'zh', target: 'en' }]);
  });

  it('answers a cache lookup from a content script with what the cache has, asking no backend', async () => {
    const { ask, backend } = setup();
    await ask<'translate'>({ type: 'translate', texts: ['你好'] });
    backend.calls.length = 0;

    const answer = await ask<'cached-translations'>({ type: 'cached-translations', texts: ['你好', '谢谢'] });

    expect(answer).toEqual([{ ok: true, translation: fakeTranslate('你好'), backend: 'google', fromCache: true }, null]);
    expect(backend.calls).toEqual([]);
  });
});

describe('routeBackgroundRequest: requests from the extension’s own pages', () => {
  function fromPage<T extends BackgroundRequest['type']>(
    deps: ReturnType<typeof setup>['deps'],
    message: Extract<BackgroundRequest, { type: T }>,
  ): Promise<BackgroundResponses[T]> {
    const answer = routeBackgroundRequest(message, backgroundHandlers(deps), { fromExtensionPage: true });
    if (!answer) throw new Error(`the router did not answer ${JSON.stringify(message)}`);
    return answer as Promise<BackgroundResponses[T]>;
  }

  it('tests a backend as the form configures it, straight through, with its own error', async () => {
    const { deps, backend } = setup();
    const works = await fromPage(deps, { type: 'test-backend', backend: 'google', settings: { targetLanguage: 'fr' } });
    expect(works).toMatchObject({ ok: true, backend: 'google', fromCache: false });
    expect(languagesOf(backend)).toEqual([{ source: 'zh', target: 'fr' }]);

    backend.failWhen = () => authError();
    const refused = await fromPage(deps, { type: 'test-backend', backend: 'google', settings: {} });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'auth', message: authError().message }) });
  });

  it('reports cache entries and this session’s hits, and clears the cache', async () => {
    const { deps, ask } = setup();
    await ask<'translate'>({ type: 'translate', texts: ['你好'] });
    await ask<'translate'>({ type: 'translate', texts: ['你好'] });
    const stats = await fromPage(deps, { type: 'cache-stats' });
    expect(stats).toMatchObject({ entries: 1, lookups: 2, hits: 1 });
    expect(stats.bytes).toBeGreaterThan(0);

    await fromPage(deps, { type: 'clear-cache' });
    expect(await fromPage(deps, { type: 'cache-stats' })).toMatchObject({ entries: 0 });
  });

  it('clears the subtitles with the rest of the cache', async () => {
    const { deps, subtitleCache } = setup();
    const key = subtitleKey('n1', { group: 'zh-CN', language: 'zh-CN' });
    await subtitleCache.put(key, [{ start: 0, end: 1, text: '你好' }]);
    await fromPage(deps, { type: 'clear-cache' });
    expect(await subtitleCache.get(key)).toBeUndefined();
  });

  it('reports each chain backend’s health, primary first', async () => {
    const { deps, ask, backend } = setup();
    expect(await fromPage(deps, { type: 'backend-health' })).toEqual({
      backends: [{ id: 'google', state: 'unused' }],
      cache: { state: 'working' },
    });
    backend.failWhen = () => authError();
    await ask<'translate'>({ type: 'translate', texts: ['你好'] });
    expect(await fromPage(deps, { type: 'backend-health' })).toEqual({
      backends: [{ id: 'google', state: 'failing', lastError: authError().message }],
      cache: { state: 'working' },
    });
  });
});

describe('routeBackgroundRequest: text on note images', () => {
  it('reads an image once: fetched and read by OCR the first time, from the cache the next', async () => {
    const { ask, ocr, fetched } = setup();
    const first = await ask<'read-image'>({ type: 'read-image', url: 'https://ci.xiaohongshu.com/abc!nd_dft', key: 'abc' });
    const again = await ask<'read-image'>({ type: 'read-image', url: 'https://sns-webpic-qc.xhscdn.com/abc!nc_n', key: 'abc' });

    expect(first).toEqual({ ok: true, reading: READING, fromCache: false });
    expect(again).toEqual({ ok: true, reading: READING, fromCache: true });
    expect(fetched).toEqual(['https://ci.xiaohongshu.com/abc!nd_dft']);
    expect(ocr.reads).toHaveLength(1);
  });

  it('reads a screenshot of the sender’s window, cropped to the image in device pixels', async () => {
    const { deps, ocr, captured } = setup();
    const answer = await routeBackgroundRequest(
      { type: 'capture-image', key: 'k', rect: { x: 10, y: 20, width: 100, height: 50 }, pixelRatio: 2 },
      backgroundHandlers(deps),
      { fromExtensionPage: false, windowId: 7 },
    );

    expect(answer).toEqual({ ok: true, reading: READING, fromCache: false });
    expect(captured).toEqual([7]);
    expect(ocr.reads).toEqual([{ bytes: [9, 9], crop: { x: 20, y: 40, width: 200, height: 100 } }]);
  });

  it('gives the options page the engine’s state, the packaged size and the cached images, and frees the models', async () => {
    const { deps, ask, ocr } = setup();
    await ask<'read-image'>({ type: 'read-image', url: 'https://ci.xiaohongshu.com/abc', key: 'abc' });
    const page = { fromExtensionPage: true };

    const status = await routeBackgroundRequest({ type: 'ocr-status' }, backgroundHandlers(deps), page);
    expect(status).toMatchObject({ engine: { state: 'ready', imagesRead: 1 }, packagedBytes: 31_000_000, cached: { entries: 1 } });
    expect(await routeBackgroundRequest({ type: 'release-ocr' }, backgroundHandlers(deps), page)).toBe(true);
    expect(ocr.released).toBe(1);

    await routeBackgroundRequest({ type: 'clear-cache' }, backgroundHandlers(deps), page);
    expect(await routeBackgroundRequest({ type: 'ocr-status' }, backgroundHandlers(deps), page)).toMatchObject({ cached: { entries: 0 } });
  });
});

describe('BackgroundHandlers', () => {
  it('takes for each request only a handler that answers with that request’s response', () => {
    const health: BackgroundResponses['backend-health'] = { backends: [], cache: { state: 'working' } };
    const right: Pick<BackgroundHandlers, 'clear-cache' | 'backend-health'> = {
      'clear-cache': async () => true,
      'backend-health': async () => health,
    };
    const wrong: Pick<BackgroundHandlers, 'clear-cache'> = {
      // @ts-expect-error `clear-cache` answers `true`, not the service's health.
      'clear-cache': async () => health,
    };
    expect([right, wrong]).toHaveLength(2);
  });
});

describe('routeBackgroundRequest: subtitles', () => {
  const cdn = (name: string) => `https://sns-subtitle-hw.xhscdn.com/subtitle/${name}.srt?sign=a&t=1`;

  it('loads a note’s English track from the subtitle CDN and answers it again from the cache', async () => {
    subtitleHost = await startFakeSubtitleHost();
    try {
      subtitleHost.serve('en', '1\n00:00:00,000 --> 00:00:01,500\nWent to Dali\n');
      const { ask } = setup();
      const tracks = [{ group: 'zh-CN', language: 'zh-CN', url: cdn('zh') }, { group: 'en-US', language: 'en-US', url: cdn('en') }];
      const first = await ask<'subtitles'>({ type: 'subtitles', noteId: 'abc123', tracks });
      expect(first).toMatchObject({ ok: true, translate: false, fromCache: false, cues: [{ start: 0, end: 1.5, text: 'Went to Dali' }] });
      const again = await ask<'subtitles'>({ type: 'subtitles', noteId: 'abc123', tracks });
      expect(again).toMatchObject({ ok: true, fromCache: true });
      // The Chinese track (not served) was asked for once, along with the English.
      expect([...subtitleHost.requests].sort()).toEqual(['/subtitle/en.srt', '/subtitle/zh.srt']);
    } finally {
      await subtitleHost.close();
      subtitleHost = null;
    }
  });

  it('sends a Chinese track’s first minute for translation as soon as it is read, and the page’s own request for a cue makes no second', async () => {
    subtitleHost = await startFakeSubtitleHost();
    try {
      subtitleHost.serve('zh', '1\n00:00:00,500 --> 00:00:02,000\n今天去大理\n\n2\n00:00:30,000 --> 00:00:31,000\n洱海太美了\n\n3\n00:01:30,000 --> 00:01:31,000\n晚上吃米线\n');
      const { ask, backend } = setup();
      const outcome = await ask<'subtitles'>({ type: 'subtitles', noteId: 'zh1', tracks: [{ group: 'zh-CN', language: 'zh-CN', url: cdn('zh') }] });
      expect(outcome).toMatchObject({ ok: true, translate: true });
      await vi.waitFor(() => expect(backend.calls.flatMap((call) => call.texts)).toEqual(['今天去大理', '洱海太美了']));
      const [first] = await ask<'translate'>({ type: 'translate', texts: ['今天去大理'], mentions: [[]] });
      expect(first).toMatchObject({ ok: true });
      expect(backend.calls.flatMap((call) => call.texts)).toEqual(['今天去大理', '洱海太美了']);
    } finally {
      await subtitleHost.close();
      subtitleHost = null;
    }
  });

  it('reads the tracks from the note’s own page on the tab’s site when the page state had none, and only there', async () => {
    const notePage = readFileSync(new URL('../../tests/fixtures/xhs/video_note.html', import.meta.url), 'utf8');
    const pageReads: string[] = [];
    const site = await startLocalServer((request, _body, response) => {
      pageReads.push(request.url ?? '');
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(notePage);
    });
    subtitleHost = await startFakeSubtitleHost();
    try {
      subtitleHost.serve('vlog01_en', '1\n00:00:00,500 --> 00:00:02,000\nThe wind\n');
      const { deps } = setup();
      const handlers = backgroundHandlers({ ...deps, isNoteOrigin: (origin) => origin === site.url });
      const request = { type: 'subtitles', noteId: '68f30a0000000000aa000001', tracks: null, xsecToken: 'ABvid=' } as const;
      const fromTab = { fromExtensionPage: false, pageOrigin: site.url };
      expect(await routeBackgroundRequest(request, handlers, fromTab)).toMatchObject({ ok: true, translate: false, track: { group: 'en-US' }, cues: [{ text: 'The wind' }] });
      expect(pageReads).toEqual(['/explore/68f30a0000000000aa000001?xsec_token=ABvid%3D&xsec_source=pc_feed']);
      // Another site's tab, or none said: no page is read.
      const elsewhere = await routeBackgroundRequest({ ...request, noteId: '68f30a0000000000aa000002' }, handlers, { fromExtensionPage: false, pageOrigin: 'https://evil.example' });
      expect(elsewhere).toEqual({ ok: false, reason: 'unavailable', tried: [{ group: 'page', failure: 'network' }] });
      expect(pageReads).toHaveLength(1);
    } finally {
      await Promise.all([site.close(), subtitleHost.close()]);
      subtitleHost = null;
    }
  });

  it('refuses a malformed request, and fetches nothing for a track off the subtitle CDNs', async () => {
    const { ask, deps } = setup();
    const handlers = backgroundHandlers(deps);
    expect(routeBackgroundRequest({ type: 'subtitles', noteId: '../x', tracks: [] }, handlers)).toBeUndefined();
    expect(routeBackgroundRequest({ type: 'subtitles', noteId: 'abc', tracks: [{ group: 'en-US' }] }, handlers)).toBeUndefined();
    const forged = await ask<'subtitles'>({ type: 'subtitles', noteId: 'abc', tracks: [{ group: 'en-US', language: 'en-US', url: 'https://evil.example/a.srt' }] });
    expect(forged).toEqual({ ok: false, reason: 'none', tried: [] });
  });
});
