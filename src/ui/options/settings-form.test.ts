import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../settings/schema';
import { formatBytes, formatMegabytes, formatMilliseconds, hitRate } from './format';
import { moved } from './moved';
import { exportSettings, importSettings } from './settings-file';
import { errorsForBackend, formOf, SETTING_PATHS, validateForm, valueAt, withValue } from './settings-form';

const WITH_KEYS: Settings = {
  ...DEFAULT_SETTINGS,
  backend: 'libretranslate',
  fallbacks: ['google', 'microsoft'],
  backends: {
    ...DEFAULT_SETTINGS.backends,
    deepl: { apiKey: 'deepl-secret:fx', apiUrl: '' },
    libretranslate: { url: 'http://127.0.0.1:5000', apiKey: 'libre-secret' },
    openai: { baseUrl: 'http://localhost:11434/v1', apiKey: 'sk-openai-secret', model: 'qwen2.5:7b' },
  },
};

describe('the form and the settings', () => {
  it('round-trips settings through the form unchanged', () => {
    const form = formOf(WITH_KEYS);
    expect(form.hoverDelayMs).toBe('400');
    expect(validateForm(form)).toEqual({ settings: WITH_KEYS, errors: {} });
  });

  it('does not share nested objects with the settings it came from', () => {
    const form = formOf(WITH_KEYS);
    form.backends.deepl.apiKey = 'changed';
    expect(WITH_KEYS.backends.deepl.apiKey).toBe('deepl-secret:fx');
  });

  it('lists every setting as a path, arrays as one', () => {
    expect(SETTING_PATHS).toContain('fallbacks');
    expect(SETTING_PATHS).toContain('backends.openai.model');
    expect(SETTING_PATHS).not.toContain('backends');
    expect(SETTING_PATHS).toContain('imageTranslation');
    expect(SETTING_PATHS).toContain('videoSubtitles');
    expect(SETTING_PATHS).toContain('subtitleLanguage');
    // Exactly the leaves of the defaults: every setting has a path, and every path a setting.
    const leaves = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, child]) =>
        typeof child === 'object' && child !== null && !Array.isArray(child) ? leaves(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect([...SETTING_PATHS].sort()).toEqual(leaves(DEFAULT_SETTINGS).sort());
  });

  it('reads and sets values by path without changing the original', () => {
    const form = formOf(DEFAULT_SETTINGS);
    const next = withValue(form, 'backends.libretranslate.apiKey', 'k');
    expect(valueAt(next, 'backends.libretranslate.apiKey')).toBe('k');
    expect(valueAt(form, 'backends.libretranslate.apiKey')).toBe('');
    expect(next.backends.deepl).toBe(form.backends.deepl);
    expect(valueAt(next, 'backends.nothing.here')).toBeUndefined();
  });

  it('turns the delay box into a number and trims pasted spaces', () => {
    let form = withValue(formOf(DEFAULT_SETTINGS), 'hoverDelayMs', ' 750 ');
    form = withValue(form, 'backends.libretranslate.url', '  http://127.0.0.1:5000 ');
    form = withValue(form, 'backends.libretranslate.apiKey', 'key\n');
    const { settings, errors } = validateForm(form);
    expect(errors).toEqual({});
    expect(settings.hoverDelayMs).toBe(750);
    expect(settings.backends.libretranslate).toEqual({ url: 'http://127.0.0.1:5000', apiKey: 'key' });
  });

  it('names each invalid field with the message key that explains it', () => {
    let form = formOf(DEFAULT_SETTINGS);
    form = withValue(form, 'hoverDelayMs', '6000');
    form = withValue(form, 'targetLanguage', 'English');
    form = withValue(form, 'backends.libretranslate.url', 'localhost:5000');
    form = withValue(form, 'backends.deepl.apiUrl', 'ftp://deepl');
    form = withValue(form, 'backends.google.host', 'not a host');
    form = withValue(form, 'backends.openai.model', '  ');
    const { settings, errors } = validateForm(form);
    expect(errors).toEqual({
      hoverDelayMs: 'options_error_hoverDelayMs',
      targetLanguage: 'options_error_targetLanguage',
      'backends.libretranslate.url': 'options_error_url',
      'backends.deepl.apiUrl': 'options_error_urlOrEmpty',
      'backends.google.host': 'options_error_host',
      'backends.openai.model': 'options_error_model',
    });
    // The settings it stands for still hold a valid value everywhere.
    expect(parseSettings(settings).warnings).toEqual([]);
    expect(settings.hoverDelayMs).toBe(400);
  });

  it('refuses an image translation mode it does not know', () => {
    expect(validateForm(withValue(formOf(DEFAULT_SETTINGS), 'imageTranslation', 'always')).errors).toEqual({
      imageTranslation: 'options_error_invalid',
    });
  });

  it('refuses a video subtitle mode or a subtitle language it does not know', () => {
    expect(validateForm(withValue(formOf(DEFAULT_SETTINGS), 'videoSubtitles', 'button')).errors).toEqual({
      videoSubtitles: 'options_error_invalid',
    });
    expect(validateForm(withValue(formOf(DEFAULT_SETTINGS), 'subtitleLanguage', 'zh-CN')).errors).toEqual({
      subtitleLanguage: 'options_error_invalid',
    });
  });

  it.each(['', '1.5', '-1', 'abc', '5001'])('refuses %j as a hover delay', (delay) => {
    expect(validateForm(withValue(formOf(DEFAULT_SETTINGS), 'hoverDelayMs', delay)).errors).toEqual({
      hoverDelayMs: 'options_error_hoverDelayMs',
    });
  });

  it.each(['0', '5000'])('accepts %j as a hover delay', (delay) => {
    expect(validateForm(withValue(formOf(DEFAULT_SETTINGS), 'hoverDelayMs', delay)).errors).toEqual({});
  });

  it('keeps a backend from being tested only by its own fields and the target language', () => {
    const errors = {
      hoverDelayMs: 'options_error_hoverDelayMs',
      'backends.libretranslate.url': 'options_error_url',
      'backends.deepl.apiUrl': 'options_error_urlOrEmpty',
    };
    expect(errorsForBackend(errors, 'libretranslate')).toEqual(['backends.libretranslate.url']);
    expect(errorsForBackend(errors, 'google')).toEqual([]);
    expect(errorsForBackend({ targetLanguage: 'options_error_targetLanguage' }, 'chrome')).toEqual(['targetLanguage']);
  });
});

