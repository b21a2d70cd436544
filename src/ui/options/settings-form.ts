/**
 * The options page's pure logic: the form's state and the settings it stands for, validation
 * through `parseSettings` (one set of rules for stored, imported and typed settings), and the
 * JSON export and import.
 */
import { DEFAULT_SETTINGS, parseSettings, type BackendId, type Settings } from '../../settings/schema';
import { migrateSettings, SETTINGS_VERSION } from '../../settings/migrations';

/** Settings typed as numbers into text boxes. */
const NUMBER_FIELDS = ['hoverDelayMs', 'cacheMaxEntries', 'cacheMaxAgeDays'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

function isNumberField(path: string): path is NumberField {
  return (NUMBER_FIELDS as readonly string[]).includes(path);
}

/** The settings as the form holds them: a number is the text in its box until it is saved. */
export type SettingsForm = Omit<Settings, NumberField> & Record<NumberField, string>;

/** A setting's dotted path, as `parseSettings` names it in its warnings (`backends.deepl.apiUrl`). */
export type FieldPath = string;

/** Invalid fields of the form, each with the `options_error_…` message key that explains it. */
export type FieldErrors = Partial<Record<FieldPath, string>>;

export interface Validated {
  /** The form's settings, any invalid value replaced by its default. */
  settings: Settings;
  /** Empty when the form can be saved as it is. */
  errors: FieldErrors;
}

/** Settings holding an API key, which an export leaves out unless asked. */
const KEY_FIELDS = ['deepl', 'libretranslate', 'openai'] as const satisfies readonly (keyof Settings['backends'])[];

export function formOf(settings: Settings): SettingsForm {
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((field) => [field, String(settings[field])])) as Record<NumberField, string>;
  return { ...settings, ...numbers, backends: structuredClone(settings.backends) };
}

/** The value at `path` in an object, or undefined. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A copy of `form` with `value` at `path` (which must exist in the settings). */
export function withValue<T extends object>(form: T, path: FieldPath, value: unknown): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const record = form as Record<string, unknown>;
  if (rest.length === 0) return { ...record, [head]: value } as T;
  const child = record[head];
  return { ...record, [head]: withValue(typeof child === 'object' && child !== null ? child : {}, rest.join('.'), value) } as T;
}

/** Every setting's path (arrays such as `fallbacks` are one setting). */
export const SETTING_PATHS: readonly FieldPath[] = leafPaths(DEFAULT_SETTINGS);

function leafPaths(value: object, prefix = ''): FieldPath[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null && !Array.isArray(child)
      ? leafPaths(child as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** What is typed into a text box: surrounding spaces (from pasting) are never meant. */
function trimmed(form: SettingsForm): SettingsForm {
  let next = form;
  for (const path of SETTING_PATHS) {
    const value = valueAt(form, path);
    if (typeof value === 'string' && value !== value.trim()) next = withValue(next, path, value.trim());
  }
  return next;
}

/** The form's values as a settings object, before validation. */
function candidateOf(form: SettingsForm): Record<string, unknown> {
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((field) => {
      const text = form[field].trim();
      return [field, /^\d+$/.test(text) ? Number(text) : text];
    }),
  );
  return { ...trimmed(form), ...numbers };
}

/** The path a `parseSettings` warning is about (`settings.backends.deepl.apiUrl: invalid …`). */
function warningPath(warning: string): FieldPath | null {
  return /^settings\.([\w.]+):/.exec(warning)?.[1] ?? null;
}

/** Validates the form with the same rules as stored settings; each invalid field gets its message key. */
export function validateForm(form: SettingsForm): Validated {
  const { settings, warnings } = parseSettings(candidateOf(form));
  const errors: FieldErrors = {};
  for (const warning of warnings) {
    const path = warningPath(warning);
    if (path) errors[path] = errorKeyOf(path);
  }
  return { settings, errors };
}

/** Fields with their own explanation of what is accepted; any other gets `options_error_invalid`. */
const EXPLAINED_FIELDS: ReadonlySet<string> = new Set([
  'targetLanguage',
  'hoverDelayMs',
  'cacheMaxEntries',
  'cacheMaxAgeDays',
  'replyLanguage',
  'model',
]);

/** `options_error_hoverDelayMs`, `options_error_url`, …: the message key saying why a value at `path` was refused. */
export function errorKeyOf(path: FieldPath): string {
  const field = path.split('.').at(-1)!;
  if (/url$/i.test(field)) return path === 'backends.deepl.apiUrl' ? 'options_error_urlOrEmpty' : 'options_error_url';
  if (field === 'host') return 'options_error_host';
  return EXPLAINED_FIELDS.has(field) ? `options_error_${field}` : 'options_error_invalid';
}

/** The errors that keep `backend` from being tested as the form configures it. */
export function errorsForBackend(errors: FieldErrors, backend: BackendId): FieldPath[] {
  return Object.keys(errors).filter((path) => path.startsWith(`backends.${backend}.`) || path === 'targetLanguage');
}

/** The form's settings as a JSON file; API keys only when `includeKeys`. */
export function exportSettings(settings: Settings, includeKeys: boolean): string {
  const copy = structuredClone(settings) as unknown as { backends: Record<string, Record<string, unknown>> };
  if (!includeKeys) for (const id of KEY_FIELDS) delete copy.backends[id]!.apiKey;
  // The version first, so a later RedBridge knows which shape it imports.
  return `${JSON.stringify({ version: SETTINGS_VERSION, ...copy }, null, 2)}\n`;
}

/** A value in an imported file that was refused: the form keeps its own. */
export interface ImportWarning {
  path: FieldPath;
  /** The refused value, as JSON. */
  value: string;
}

export type ImportResult =
  | {
      ok: true;
      form: SettingsForm;
      /** How many settings the file set. */
      applied: number;
      warnings: ImportWarning[];
    }
  | { ok: false; error: 'not-json' | 'not-object' };

/**
 * Reads an exported (or hand-written) settings file into the form: each valid setting in the
 * file replaces the form's; settings absent from the file (API keys in a keyless export) and
 * invalid ones keep the form's values, and each invalid one is reported.
 */
export function importSettings(form: SettingsForm, text: string): ImportResult {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return { ok: false, error: 'not-object' };
  // A file exported by an older version is brought to today's shape first.
  file = migrateSettings(file);
  const { settings, warnings } = parseSettings(file);
  const refused = warnings.map(warningPath).filter((path): path is FieldPath => path !== null);
  const isRefused = (path: FieldPath) => refused.some((bad) => path === bad || path.startsWith(`${bad}.`));
  let next = form;
  let applied = 0;
  for (const path of SETTING_PATHS) {
    if (valueAt(file, path) === undefined || isRefused(path)) continue;
    const value = valueAt(settings, path);
    next = withValue(next, path, isNumberField(path) ? String(value) : value);
    applied += 1;
  }
  return {
    ok: true,
    form: next,
    applied,
    warnings: refused.map((path) => ({ path, value: JSON.stringify(valueAt(file, path)) ?? 'undefined' })),
  };
}

/** `0.4 kB`, `812.3 kB`, `2.5 MB`: the cache's rough size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `48.6 MB`: a size always in megabytes, for what is never small (the packaged OCR models). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `850 ms`, `1.2 s`: how long something took. */
export function formatMilliseconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Hits as a share of lookups, `87%`; null before the first lookup. */
export function hitRate(hits: number, lookups: number): string | null {
  if (lookups <= 0) return null;
  return `${Math.round((hits / lookups) * 100)}%`;
}

/** Moves the item at `index` by `delta` places; the same array when it cannot move. */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}
