/**
 * RedBridge's settings as the code uses them, all derived from their declarations
 * (declarations.ts): the type, the defaults, validation and the part content scripts see.
 * Stored objects may be partial or come from an older version, so everything read goes through
 * `parseSettings`, which merges with the defaults and replaces invalid values.
 */
import { isRecord } from '../untyped';
import { isField, type FieldGroup, type PageFieldName, type ValuesOf } from './field';
import { BACKEND_IDS, SETTINGS_FIELDS, type BackendId } from './declarations';

export {
  BACKEND_IDS,
  DISPLAY_MODES,
  HOVER_KEYS,
  IMAGE_TRANSLATION_MODES,
  REPLY_TONES,
  SUBTITLE_LANGUAGES,
  VIDEO_SUBTITLE_MODES,
  type BackendId,
} from './declarations';

type Fields = typeof SETTINGS_FIELDS;
export type Settings = ValuesOf<Fields>;
export type DisplayMode = Settings['display'];
export type HoverKey = Settings['hoverKey'];
export type ReplyTone = Settings['replyTone'];
export type ImageTranslationMode = Settings['imageTranslation'];
export type VideoSubtitleMode = Settings['videoSubtitles'];
export type SubtitleLanguage = Settings['subtitleLanguage'];

export const SETTINGS_STORAGE_KEY = 'settings';

function defaultsOf(group: FieldGroup): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(group).map(([name, node]) => [name, isField(node) ? structuredClone(node.default) : defaultsOf(node)]),
  );
}

export const DEFAULT_SETTINGS = defaultsOf(SETTINGS_FIELDS) as Settings;

/** A stored value that was refused: where, why (names `options_error_<code>`), and what it was. */
export interface SettingProblem {
  /** The setting's dotted path, `backends.deepl.apiUrl`; a group's path when it was not an object. */
  path: string;
  code: string;
  value: unknown;
}

export interface ParsedSettings {
  settings: Settings;
  /** Every refused value, each replaced by its default. */
  problems: SettingProblem[];
  /** One line per problem, for the console. */
  warnings: string[];
}

/** Merges a stored (possibly partial, possibly invalid) value with the defaults. */
export function parseSettings(stored: unknown): ParsedSettings {
  const problems: SettingProblem[] = [];
  if (stored !== undefined && !isRecord(stored)) problems.push({ path: '', code: 'invalid', value: stored });

  function parseGroup(group: FieldGroup, source: Record<string, unknown>, prefix: string): Record<string, unknown> {
    const parsed: Record<string, unknown> = {};
    for (const [name, node] of Object.entries(group)) {
      const path = `${prefix}${name}`;
      const value = source[name];
      if (!isField(node)) {
        if (value !== undefined && !isRecord(value)) problems.push({ path, code: 'invalid', value });
        parsed[name] = parseGroup(node, isRecord(value) ? value : {}, `${path}.`);
      } else if (value === undefined) {
        parsed[name] = structuredClone(node.default);
      } else if (node.accepts(value)) {
        // A copy, so that changing the settings never changes the stored object (or the reverse).
        parsed[name] = structuredClone(value);
      } else {
        problems.push({ path, code: node.error, value });
        parsed[name] = structuredClone(node.default);
      }
    }
    return parsed;
  }

  const settings = parseGroup(SETTINGS_FIELDS, isRecord(stored) ? stored : {}, '') as Settings;
  return { settings, problems, warnings: problems.map(warningOf) };
}

function warningOf({ path, value }: SettingProblem): string {
  const fallback = path.split('.').reduce<unknown>((node, part) => (isRecord(node) && part ? node[part] : node), DEFAULT_SETTINGS);
  if (isRecord(fallback)) return `settings${path ? `.${path}` : ''}: not an object, using defaults`;
  return `settings.${path}: invalid value ${JSON.stringify(value)}, using ${JSON.stringify(fallback)}`;
}

/** The part of the settings a content script may see (declared `page: true`): never URLs or API keys. */
export type PageSettings = Pick<Settings, PageFieldName<Fields>> & {
  /** Every backend, in the registry's order: an overlay offers the others for a second opinion. */
  backendChoices: BackendId[];
};

const PAGE_FIELD_NAMES = Object.entries(SETTINGS_FIELDS)
  .filter(([, node]) => isField(node) && node.page === true)
  .map(([name]) => name) as PageFieldName<Fields>[];

export function pageSettingsOf(settings: Settings): PageSettings {
  const fields = Object.fromEntries(PAGE_FIELD_NAMES.map((name) => [name, settings[name]]));
  return { ...fields, backendChoices: [...BACKEND_IDS] } as PageSettings;
}
