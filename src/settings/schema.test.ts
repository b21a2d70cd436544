import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, pageSettingsOf, parseSettings, type Settings } from './schema';

describe('parseSettings', () => {
  it('gives the defaults, without warnings, when nothing is stored', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [], warnings: [] });
  });

  it('merges a partial object with the defaults', () => {
    const { settings, warnings } = parseSettings({ targetLanguage: 'fr', display: 'off' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, targetLanguage: 'fr', display: 'off' });
    expect(warnings).toEqual([]);
  });

  it('merges nested backend settings one field at a time', () => {
    const { settings } = parseSettings({
      backend: 'libretranslate',
      backends: { libretranslate: { apiKey: 'secret' } },
    });
    expect(settings.backend).toBe('libretranslate');
    expect(settings.backends.libretranslate).toEqual({ url: 'http://localhost:5000', apiKey: 'secret' });
    expect(settings.backends.google).toEqual(DEFAULT_SETTINGS.backends.google);
  });

  it('falls back to Microsoft by default, so a new Google reader keeps reading through a 429', () => {
    expect(parseSettings(undefined).settings).toMatchObject({ backend: 'google', fallbacks: ['microsoft'] });
  });

  it('reads the text on images automatically by default', () => {
    expect(parseSettings(undefined).settings.imageTranslation).toBe('auto');
  });

  it.each(['auto', 'button', 'off'] as const)('keeps image translation %s', (imageTranslation) => {
    expect(parseSettings({ imageTranslation })).toEqual({ settings: { ...DEFAULT_SETTINGS, imageTranslation }, problems: [], warnings: [] });
  });

  it('shows video subtitles, in English over the video, by default', () => {
    expect(parseSettings(undefined).settings).toMatchObject({ videoSubtitles: 'auto', subtitleLanguage: 'english' });
  });

  it.each(['auto', 'off'] as const)('keeps video subtitles %s', (videoSubtitles) => {
    expect(parseSettings({ videoSubtitles })).toEqual({ settings: { ...DEFAULT_SETTINGS, videoSubtitles }, problems: [], warnings: [] });
  });

  it.each(['english', 'chinese', 'both'] as const)('keeps the subtitle language %s', (subtitleLanguage) => {
    expect(parseSettings({ subtitleLanguage })).toEqual({ settings: { ...DEFAULT_SETTINGS, subtitleLanguage }, problems: [], warnings: [] });
  });

  it('accepts an empty fallback list: no fallback at all', () => {
    expect(parseSettings({ fallbacks: [] })).toEqual({ settings: { ...DEFAULT_SETTINGS, fallbacks: [] }, problems: [], warnings: [] });
  });

  it('keeps a valid full object as it is', () => {
    const stored: Settings = {
      ...DEFAULT_SETTINGS,
      enabled: false,
      targetLanguage: 'pt-BR',
      display: 'hover',
      hoverDelayMs: 0,
      hoverKey: 'Alt',
      imageTranslation: 'button',
      videoSubtitles: 'off',
      subtitleLanguage: 'both',
      slangNotes: false,
      cacheMaxEntries: 5_000,
      cacheMaxAgeDays: 7,
      replyLanguage: 'zh-TW',
      replyTone: 'polite',
      backend: 'libretranslate',
      fallbacks: ['deepl', 'google'],
      backends: {
        google: { host: 'http://127.0.0.1:8080' },
        microsoft: { authUrl: 'https://auth.example/token', translateUrl: 'https://mt.example/translate' },
        deepl: { apiKey: 'dk:fx', apiUrl: '' },
        libretranslate: { url: 'https://libre.example.org/', apiKey: 'k' },
        openai: { baseUrl: 'http://localhost:11434/v1', apiKey: '', model: 'qwen2.5:7b' },
      },
    };
    expect(parseSettings(stored)).toEqual({ settings: stored, problems: [], warnings: [] });
  });

  it.each([
    ['enabled', { enabled: 'yes' }],
    ['targetLanguage', { targetLanguage: 'English!' }],
    ['display', { display: 'sideways' }],
    ['hoverDelayMs', { hoverDelayMs: 5001 }],
    ['hoverDelayMs', { hoverDelayMs: 12.5 }],
    ['hoverKey', { hoverKey: 'Meta' }],
    ['imageTranslation', { imageTranslation: 'always' }],
    ['imageTranslation', { imageTranslation: true }],
    ['videoSubtitles', { videoSubtitles: 'button' }],
    ['subtitleLanguage', { subtitleLanguage: 'zh-CN' }],
    ['subtitleLanguage', { subtitleLanguage: 'English' }],
    ['slangNotes', { slangNotes: 'no' }],
    ['cacheMaxEntries', { cacheMaxEntries: 10 }],
    ['cacheMaxAgeDays', { cacheMaxAgeDays: 0 }],
    ['replyLanguage', { replyLanguage: 'Chinese' }],
    ['replyLanguage', { replyLanguage: 'ja' }],
    ['replyTone', { replyTone: 'rude' }],
    ['backend', { backend: 'bing' }],
    ['fallbacks', { fallbacks: ['microsoft', 'bing'] }],
    ['fallbacks', { fallbacks: ['microsoft', 'microsoft'] }],
    ['fallbacks', { fallbacks: 'microsoft' }],
    ['backends.microsoft.authUrl', { backends: { microsoft: { authUrl: 'edge.microsoft.com' } } }],
    ['backends.deepl.apiUrl', { backends: { deepl: { apiUrl: 'api.deepl.com' } } }],
    ['backends.openai.baseUrl', { backends: { openai: { baseUrl: 'file:///etc' } } }],
    ['backends.openai.model', { backends: { openai: { model: '  ' } } }],
    ['backends.google.host', { backends: { google: { host: 'not a host/ at all' } } }],
    ['backends.libretranslate.url', { backends: { libretranslate: { url: 'ftp://example.org' } } }],
    ['backends.libretranslate.apiKey', { backends: { libretranslate: { apiKey: 42 } } }],
  ])('replaces an invalid %s with its default and names it in a warning', (path, stored) => {
    const { settings, warnings } = parseSettings(stored);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`settings.${path}:`);
  });

  it('keeps the valid values next to an invalid one', () => {
    const { settings, warnings } = parseSettings({ enabled: false, backend: 'bing' });
    expect(settings.enabled).toBe(false);
    expect(settings.backend).toBe('google');
    expect(warnings).toHaveLength(1);
  });

  it('replaces a backends section that is not an object and says so', () => {
    const { settings, warnings } = parseSettings({ backends: 'nope' });
    expect(settings.backends).toEqual(DEFAULT_SETTINGS.backends);
    expect(warnings).toEqual([expect.stringContaining('settings.backends:')]);
  });

  it.each([
    ['null', null],
    ['a string', 'settings'],
    ['a number', 3],
    ['an array', [{ enabled: false }]],
  ])('returns the defaults with a warning for %s', (_what, stored) => {
    const { settings, warnings } = parseSettings(stored);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toEqual([expect.stringContaining('not an object')]);
  });

  it('never hands out the defaults object itself', () => {
    const { settings } = parseSettings({});
    settings.backends.libretranslate.apiKey = 'changed';
    expect(DEFAULT_SETTINGS.backends.libretranslate.apiKey).toBe('');
  });
});

