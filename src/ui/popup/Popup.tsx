import { useEffect, useState } from 'preact/hooks';
import type { TabStats } from '../../messaging/content-messages';
import {
  DISPLAY_MODES,
  IMAGE_TRANSLATION_MODES,
  VIDEO_SUBTITLE_MODES,
  type DisplayMode,
  type ImageTranslationMode,
  type Settings,
  type VideoSubtitleMode,
} from '../../settings/schema';
import type { ServiceHealth } from '../../messaging/wire';
import { t } from '../i18n';
import { healthView, statsView } from './popup-view';
import { messageOf } from '../../untyped';

/** Everything the popup reads and changes, injected so that tests can stand in for the browser. */
export interface PopupProps {
  loadSettings(): Promise<PopupSettings>;
  saveEnabled(enabled: boolean): Promise<void>;
  saveDisplay(display: DisplayMode): Promise<void>;
  saveImageTranslation(imageTranslation: ImageTranslationMode): Promise<void>;
  saveVideoSubtitles(videoSubtitles: VideoSubtitleMode): Promise<void>;
  /** The primary backend, then each fallback, with how each is doing; and the cache. */
  health(): Promise<ServiceHealth>;
  /** The counts of the tab the popup is about; null when it is not a RedNote page. */
  tabStats(): Promise<TabStats | null>;
  openOptions(): void | Promise<void>;
  /** How often health and counts are read again while the popup is open. */
  refreshMs?: number;
}

/** The settings the popup shows and changes. */
type PopupSetting = 'enabled' | 'display' | 'imageTranslation' | 'videoSubtitles';

type PopupSettings = Pick<Settings, PopupSetting>;

type LoadedSettings = { kind: 'loaded' } & PopupSettings;

type SettingsState = { kind: 'loading' } | LoadedSettings | { kind: 'failed'; message: string };

/** Not read yet, read, or the background did not answer. */
type Health = { kind: 'loading' } | ({ kind: 'loaded' } & ServiceHealth) | { kind: 'unavailable' };


