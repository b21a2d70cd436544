/**
 * RedBridge's settings: one object stored in `browser.storage.local` under `settings`.
 * Stored objects may be partial or come from an older version, so everything read goes through
 * `parseSettings`, which merges with the defaults and replaces invalid values.
 */
import { isRecord } from '../untyped';

export const BACKEND_IDS = ['google', 'microsoft', 'deepl', 'libretranslate', 'openai', 'chrome'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];

/** `bilingual`: overlays under every unit. `hover`: a unit's translation only when pointed at. `off`: none. */
export const DISPLAY_MODES = ['bilingual', 'hover', 'off'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

/** A key that must be held for hover translation; `none`: the dwell alone is enough. */
export const HOVER_KEYS = ['none', 'Alt', 'Ctrl', 'Shift'] as const;
export type HoverKey = (typeof HOVER_KEYS)[number];

/** The register of a reply: RedNote's own casual one, or polite. Only LLM backends can follow it. */
export const REPLY_TONES = ['casual', 'polite'] as const;
export type ReplyTone = (typeof REPLY_TONES)[number];

/**
 * When the text on a note's images is read (on-device OCR) and translated. `auto`: the slide
 * shown when a note opens is read then, and each further slide when it is shown. `button`: an
 * image is read only when the reader clicks the EN button on it. `off`: no image translation.
 */
export const IMAGE_TRANSLATION_MODES = ['auto', 'button', 'off'] as const;
export type ImageTranslationMode = (typeof IMAGE_TRANSLATION_MODES)[number];

export interface Settings {
  enabled: boolean;
  /** BCP 47 code the translations are written in. */
  targetLanguage: string;
  display: DisplayMode;
  /** How long the pointer rests on a unit before its translation shows, in `hover` mode. */
  hoverDelayMs: number;
  /** A key to hold while pointing, in `hover` mode (in addition to the dwell). */
  hoverKey: HoverKey;
  /** When the text on note images is read and translated. */
  imageTranslation: ImageTranslationMode;
  /** Explain RedNote slang under machine translations, and give LLMs the glossary. */
  slangNotes: boolean;
  /** Most translations kept in the cache; the least recently used go first beyond it. */
  cacheMaxEntries: number;
  /** Translations older than this many days are translated again. */
  cacheMaxAgeDays: number;
  /** The Chinese replies are written in (`zh-CN`, `zh-TW`, …): the user's English is translated into it. */
  replyLanguage: string;
  /** The tone a new reply starts with; the composer remembers the last one chosen. */
  replyTone: ReplyTone;
  /** The backend every unit is sent to first. */
  backend: BackendId;
  /** Backends tried in order when the one before failed for a unit (the primary is skipped). */
  fallbacks: BackendId[];
  backends: {
    google: {
      /** Host name, or a full base URL for a compatible proxy (`http://127.0.0.1:8080`). */
      host: string;
    };
    microsoft: {
      /** Issues the free Edge endpoint's bearer token. */
      authUrl: string;
      /** Translator v3 `translate` endpoint. */
      translateUrl: string;
    };
    deepl: {
      apiKey: string;
      /** Base URL; empty picks `api-free.deepl.com` for keys ending in `:fx`, else `api.deepl.com`. */
      apiUrl: string;
    };
    libretranslate: {
      url: string;
      apiKey: string;
    };
    openai: {
      /** Any OpenAI-compatible API: OpenAI, DeepSeek, OpenRouter, Ollama, LM Studio. */
      baseUrl: string;
      /** Sent as a bearer token when not empty (local servers need none). */
      apiKey: string;
      model: string;
    };
  };
}

export const SETTINGS_STORAGE_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  targetLanguage: 'en',
  display: 'bilingual',
  hoverDelayMs: 400,
  hoverKey: 'none',
  imageTranslation: 'auto',
  slangNotes: true,
  cacheMaxEntries: 100_000,
  cacheMaxAgeDays: 90,
  replyLanguage: 'zh-CN',
  replyTone: 'casual',
  backend: 'google',
  fallbacks: ['microsoft'],
  backends: {
    google: { host: 'translate.google.com' },
    microsoft: {
      authUrl: 'https://edge.microsoft.com/translate/auth',
      translateUrl: 'https://api-edge.cognitive.microsofttranslator.com/translate',
    },
    deepl: { apiKey: '', apiUrl: '' },
    libretranslate: { url: 'http://localhost:5000', apiKey: '' },
    openai: { baseUrl: 'https://api.openai.com/v1', apiKey: '', model: 'gpt-4o-mini' },
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
/** Replies go to RedNote: Simplified (`zh-CN`) or Traditional (`zh-TW`, `zh-HK`) Chinese. */
const isChineseLanguage: Check<string> = (v): v is string => typeof v === 'string' && /^zh(-[A-Za-z]{2,4})?$/.test(v);
const isWholeBetween =
  (min: number, max: number): Check<number> =>
  (v): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
/** Whole milliseconds, 0 to 5 s. */
const isDelay = isWholeBetween(0, 5000);
const isHttpUrl: Check<string> = (v): v is string => {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};
const isHttpUrlOrEmpty: Check<string> = (v): v is string => v === '' || isHttpUrl(v);
const isNonEmptyString: Check<string> = (v): v is string => typeof v === 'string' && v.trim() !== '';
const isBackendList: Check<BackendId[]> = (v): v is BackendId[] =>
  Array.isArray(v) &&
  v.every((id) => (BACKEND_IDS as readonly unknown[]).includes(id)) &&
  new Set(v).size === v.length;
const isHostOrUrl: Check<string> = (v): v is string =>
  isHttpUrl(v) || (typeof v === 'string' && /^[a-z0-9.-]+(:\d+)?$/i.test(v));
const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);


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
  const microsoft = section(backends, 'backends.microsoft', 'microsoft');
  const deepl = section(backends, 'backends.deepl', 'deepl');
  const libre = section(backends, 'backends.libretranslate', 'libretranslate');
  const openai = section(backends, 'backends.openai', 'openai');
  const settings: Settings = {
    enabled: pick(root, 'enabled', 'enabled', isBoolean, d.enabled),
    targetLanguage: pick(root, 'targetLanguage', 'targetLanguage', isLanguage, d.targetLanguage),
    display: pick(root, 'display', 'display', oneOf(DISPLAY_MODES), d.display),
    hoverDelayMs: pick(root, 'hoverDelayMs', 'hoverDelayMs', isDelay, d.hoverDelayMs),
    hoverKey: pick(root, 'hoverKey', 'hoverKey', oneOf(HOVER_KEYS), d.hoverKey),
    imageTranslation: pick(root, 'imageTranslation', 'imageTranslation', oneOf(IMAGE_TRANSLATION_MODES), d.imageTranslation),
    slangNotes: pick(root, 'slangNotes', 'slangNotes', isBoolean, d.slangNotes),
    cacheMaxEntries: pick(root, 'cacheMaxEntries', 'cacheMaxEntries', isWholeBetween(1_000, 1_000_000), d.cacheMaxEntries),
    cacheMaxAgeDays: pick(root, 'cacheMaxAgeDays', 'cacheMaxAgeDays', isWholeBetween(1, 3650), d.cacheMaxAgeDays),
    replyLanguage: pick(root, 'replyLanguage', 'replyLanguage', isChineseLanguage, d.replyLanguage),
    replyTone: pick(root, 'replyTone', 'replyTone', oneOf(REPLY_TONES), d.replyTone),
    backend: pick(root, 'backend', 'backend', oneOf(BACKEND_IDS), d.backend),
    fallbacks: [...pick(root, 'fallbacks', 'fallbacks', isBackendList, d.fallbacks)],
    backends: {
      google: {
        host: pick(google, 'backends.google.host', 'host', isHostOrUrl, d.backends.google.host),
      },
      microsoft: {
        authUrl: pick(microsoft, 'backends.microsoft.authUrl', 'authUrl', isHttpUrl, d.backends.microsoft.authUrl),
        translateUrl: pick(
          microsoft,
          'backends.microsoft.translateUrl',
          'translateUrl',
          isHttpUrl,
          d.backends.microsoft.translateUrl,
        ),
      },
      deepl: {
        apiKey: pick(deepl, 'backends.deepl.apiKey', 'apiKey', isString, d.backends.deepl.apiKey),
        apiUrl: pick(deepl, 'backends.deepl.apiUrl', 'apiUrl', isHttpUrlOrEmpty, d.backends.deepl.apiUrl),
      },
      libretranslate: {
        url: pick(libre, 'backends.libretranslate.url', 'url', isHttpUrl, d.backends.libretranslate.url),
        apiKey: pick(libre, 'backends.libretranslate.apiKey', 'apiKey', isString, d.backends.libretranslate.apiKey),
      },
      openai: {
        baseUrl: pick(openai, 'backends.openai.baseUrl', 'baseUrl', isHttpUrl, d.backends.openai.baseUrl),
        apiKey: pick(openai, 'backends.openai.apiKey', 'apiKey', isString, d.backends.openai.apiKey),
        model: pick(openai, 'backends.openai.model', 'model', isNonEmptyString, d.backends.openai.model),
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
  hoverDelayMs: number;
  hoverKey: HoverKey;
  imageTranslation: ImageTranslationMode;
}

export function pageSettingsOf(settings: Settings): PageSettings {
  return {
    enabled: settings.enabled,
    display: settings.display,
    targetLanguage: settings.targetLanguage,
    backend: settings.backend,
    hoverDelayMs: settings.hoverDelayMs,
    hoverKey: settings.hoverKey,
    imageTranslation: settings.imageTranslation,
  };
}
