import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKEND_IDS,
  DISPLAY_MODES,
  HOVER_KEYS,
  IMAGE_TRANSLATION_MODES,
  REPLY_TONES,
  SUBTITLE_LANGUAGES,
  VIDEO_SUBTITLE_MODES,
} from '../../settings/schema';
import { formatMessage, localeMessages } from '../../../tests/unit/fake-i18n';
import { SETTING_PATHS } from './settings-form';

const en = localeMessages('en');
const zh = localeMessages('zh_CN');
const optionKeys = (messages: Record<string, unknown>) => Object.keys(messages).filter((key) => key.startsWith('options_')).sort();

/** Message names the options page builds from a value rather than writes out. */
const BUILT_KEYS = [
  ...SETTING_PATHS.flatMap((path) => [`options_label_${path.replace(/\./g, '_')}`, `options_help_${path.replace(/\./g, '_')}`]),
  ...BACKEND_IDS.map((id) => `options_backend_${id}_help`),
  ...DISPLAY_MODES.flatMap((mode) => [`options_display_${mode}`, `options_display_${mode}_help`]),
  ...HOVER_KEYS.map((key) => `options_hoverKey_${key}`),
  ...IMAGE_TRANSLATION_MODES.flatMap((mode) => [`options_imageTranslation_${mode}`, `options_imageTranslation_${mode}_help`]),
  ...VIDEO_SUBTITLE_MODES.flatMap((mode) => [`options_videoSubtitles_${mode}`, `options_videoSubtitles_${mode}_help`]),
  ...SUBTITLE_LANGUAGES.map((language) => `options_subtitleLanguage_${language}`),
  ...REPLY_TONES.map((tone) => `options_replyTone_${tone}`),
  ...['zh_CN', 'zh_TW', 'zh_HK'].map((code) => `options_replyLanguage_${code}`),
  ...['targetLanguage', 'hoverDelayMs', 'cacheMaxEntries', 'cacheMaxAgeDays', 'replyLanguage', 'model', 'url', 'urlOrEmpty', 'host', 'invalid'].map(
    (field) => `options_error_${field}`,
  ),
  'options_import_notJson',
  'options_import_notSettings',
];

/** Every `'options_…'` string literal in the page's source. */
function writtenKeys(): string[] {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((file) => /\.tsx?$/.test(file) && !file.includes('.test.'));
  const keys = sources.flatMap((file) => [...readFileSync(new URL(file, dir), 'utf8').matchAll(/'(options_[A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
  return [...new Set(keys)];
}

describe('the options page’s messages', () => {
  it('has every message it uses, in English', () => {
    const used = [...new Set([...BUILT_KEYS, ...writtenKeys()])];
    expect(writtenKeys().length).toBeGreaterThan(50);
    expect(used.filter((key) => !(key in en))).toEqual([]);
  });

  it('has the same messages and placeholders in Simplified Chinese, each translated', () => {
    expect(optionKeys(zh)).toEqual(optionKeys(en));
    for (const key of optionKeys(en)) {
      expect(Object.keys(zh[key]!.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      for (const name of Object.keys(en[key]!.placeholders ?? {})) {
        expect(zh[key]!.message.toLowerCase(), key).toContain(`$${name}$`);
      }
    }
    // Most text differs (some names, like DeepL, are the same in both).
    const same = optionKeys(en).filter((key) => en[key]!.message === zh[key]!.message);
    expect(same.length).toBeLessThan(15);
  });

  it('uses only names the browser accepts', () => {
    for (const key of optionKeys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('fills placeholders as the browser does', () => {
    expect(formatMessage(en.options_test_works, 'Hello')).toBe('Works: Hello');
    expect(formatMessage(zh.options_test_works, 'Hello')).toBe('可用：Hello');
    expect(formatMessage(en.options_cache_hitRateValue, ['75%', '3', '4'])).toBe('75% (3 of 4)');
    expect(formatMessage(zh.options_cache_hitRateValue, ['75%', '3', '4'])).toBe('75%（4 次中 3 次）');
  });
});
