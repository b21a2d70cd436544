import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_TRANSLATION_MODES, VIDEO_SUBTITLE_MODES } from '../../settings/schema';
import { useMessageNames } from '../../../tests/unit/fake-i18n';
import { formatDuration, healthView, parseTabStats, statsView } from './popup-view';

// Here `t` gives the message name back, as without a browser, and appends nothing for
// substitutions: the tests check which message is used and what is put into it through `formatDuration`.
beforeEach(() => {
  useMessageNames();
});

describe('formatDuration', () => {
  it('says seconds under a minute, rounded up and never zero', () => {
    expect(formatDuration(0)).toBe('popup_duration_seconds');
    expect(formatDuration(44_100)).toBe('popup_duration_seconds');
    expect(formatDuration(60_000)).toBe('popup_duration_minutes');
  });
});

describe('healthView', () => {
  it('names the backend and says it has not been used yet', () => {
    expect(healthView({ id: 'google', state: 'unused' })).toEqual({
      name: 'backend_google',
      label: 'popup_health_unused',
      tone: 'idle',
      error: null,
    });
  });

  it('reads a working backend as ok', () => {
    expect(healthView({ id: 'microsoft', state: 'working' })).toMatchObject({
      name: 'backend_microsoft',
      label: 'popup_health_working',
      tone: 'ok',
      error: null,
    });
  });

  it('keeps the last error word for word for a rate-limited, failing or paused backend', () => {
    expect(healthView({ id: 'google', state: 'rate-limited', lastError: 'Google: HTTP 429' })).toEqual({
      name: 'backend_google',
      label: 'popup_health_rate_limited',
      tone: 'warn',
      error: 'Google: HTTP 429',
    });
    expect(healthView({ id: 'deepl', state: 'failing', lastError: 'DeepL: HTTP 503' })).toMatchObject({
      label: 'popup_health_failing',
      tone: 'bad',
      error: 'DeepL: HTTP 503',
    });
    expect(healthView({ id: 'openai', state: 'paused', lastError: 'timed out' })).toMatchObject({
      label: 'popup_health_paused',
      tone: 'bad',
      error: 'timed out',
    });
  });

  it('says how long a paused backend still rests when it knows', () => {
    expect(healthView({ id: 'libretranslate', state: 'paused', lastError: 'x', pausedForMs: 90_000 }).label).toBe(
      'popup_health_paused_for',
    );
    expect(healthView({ id: 'google', state: 'rate-limited', lastError: 'x', pausedForMs: 5_000 }).label).toBe(
      'popup_health_rate_limited_for',
    );
  });

  it('shows no error line for an empty message', () => {
    expect(healthView({ id: 'chrome', state: 'failing', lastError: '' }).error).toBeNull();
  });
});

