import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND_IDS } from '../settings/schema';
import { localeMessages, useLocaleMessages } from '../../tests/unit/fake-i18n';
import { backendLabel } from './backend-label';

const backendKeys = (locale: 'en' | 'zh_CN') =>
  Object.keys(localeMessages(locale))
    .filter((key) => key.startsWith('backend_'))
    .sort();

/** Every non-test source file under `src/`. */
function sources(dir = join(process.cwd(), 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

describe('backendLabel', () => {
  it('has a name for every backend in both languages, and none for a backend that does not exist', () => {
    const expected = BACKEND_IDS.map((id) => `backend_${id}`).sort();
    expect(backendKeys('en')).toEqual(expected);
    expect(backendKeys('zh_CN')).toEqual(expected);
    for (const key of expected) {
      expect(localeMessages('en')[key]!.message.trim(), key).not.toBe('');
      expect(localeMessages('zh_CN')[key]!.message.trim(), key).not.toBe('');
    }
  });

  it('names each backend in English when the browser speaks English', () => {
    expect(BACKEND_IDS.map(backendLabel)).toEqual([
      'Google Translate',
      'Microsoft Translator',
      'DeepL',
      'LibreTranslate',
      'OpenAI-compatible API',
      'Chrome on-device translator',
    ]);
  });

  it('names each backend in Chinese when the browser speaks Simplified Chinese', () => {
    useLocaleMessages('zh_CN');
    expect(BACKEND_IDS.map(backendLabel)).toEqual(['谷歌翻译', '微软翻译', 'DeepL', 'LibreTranslate', 'OpenAI 兼容 API', 'Chrome 设备端翻译']);
  });

  it('is the only place the UI builds a backend’s name from', () => {
    const builders = sources()
      .filter((file) => /`(?:options_)?backend_\$\{[^}`]*\}`/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(process.cwd(), file));
    expect(builders).toEqual(['src/ui/backend-label.ts']);
  });
});