/** A setting's modes as radio buttons, each named by its `<labelPrefix>_<mode>` message; disabled until the settings are read. */
function ModeChoice<M extends string>(props: {
  class: string;
  name: string;
  legend: string;
  modes: readonly M[];
  labelPrefix: string;
  value: M | undefined;
  onChange: (mode: M) => void;
}) {
  return (
    <fieldset class={props.class} disabled={props.value === undefined}>
      <legend>{props.legend}</legend>
      {props.modes.map((mode) => (
        <label class="mode" key={mode}>
          <input type="radio" name={props.name} value={mode} checked={props.value === mode} onChange={() => props.onChange(mode)} />
          <span class="mode-text">
            <span class="mode-name">{t(`${props.labelPrefix}_${mode}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The toolbar popup: RedBridge on or off for RedNote, the display mode, when the text on images
 * is read, whether videos' subtitles are shown (all saved at once, and applied to open tabs by
 * the background), how the translation services are doing, and what RedBridge found, translated
 * and read in the current tab. Health and counts refresh every second.
 */
export function Popup(props: PopupProps) {
  const { refreshMs = 1000 } = props;
  const [settings, setSettings] = useState<SettingsState>({ kind: 'loading' });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [health, setHealth] = useState<Health>({ kind: 'loading' });
  /** undefined: not asked yet. */
  const [stats, setStats] = useState<TabStats | null | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    props.loadSettings().then(
      ({ enabled, display, imageTranslation, videoSubtitles }) =>
        alive && setSettings({ kind: 'loaded', enabled, display, imageTranslation, videoSubtitles }),
      (error: unknown) => alive && setSettings({ kind: 'failed', message: messageOf(error) }),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      const [statuses, counts] = await Promise.allSettled([props.health(), props.tabStats()]);
      if (!alive) return;
      setHealth(
        statuses.status === 'fulfilled' && Array.isArray(statuses.value?.backends)
          ? { kind: 'loaded', ...statuses.value }
          : { kind: 'unavailable' },
      );
      setStats(counts.status === 'fulfilled' ? counts.value : null);
      timer = setTimeout(() => void refresh(), refreshMs);
    };
    void refresh();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // The popup's dependencies never change while it is open.
  }, []);

  const loaded = settings.kind === 'loaded' ? settings : null;

  /** How each setting the popup changes is stored. */
  const savers: { [K in PopupSetting]: (value: PopupSettings[K]) => Promise<void> } = {
    enabled: (enabled) => props.saveEnabled(enabled),
    display: (display) => props.saveDisplay(display),
    imageTranslation: (imageTranslation) => props.saveImageTranslation(imageTranslation),
    videoSubtitles: (videoSubtitles) => props.saveVideoSubtitles(videoSubtitles),
  };

  /** Shows the change at once; puts the old value back if it cannot be stored. */
  function change<K extends PopupSetting>(key: K, value: PopupSettings[K]) {
    if (!loaded || loaded[key] === value) return;
    const previous = loaded[key];
    setSettings({ ...loaded, [key]: value });
    setSaveError(null);
    savers[key](value).catch((error: unknown) => {
      setSettings((current) => (current.kind === 'loaded' && current[key] === value ? { ...current, [key]: previous } : current));
      setSaveError(t('popup_save_failed', messageOf(error)));
    });
  }

  return (
    <main class="popup">
      <header class="top">
        <h1>{t('popup_title')}</h1>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            name="enabled"
            checked={loaded?.enabled ?? false}
            disabled={!loaded}
            onChange={(event) => change('enabled', event.currentTarget.checked)}
          />
          <span class="track" aria-hidden="true" />
          <span class="switch-label">{t('popup_enabled')}</span>
        </label>
      </header>

      {settings.kind === 'failed' && (
        <p class="error" role="alert">
          {t('popup_load_failed', settings.message)}
        </p>
      )}
      {saveError && (
        <p class="error" role="alert">
          {saveError}
        </p>
      )}

      <fieldset class="display" disabled={!loaded}>
        <legend>{t('popup_display')}</legend>
        {DISPLAY_MODES.map((mode) => (
          <label class="mode" key={mode}>
            <input
              type="radio"
              name="display"
              value={mode}
              checked={loaded?.display === mode}
              aria-describedby={`display-${mode}-help`}
              onChange={() => change('display', mode)}
            />
            <span class="mode-text">
              <span class="mode-name">{t(`popup_display_${mode}`)}</span>
              <span class="mode-help" id={`display-${mode}-help`}>
                {t(`popup_display_${mode}_help`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <ModeChoice class="images" name="imageTranslation" legend={t('popup_images')} modes={IMAGE_TRANSLATION_MODES} labelPrefix="popup_images" value={loaded?.imageTranslation} onChange={(mode) => change('imageTranslation', mode)} />
      <ModeChoice class="videos" name="videoSubtitles" legend={t('popup_videos')} modes={VIDEO_SUBTITLE_MODES} labelPrefix="popup_videos" value={loaded?.videoSubtitles} onChange={(mode) => change('videoSubtitles', mode)} />

      <section class="backends" aria-labelledby="backends-heading">
        <h2 id="backends-heading">{t('popup_backend_heading')}</h2>
        <BackendHealth health={health} />
      </section>

      <section class="stats" aria-labelledby="stats-heading">
        <h2 id="stats-heading">{t('popup_stats_heading')}</h2>
        <TabCounts stats={stats} enabled={loaded?.enabled ?? true} />
      </section>

      <footer class="bottom">
        <button type="button" class="settings" onClick={() => void props.openOptions()}>
          {t('popup_settings')}
        </button>
      </footer>
    </main>
  );
}

function BackendHealth({ health }: { health: Health }) {
  if (health.kind === 'loading') return <p class="muted">{t('popup_loading')}</p>;
  if (health.kind === 'unavailable') return <p class="error">{t('popup_health_unavailable')}</p>;
  return (
    <>
      <ul class="backend-list">
        {health.backends.map((status, index) => {
          const view = healthView(status);
          return (
            <li key={status.id} class="backend" data-backend={status.id} data-state={status.state}>
              <div class="backend-line">
                <span class="backend-name">{view.name}</span>
                {index > 0 && <span class="role">{t('popup_backend_fallback')}</span>}
                <span class={`health tone-${view.tone}`}>{view.label}</span>
              </div>
              {view.error && <p class="backend-error">{view.error}</p>}
            </li>
          );
        })}
      </ul>
      {health.cache.state === 'failing' && (
        <p class="cache-failing" role="status">
          {t('popup_cache_failing')} <span class="backend-error">{health.cache.lastError}</span>
        </p>
      )}
    </>
  );
}

function TabCounts({ stats, enabled }: { stats: TabStats | null | undefined; enabled: boolean }) {
  if (stats === undefined) return <p class="muted">{t('popup_loading')}</p>;
  const view = statsView(stats, enabled);
  if (view.kind === 'no-page') return <p class="muted no-page">{view.message}</p>;
  return (
    <>
      <dl class="counts">
        {view.rows.map((row) => (
          <div class="count" key={row.key} data-stat={row.key}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {view.notice && <p class="notice">{view.notice}</p>}
    </>
  );
}
