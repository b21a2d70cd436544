/**
 * Every RedBridge setting, declared once, in the order the options page shows them. A new
 * setting is a line here plus its `options_label_<path>` and `options_help_<path>` messages;
 * a backend's own settings are declared in its folder (`src/translation/backends/<id>/definition.ts`).
 */
import { BACKENDS } from '../translation/backends/registry';
import type { Field, FieldGroup } from './field';
import { choice, chineseLanguage, languageCode, toggle, wholeNumber, type FieldOptions } from './field-kinds';

export const BACKEND_IDS = BACKENDS.map((backend) => backend.id);
export type BackendId = (typeof BACKENDS)[number]['id'];

/** `bilingual`: overlays under every unit. `hover`: a unit's translation only when pointed at. `off`: none. */
export const DISPLAY_MODES = ['bilingual', 'hover', 'off'] as const;
/** A key that must be held for hover translation; `none`: the dwell alone is enough. */
export const HOVER_KEYS = ['none', 'Alt', 'Ctrl', 'Shift'] as const;
/** The register of a reply: RedNote's own casual one, or polite. Only LLM backends can follow it. */
export const REPLY_TONES = ['casual', 'polite'] as const;
/**
 * When the text on a note's images is read (on-device OCR) and translated. `auto`: the slide
 * shown when a note opens is read then, and each further slide when it is shown. `button`: an
 * image is read only when the reader clicks the EN button on it. `off`: no image translation.
 */
export const IMAGE_TRANSLATION_MODES = ['auto', 'button', 'off'] as const;
/**
 * A video note's subtitles (RedNote's own speech-recognition tracks, which its player does not
 * show). `auto`: shown over the video in English and listed in a transcript under it. `off`: none.
 */
export const VIDEO_SUBTITLE_MODES = ['auto', 'off'] as const;
/** The language of the captions over a video: the English, the Chinese they come from, or both lines. */
export const SUBTITLE_LANGUAGES = ['english', 'chinese', 'both'] as const;
/** Suggestions for the target language box; any BCP 47 code is accepted. */
const TARGET_SUGGESTIONS = ['en', 'en-GB', 'fr', 'de', 'es', 'it', 'pt', 'ru', 'ja', 'ko', 'vi', 'th', 'id'];
/** The Chinese a reply can be written in, as listed; any `zh-…` code is accepted. */
const REPLY_LANGUAGES = ['zh-CN', 'zh-TW', 'zh-HK'];

const isBackendId = (value: unknown): value is BackendId => (BACKEND_IDS as readonly unknown[]).includes(value);

const backendChoice = <const O extends FieldOptions>(fallback: BackendId, options: O): Field<BackendId> & O => ({
  default: fallback,
  accepts: isBackendId,
  control: { kind: 'backend' },
  error: 'invalid',
  ...options,
});

/** Backends in order, each once. */
const backendList = <const O extends FieldOptions>(fallback: BackendId[], options: O): Field<BackendId[]> & O => ({
  default: fallback,
  accepts: (value): value is BackendId[] => Array.isArray(value) && value.every(isBackendId) && new Set(value).size === value.length,
  control: { kind: 'fallbacks' },
  error: 'invalid',
  ...options,
});

type BackendSettingsFields = {
  [B in (typeof BACKENDS)[number] as keyof B['settings'] extends never ? never : B['id']]: B['settings'];
};

/** Each backend's own settings, under its id; backends with none (Chrome's on-device one) have no group. */
const backendSettings = Object.fromEntries(
  BACKENDS.filter((backend) => Object.keys(backend.settings).length > 0).map((backend) => [backend.id, backend.settings]),
) as BackendSettingsFields;

export const SETTINGS_FIELDS = {
  /** Off: RedNote's pages stay as they are. */
  enabled: toggle(true, { section: 'general', page: true }),
  display: choice(DISPLAY_MODES, 'bilingual', 'radio', { section: 'general', page: true }),
  /** How long the pointer rests on a unit before its translation shows, in `hover` mode. */
  hoverDelayMs: wholeNumber(400, { min: 0, max: 5000, step: 50 }, { section: 'general', inRow: true, page: true, error: 'hoverDelayMs' }),
  /** A key to hold while pointing, in `hover` mode (in addition to the dwell). */
  hoverKey: choice(HOVER_KEYS, 'none', 'select', { section: 'general', inRow: true, page: true }),
  imageTranslation: choice(IMAGE_TRANSLATION_MODES, 'auto', 'radio', { section: 'general', page: true }),
  videoSubtitles: choice(VIDEO_SUBTITLE_MODES, 'auto', 'radio', { section: 'general', page: true }),
  /** Also changed from the switch on the video, which remembers it through `set-subtitle-language`. */
  subtitleLanguage: choice(SUBTITLE_LANGUAGES, 'english', 'select', { section: 'general', page: true }),
  /** Pinyin beside Chinese display names (names are never translated; this says how they sound). */
  romanizeNames: toggle(true, { section: 'general', page: true }),
  /** BCP 47 code the translations are written in. */
  targetLanguage: languageCode('en', TARGET_SUGGESTIONS, { section: 'languages', page: true, error: 'targetLanguage' }),
  /** The Chinese replies are written in: the user's English is translated into it. */
  replyLanguage: chineseLanguage('zh-CN', REPLY_LANGUAGES, { section: 'languages', inRow: true, error: 'replyLanguage' }),
  /** The tone a new reply starts with; the composer remembers the last one chosen. */
  replyTone: choice(REPLY_TONES, 'casual', 'select', { section: 'languages', inRow: true }),
  /** Explain RedNote slang under machine translations, and give LLMs the glossary. */
  slangNotes: toggle(true, { section: 'languages' }),
  /** The backend every unit is sent to first. */
  backend: backendChoice('google', { section: 'backends', page: true }),
  /** Backends tried in order when the one before failed for a unit (the primary is skipped). */
  fallbacks: backendList(['microsoft'], { section: 'backends' }),
  /** Most translations kept in the cache; the least recently used go first beyond it. */
  cacheMaxEntries: wholeNumber(100_000, { min: 1_000, max: 1_000_000, step: 1000 }, { section: 'cacheLimits', inRow: true, error: 'cacheMaxEntries' }),
  /** Translations older than this many days are translated again. */
  cacheMaxAgeDays: wholeNumber(90, { min: 1, max: 3650, step: 1 }, { section: 'cacheLimits', inRow: true, error: 'cacheMaxAgeDays' }),
  backends: backendSettings,
} satisfies FieldGroup;
