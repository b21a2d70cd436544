import type { TabStats } from '../../messaging/content-messages';
import type { BackendStatus } from '../../messaging/wire';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';

/** How a backend's health reads in the popup: a word, a colour class, and the details. */
export interface HealthView {
  /** The backend's name, e.g. "Google Translate". */
  name: string;
  /** "Working", "Rate-limited", "Paused for 2 min", "Not used yet"… */
  label: string;
  /** For the colour: all good, not asked yet, slowed down, or not answering. */
  tone: 'ok' | 'idle' | 'warn' | 'bad';
  /** The last error, word for word, when the backend has one. */
  error: string | null;
}

/** "45 s", "2 min": how long a paused backend still rests (rounded up, never "0 s"). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return t('popup_duration_seconds', String(seconds));
  return t('popup_duration_minutes', String(Math.ceil(seconds / 60)));
}

export function healthView(status: BackendStatus): HealthView {
  const name = backendLabel(status.id);
  switch (status.state) {
    case 'unused':
      return { name, label: t('popup_health_unused'), tone: 'idle', error: null };
    case 'working':
      return { name, label: t('popup_health_working'), tone: 'ok', error: null };
    case 'rate-limited':
      return { name, label: withPause(status.pausedForMs, 'popup_health_rate_limited'), tone: 'warn', error: status.lastError || null };
    case 'failing':
      return { name, label: t('popup_health_failing'), tone: 'bad', error: status.lastError || null };
    case 'paused':
      return { name, label: withPause(status.pausedForMs, 'popup_health_paused'), tone: 'bad', error: status.lastError || null };
  }
}

/** The counts in the order the popup lists them, each with its label. */
export interface StatsRow {
  key: 'found' | 'translated' | 'fromCache' | 'failed' | 'imagesRead' | 'subtitlesShown';
  label: string;
  value: number;
}

export type StatsView =
  | { kind: 'no-page'; message: string }
  | {
      kind: 'counts';
      rows: StatsRow[];
      /** Why nothing more is translated in this tab right now, if that is the case. */
      notice: string | null;
    };

/** Listed always. */
const UNIT_STAT_KEYS = ['found', 'translated', 'fromCache', 'failed'] as const;
/** Listed after the units, each only once it is above zero. */
const MEDIA_STAT_KEYS = ['imagesRead', 'subtitlesShown'] as const;
/** Every count a content script answers with. */
const STAT_KEYS = [...UNIT_STAT_KEYS, ...MEDIA_STAT_KEYS] as const;
const STAT_MESSAGES: Record<StatsRow['key'], string> = {
  found: 'popup_stats_found',
  translated: 'popup_stats_translated',
  fromCache: 'popup_stats_from_cache',
  failed: 'popup_stats_failed',
  imagesRead: 'popup_stats_images_read',
  subtitlesShown: 'popup_stats_subtitles_shown',
};

/**
 * What the popup says about the current tab. `stats` is null when the tab has no RedBridge
 * content script (not a RedNote page, or opened before RedBridge was installed). Images read
 * and videos with subtitles are listed only once there are some: most pages (the feed, notes
 * without text on their images, videos without subtitles) never have any, and a standing zero
 * would read as something not working.
 */
export function statsView(stats: TabStats | null, enabled: boolean): StatsView {
  if (!stats) return { kind: 'no-page', message: t('popup_stats_no_page') };
  const keys: readonly StatsRow['key'][] = [...UNIT_STAT_KEYS, ...MEDIA_STAT_KEYS.filter((key) => stats[key] > 0)];
  const rows = keys.map((key) => ({ key, label: t(STAT_MESSAGES[key]), value: stats[key] }));
  let notice: string | null = null;
  if (!enabled) notice = t('popup_stats_disabled');
  else if (!stats.active) notice = t('popup_stats_tab_off');
  return { kind: 'counts', rows, notice };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Checks a content script's answer to `get-tab-stats`; null for anything else (no answer included). */
export function parseTabStats(value: unknown): TabStats | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = value as Record<string, unknown>;
  if (!STAT_KEYS.every((key) => isCount(fields[key])) || typeof fields.active !== 'boolean') return null;
  return {
    found: fields.found as number,
    translated: fields.translated as number,
    fromCache: fields.fromCache as number,
    failed: fields.failed as number,
    imagesRead: fields.imagesRead as number,
    subtitlesShown: fields.subtitlesShown as number,
    active: fields.active,
  };
}

/** `<key>_for` with the pause's length while the backend is resting, else `<key>`. */
function withPause(pausedForMs: number | undefined, key: string): string {
  return pausedForMs !== undefined && pausedForMs > 0 ? t(`${key}_for`, formatDuration(pausedForMs)) : t(key);
}