describe('export', () => {
  it('leaves every API key out unless asked', () => {
    const text = exportSettings(WITH_KEYS, false);
    expect(text).not.toMatch(/secret/);
    const file = JSON.parse(text) as Settings;
    expect(file.backends.deepl).toEqual({ apiUrl: '' });
    expect(file.backends.libretranslate).toEqual({ url: 'http://127.0.0.1:5000' });
    expect(file.backends.openai).toEqual({ baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b' });
    expect(file.fallbacks).toEqual(['google', 'microsoft']);
    // The settings themselves keep their keys.
    expect(WITH_KEYS.backends.deepl.apiKey).toBe('deepl-secret:fx');
  });

  it('holds the keys when asked, and reads back as the same settings', () => {
    const text = exportSettings(WITH_KEYS, true);
    expect(parseSettings(JSON.parse(text))).toEqual({ settings: WITH_KEYS, problems: [], warnings: [] });
  });
});

describe('import', () => {
  it('takes every setting of a full export', () => {
    const result = importSettings(formOf(DEFAULT_SETTINGS), exportSettings(WITH_KEYS, true));
    expect(result).toEqual({ ok: true, form: formOf(WITH_KEYS), applied: SETTING_PATHS.length, warnings: [] });
  });

  it('keeps the current API keys when the file has none', () => {
    const current = formOf(WITH_KEYS);
    const file = exportSettings({ ...DEFAULT_SETTINGS, backend: 'openai' }, false);
    const result = importSettings(current, file);
    if (!result.ok) throw new Error('import failed');
    expect(result.form.backend).toBe('openai');
    expect(result.form.backends.libretranslate).toEqual({ url: 'http://localhost:5000', apiKey: 'libre-secret' });
    expect(result.form.backends.deepl.apiKey).toBe('deepl-secret:fx');
    expect(result.form.backends.openai.apiKey).toBe('sk-openai-secret');
    expect(result.applied).toBe(SETTING_PATHS.length - 3);
  });

  it('keeps every setting absent from a partial file', () => {
    const current = formOf(WITH_KEYS);
    const result = importSettings(current, JSON.stringify({ display: 'hover', hoverDelayMs: 800, backends: { deepl: { apiKey: 'new' } } }));
    expect(result).toEqual({
      ok: true,
      form: { ...withValue(current, 'backends.deepl.apiKey', 'new'), display: 'hover', hoverDelayMs: '800' },
      applied: 3,
      warnings: [],
    });
  });

  it('reports invalid values and keeps the form’s own for them', () => {
    const current = formOf(WITH_KEYS);
    const result = importSettings(
      current,
      JSON.stringify({ display: 'sideways', hoverDelayMs: 100, fallbacks: ['google', 'google'], backends: { google: 'x', openai: { model: 'gpt-4o' } } }),
    );
    expect(result).toEqual({
      ok: true,
      form: { ...withValue(current, 'backends.openai.model', 'gpt-4o'), hoverDelayMs: '100' },
      applied: 2,
      warnings: [
        { path: 'display', value: '"sideways"' },
        { path: 'fallbacks', value: '["google","google"]' },
        { path: 'backends.google', value: '"x"' },
      ],
    });
  });

  it('refuses a file that is not JSON, or not an object', () => {
    const form = formOf(DEFAULT_SETTINGS);
    expect(importSettings(form, '{"display": ')).toEqual({ ok: false, error: 'not-json' });
    expect(importSettings(form, '["google"]')).toEqual({ ok: false, error: 'not-object' });
    expect(importSettings(form, 'null')).toEqual({ ok: false, error: 'not-object' });
  });
});

describe('cache statistics and the fallback list', () => {
  it('writes sizes in kB below a megabyte and in MB above', () => {
    expect(formatBytes(0)).toBe('0.0 kB');
    expect(formatBytes(412)).toBe('0.4 kB');
    expect(formatBytes(812_345)).toBe('812.3 kB');
    expect(formatBytes(2_500_000)).toBe('2.5 MB');
  });

  it('writes the packaged models in MB, however small, with one decimal', () => {
    expect(formatMegabytes(48_612_345)).toBe('48.6 MB');
    expect(formatMegabytes(812_345)).toBe('0.8 MB');
  });

  it('writes a load time in ms below a second and in s above', () => {
    expect(formatMilliseconds(849.6)).toBe('850 ms');
    expect(formatMilliseconds(1234)).toBe('1.2 s');
  });

  it('gives the hit rate as a percentage, none before any lookup', () => {
    expect(hitRate(0, 0)).toBeNull();
    expect(hitRate(3, 4)).toBe('75%');
    expect(hitRate(2, 3)).toBe('67%');
  });

  it('moves an item up or down, and nowhere past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
