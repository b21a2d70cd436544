/**
 * What one setting is: its default, the values it accepts, the message that says why a value
 * was refused, how the options page shows it, and who may see it. Every other view of a setting
 * (the `Settings` type, the defaults, validation, `PageSettings`, the options form, keyless
 * exports) is derived from these declarations (src/settings/declarations.ts).
 */

/** How the options page shows a setting. Labels and help come from `options_label_<path>` / `options_help_<path>`. */
export type Control =
  | { kind: 'checkbox' }
  /** One choice among a few, each with its `options_<name>_<value>` label and `…_help` text. */
  | { kind: 'radio'; options: readonly string[] }
  /** One choice in a list: `options_<name>_<value>` labels each (`-` as `_`). */
  | { kind: 'select'; options: readonly string[] }
  /** A translation backend, named by its localized label. */
  | { kind: 'backend' }
  /** The ordered list of fallback backends. */
  | { kind: 'fallbacks' }
  | { kind: 'number'; min: number; max: number; step: number }
  /** `suggestions`: language codes offered in a list, named in the reader's language. */
  | { kind: 'text'; type: 'text' | 'url'; placeholder?: string; suggestions?: readonly string[] }
  /** An API key: masked, and left out of keyless exports. */
  | { kind: 'secret' };

/** The options page's cards, in the order they appear. Backend fields show under their backend instead. */
export const FORM_SECTIONS = ['general', 'languages', 'backends', 'cacheLimits'] as const;
export type FormSection = (typeof FORM_SECTIONS)[number];

export interface Field<T> {
  readonly default: T;
  readonly accepts: (value: unknown) => value is T;
  /** Names `options_error_<error>`, the message shown when a value is refused. */
  readonly error: string;
  readonly control: Control;
  /** The options page's card; none for a backend's own fields. */
  readonly section?: FormSection;
  /** Shown beside the next field that also has `inRow`. */
  readonly inRow?: boolean;
  /** Content scripts get it (in `PageSettings`); nothing secret or network-related may be. */
  readonly page?: boolean;
}

/** Settings grouped as they are stored: `backends.deepl.apiKey` is a field of the `deepl` group. */
export interface FieldGroup {
  readonly [name: string]: Field<unknown> | FieldGroup;
}

export function isField(node: Field<unknown> | FieldGroup): node is Field<unknown> {
  return typeof node.accepts === 'function';
}

/** The values a group of declarations stands for: `{ host: Field<string> }` → `{ host: string }`. */
export type ValuesOf<G> = { -readonly [K in keyof G]: G[K] extends Field<infer T> ? T : ValuesOf<G[K]> };

/** The names of a group's fields marked `page: true`. */
export type PageFieldName<G> = { [K in keyof G]: G[K] extends { page: true } ? K : never }[keyof G];

/** Every field in `group` with its dotted path (`backends.deepl.apiKey`), in declaration order. */
export function fieldsOf(group: FieldGroup, prefix = ''): [string, Field<unknown>][] {
  return Object.entries(group).flatMap(([name, node]) =>
    isField(node) ? [[`${prefix}${name}`, node] as [string, Field<unknown>]] : fieldsOf(node, `${prefix}${name}.`),
  );
}
