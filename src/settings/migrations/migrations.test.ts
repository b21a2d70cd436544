import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../schema';
import { migrateSettings, SETTINGS_VERSION, versionOf } from './index';

/** Settings as older releases stored them, kept as files so a later step cannot rewrite them. */
const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./examples/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('migrateSettings', () => {
  it('loads the settings of the first release with every value kept and today’s settings at their defaults', () => {
    const first = example('v0-first-release');
    const migrated = migrateSettings(first);
    expect(versionOf(migrated as Record<string, unknown>)).toBe(SETTINGS_VERSION);
    const { settings, warnings } = parseSettings(migrated);
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      display: 'hover',
      backend: 'libretranslate',
      backends: { ...DEFAULT_SETTINGS.backends, libretranslate: { url: 'http://192.168.1.20:5000', apiKey: 'my-libre-key' } },
    });
  });

  it('loads a settings object of the last release before versions unchanged', () => {
    const december = example('v0-2026-12');
    const { settings, warnings } = parseSettings(migrateSettings(december));
    expect(warnings).toEqual([]);
    // Every stored value is kept; a setting added since then takes its default.
    expect(settings).toMatchObject(december);
  });

  it('leaves settings of today’s version, and of a newer RedBridge, as they are', () => {
    const today = { version: SETTINGS_VERSION, display: 'off' };
    expect(migrateSettings(today)).toEqual(today);
    const newer = { version: SETTINGS_VERSION + 3, display: 'off', somethingNew: [1] };
    expect(migrateSettings(newer)).toEqual(newer);
  });

  it('takes a stored value that is not an object, or a version that is not one, as before versions', () => {
    expect(migrateSettings('garbage')).toBe('garbage');
    expect(migrateSettings(null)).toBeNull();
    expect(versionOf({ version: 'two' })).toBe(0);
    expect(versionOf({ version: -1 })).toBe(0);
    expect(migrateSettings({ version: 'two', display: 'off' })).toEqual({ version: SETTINGS_VERSION, display: 'off' });
  });
});