describe('statsView', () => {
  const stats = { found: 12, translated: 9, fromCache: 4, failed: 1, imagesRead: 0, subtitlesShown: 0, active: true };

  it('asks for a RedNote page when the tab has no RedBridge', () => {
    expect(statsView(null, true)).toEqual({ kind: 'no-page', message: 'popup_stats_no_page' });
  });

  it('lists found, translated, from cache and failed, in that order', () => {
    expect(statsView(stats, true)).toEqual({
      kind: 'counts',
      rows: [
        { key: 'found', label: 'popup_stats_found', value: 12 },
        { key: 'translated', label: 'popup_stats_translated', value: 9 },
        { key: 'fromCache', label: 'popup_stats_from_cache', value: 4 },
        { key: 'failed', label: 'popup_stats_failed', value: 1 },
      ],
      notice: null,
    });
  });

  it('adds the images read after the units, once there are some', () => {
    const view = statsView({ ...stats, imagesRead: 3 }, true);
    expect(view.kind === 'counts' && view.rows.at(-1)).toEqual({ key: 'imagesRead', label: 'popup_stats_images_read', value: 3 });
    expect(view.kind === 'counts' && view.rows.map((row) => row.key)).toEqual(['found', 'translated', 'fromCache', 'failed', 'imagesRead']);
  });

  it('adds the videos with subtitles after the units, once there are some, with or without images read', () => {
    const row = { key: 'subtitlesShown', label: 'popup_stats_subtitles_shown', value: 2 };
    const alone = statsView({ ...stats, subtitlesShown: 2 }, true);
    expect(alone.kind === 'counts' && alone.rows.at(-1)).toEqual(row);
    expect(alone.kind === 'counts' && alone.rows.map((r) => r.key)).toEqual(['found', 'translated', 'fromCache', 'failed', 'subtitlesShown']);
    const both = statsView({ ...stats, imagesRead: 3, subtitlesShown: 2 }, true);
    expect(both.kind === 'counts' && both.rows.map((r) => r.key)).toEqual([
      'found',
      'translated',
      'fromCache',
      'failed',
      'imagesRead',
      'subtitlesShown',
    ]);
  });

  it('says why nothing more is translated: RedBridge off, or off in this tab only', () => {
    expect(statsView({ ...stats, active: false }, false)).toMatchObject({ notice: 'popup_stats_disabled' });
    expect(statsView({ ...stats, active: false }, true)).toMatchObject({ notice: 'popup_stats_tab_off' });
  });
});

describe('parseTabStats', () => {
  it('keeps a well-formed answer, and only its known fields', () => {
    expect(parseTabStats({ found: 3, translated: 2, fromCache: 0, failed: 1, imagesRead: 4, subtitlesShown: 1, active: true, extra: 'x' })).toEqual({
      found: 3,
      translated: 2,
      fromCache: 0,
      failed: 1,
      imagesRead: 4,
      subtitlesShown: 1,
      active: true,
    });
  });

  it.each([
    undefined,
    null,
    'stats',
    {},
    { found: -1, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0, active: true },
    { found: 1.5, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0, active: true },
    { found: 1, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0 },
    { found: 1, translated: 0, fromCache: 0, failed: 0, subtitlesShown: 0, active: true },
    { found: 1, translated: 0, fromCache: 0, failed: 0, imagesRead: -2, subtitlesShown: 0, active: true },
    { found: 1, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, active: true },
    { found: 1, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: '1', active: true },
  ])(
    'refuses %j',
    (value) => {
      expect(parseTabStats(value)).toBeNull();
    },
  );
});

describe("the popup's messages", () => {
  type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
  const read = (locale: string) =>
    JSON.parse(readFileSync(join(process.cwd(), `public/_locales/${locale}/messages.json`), 'utf8')) as Messages;
  const popupKeys = (messages: Messages) => Object.keys(messages).filter((key) => key.startsWith('popup_')).sort();

  it('are in English and Chinese alike, with the same placeholders', () => {
    const [en, zh] = [read('en'), read('zh_CN')];
    expect(popupKeys(zh)).toEqual(popupKeys(en));
    for (const key of popupKeys(en)) {
      expect(Object.keys(zh[key]!.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      expect(zh[key]!.message, key).not.toBe('');
    }
  });

  it('include every message the popup names', () => {
    const source = ['Popup.tsx', 'popup-view.ts']
      .map((file) => readFileSync(join(process.cwd(), 'src/ui/popup', file), 'utf8'))
      .join('\n');
    const named = new Set(source.match(/popup_[a-z_]+(?=')/g));
    for (const mode of ['bilingual', 'hover', 'off']) named.add(`popup_display_${mode}`).add(`popup_display_${mode}_help`);
    for (const mode of IMAGE_TRANSLATION_MODES) named.add(`popup_images_${mode}`);
    for (const mode of VIDEO_SUBTITLE_MODES) named.add(`popup_videos_${mode}`);
    expect([...named].filter((key) => !(key in read('en')))).toEqual([]);
  });
});