describe('pageSettingsOf', () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    backend: 'libretranslate',
    backends: {
      ...DEFAULT_SETTINGS.backends,
      google: { host: 'http://proxy.example:8080' },
      deepl: { apiKey: 'deepl-secret-key', apiUrl: '' },
      libretranslate: { url: 'https://libre.internal.example', apiKey: 'top-secret-key' },
      openai: { baseUrl: 'https://llm.internal.example/v1', apiKey: 'openai-secret-key', model: 'm' },
    },
  };

  it('keeps only what a page needs', () => {
    expect(pageSettingsOf(settings)).toEqual({
      enabled: true,
      display: 'bilingual',
      targetLanguage: 'en',
      backend: 'libretranslate',
      hoverDelayMs: 400,
      hoverKey: 'none',
      imageTranslation: 'auto',
      videoSubtitles: 'auto',
      subtitleLanguage: 'english',
      romanizeNames: true,
      backendChoices: ['google', 'microsoft', 'deepl', 'libretranslate', 'openai', 'chrome'],
    });
  });

  it('carries the image translation mode, which the content script follows', () => {
    expect(pageSettingsOf({ ...settings, imageTranslation: 'button' }).imageTranslation).toBe('button');
  });

  it('carries the video subtitle settings, which the content script follows', () => {
    expect(pageSettingsOf({ ...settings, videoSubtitles: 'off', subtitleLanguage: 'chinese' })).toMatchObject({
      videoSubtitles: 'off',
      subtitleLanguage: 'chinese',
    });
  });

  it('never includes the LibreTranslate URL or API key', () => {
    const serialised = JSON.stringify(pageSettingsOf(settings));
    expect(serialised).not.toContain('top-secret-key');
    expect(serialised).not.toContain('deepl-secret-key');
    expect(serialised).not.toContain('openai-secret-key');
    expect(serialised).not.toContain('llm.internal.example');
    expect(serialised).not.toContain('libre.internal.example');
    expect(serialised).not.toContain('proxy.example');
  });
});
