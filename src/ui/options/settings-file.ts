/**
 * The settings as a JSON file: exported with the settings version (and API keys only when
 * asked), imported through the migrations and the same checks as stored settings.
 */
import { parseSettings, type Settings } from '../../settings/schema';
import { migrateSettings, SETTINGS_VERSION } from '../../settings/migrations';
import { valueAt, withValue, type FieldPath } from './form-paths';
import { isNumberPath, SETTING_FIELDS, SETTING_PATHS, type SettingsForm } from './settings-form';

/** Settings holding an API key, which an export leaves out unless asked. */
const SECRET_PATHS = SETTING_FIELDS.filter(([, field]) => field.control.kind === 'secret').map(([path]) => path);

/** The form's settings as a JSON file; API keys only when `includeKeys`. */
export function exportSettings(settings: Settings, includeKeys: boolean): string {
  let copy: Settings = structuredClone(settings);
  if (!includeKeys) for (const path of SECRET_PATHS) copy = withoutValue(copy, path);
  // The version first, so a later RedBridge knows which shape it imports.
  return `${JSON.stringify({ version: SETTINGS_VERSION, ...copy }, null, 2)}\n`;
}

function withoutValue<T extends object>(root: T, path: FieldPath): T {
  const parent = path.split('.').slice(0, -1).join('.');
  const record = { ...(valueAt(root, parent) as Record<string, unknown>) };
  delete record[path.split('.').at(-1)!];
  return withValue(root, parent, record);
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
  const { settings, problems } = parseSettings(file);
  const isRefused = (path: FieldPath) => problems.some((bad) => path === bad.path || path.startsWith(`${bad.path}.`));
  let next = form;
  let applied = 0;
  for (const path of SETTING_PATHS) {
    if (valueAt(file, path) === undefined || isRefused(path)) continue;
    const value = valueAt(settings, path);
    next = withValue(next, path, isNumberPath(path) ? String(value) : value);
    applied += 1;
  }
  return {
    ok: true,
    form: next,
    applied,
    warnings: problems.map(({ path, value }) => ({ path, value: JSON.stringify(value) ?? 'undefined' })),
  };
}
