/**
 * RedBridge's settings: one object stored in `browser.storage.local` under `settings`.
 * Stored objects may be partial or come from an older version, so everything read goes through
 * `parseSettings`, which merges with the defaults and replaces invalid values.
 */

export const BACKEND_IDS = ['google', 'libretranslate'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];

export const DISPLAY_MODES = ['bilingual', 'off'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

export interface Settings {
  enabled: boolean;
  /** BCP 47 code the translations are written in. */
  targetLanguage: string;
  display: DisplayMode;
  backend: BackendId;
  backends: {
    google: {
      /** Host name, or a full base URL for a compatible proxy (`http://127.0.0.1:8080`). */
      host: string;
    };
    libretranslate: {
      url: string;
      apiKey: string;
    };
  };
}

export const SETTINGS_STORAGE_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  targetLanguage: 'en',
  display: 'bilingual',
  backend: 'google',
  backends: {
    google: { host: 'translate.google.com' },
    libretranslate: { url: 'http://localhost:5000', apiKey: '' },
  },
};

export interface ParsedSettings {
  settings: Settings;
  /** One line per stored value that was invalid and replaced by its default. */
  warnings: string[];
}

type Check<T> = (value: unknown) => value is T;

const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const isString: Check<string> = (v): v is string => typeof v === 'string';
const isLanguage: Check<string> = (v): v is string =>
  typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v);
const isHttpUrl: Check<string> = (v): v is string => {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};
const isHostOrUrl: Check<string> = (v): v is string =>
  isHttpUrl(v) || (typeof v === 'string' && /^[a-z0-9.-]+(:\d+)?$/i.test(v));
const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges a stored (possibly partial, possibly invalid) value with the defaults. */
export function parseSettings(stored: unknown): ParsedSettings {
  const warnings: string[] = [];
  const root = isRecord(stored) ? stored : {};
  if (stored !== undefined && !isRecord(stored)) warnings.push('settings: not an object, using defaults');

  function pick<T>(source: Record<string, unknown>, path: string, key: string, check: Check<T>, fallback: T): T {
    if (!(key in source) || source[key] === undefined) return fallback;
    const value = source[key];
    if (check(value)) return value;
    warnings.push(`settings.${path}: invalid value ${JSON.stringify(value)}, using ${JSON.stringify(fallback)}`);
    return fallback;
  }
  function section(source: Record<string, unknown>, path: string, key: string): Record<string, unknown> {
    const value = source[key];
    if (value === undefined) return {};
    if (isRecord(value)) return value;
    warnings.push(`settings.${path}: not an object, using defaults`);
    return {};
  }

  const d = DEFAULT_SETTINGS;
  const backends = section(root, 'backends', 'backends');
  const google = section(backends, 'backends.google', 'google');
  const libre = section(backends, 'backends.libretranslate', 'libretranslate');
  const settings: Settings = {
    enabled: pick(root, 'enabled', 'enabled', isBoolean, d.enabled),
    targetLanguage: pick(root, 'targetLanguage', 'targetLanguage', isLanguage, d.targetLanguage),
    display: pick(root, 'display', 'display', oneOf(DISPLAY_MODES), d.display),
    backend: pick(root, 'backend', 'backend', oneOf(BACKEND_IDS), d.backend),
    backends: {
      google: {
        host: pick(google, 'backends.google.host', 'host', isHostOrUrl, d.backends.google.host),
      },
      libretranslate: {
        url: pick(libre, 'backends.libretranslate.url', 'url', isHttpUrl, d.backends.libretranslate.url),
        apiKey: pick(libre, 'backends.libretranslate.apiKey', 'apiKey', isString, d.backends.libretranslate.apiKey),
      },
    },
  };
  return { settings, warnings };
}

/** The part of the settings a content script may see: never URLs or API keys. */
export interface PageSettings {
  enabled: boolean;
  display: DisplayMode;
  targetLanguage: string;
  backend: BackendId;
}

export function pageSettingsOf(settings: Settings): PageSettings {
  return {
    enabled: settings.enabled,
    display: settings.display,
    targetLanguage: settings.targetLanguage,
    backend: settings.backend,
  };
}
