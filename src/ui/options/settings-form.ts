/**
 * The options form's state and the settings it stands for. Validation is `parseSettings` itself
 * (one set of rules for stored, imported and typed settings); which boxes hold numbers, and the
 * message for each refused value, come from the settings' declarations.
 */
import { fieldsOf, type Field } from '../../settings/field';
import { SETTINGS_FIELDS } from '../../settings/declarations';
import { parseSettings, type BackendId, type Settings } from '../../settings/schema';
import { valueAt, withValue, type FieldPath } from './form-paths';

export { valueAt, withValue, type FieldPath } from './form-paths';

/** Every setting with its path, in the order the form shows them (arrays such as `fallbacks` are one setting). */
export const SETTING_FIELDS: readonly [FieldPath, Field<unknown>][] = fieldsOf(SETTINGS_FIELDS);
export const SETTING_PATHS: readonly FieldPath[] = SETTING_FIELDS.map(([path]) => path);

/** Settings typed as numbers into text boxes. */
type NumberField = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];
const NUMBER_PATHS = SETTING_FIELDS.filter(([, field]) => field.control.kind === 'number').map(([path]) => path as NumberField);

export function isNumberPath(path: FieldPath): boolean {
  return (NUMBER_PATHS as readonly string[]).includes(path);
}

/** The settings as the form holds them: a number is the text in its box until it is saved. */
export type SettingsForm = Omit<Settings, NumberField> & Record<NumberField, string>;

/** Invalid fields of the form, each with the `options_error_…` message key that explains it. */
export type FieldErrors = Partial<Record<FieldPath, string>>;

export interface Validated {
  /** The form's settings, any invalid value replaced by its default. */
  settings: Settings;
  /** Empty when the form can be saved as it is. */
  errors: FieldErrors;
}

export function formOf(settings: Settings): SettingsForm {
  const numbers = Object.fromEntries(NUMBER_PATHS.map((path) => [path, String(settings[path])])) as Record<NumberField, string>;
  return { ...settings, ...numbers, backends: structuredClone(settings.backends) };
}

/** The form's values as a settings object, before validation: text trimmed (spaces from pasting are never meant), numbers read. */
function candidateOf(form: SettingsForm): Record<string, unknown> {
  let candidate: Record<string, unknown> = { ...form };
  for (const path of SETTING_PATHS) {
    const value = valueAt(form, path);
    if (typeof value !== 'string') continue;
    const text = value.trim();
    candidate = withValue(candidate, path, isNumberPath(path) && /^\d+$/.test(text) ? Number(text) : text);
  }
  return candidate;
}

/** Validates the form with the same rules as stored settings; each invalid field gets its message key. */
export function validateForm(form: SettingsForm): Validated {
  const { settings, problems } = parseSettings(candidateOf(form));
  const errors: FieldErrors = Object.fromEntries(problems.map(({ path, code }) => [path, `options_error_${code}`]));
  return { settings, errors };
}

/** The errors that keep `backend` from being tested as the form configures it. */
export function errorsForBackend(errors: FieldErrors, backend: BackendId): FieldPath[] {
  return Object.keys(errors).filter((path) => path.startsWith(`backends.${backend}.`) || path === 'targetLanguage');
}
