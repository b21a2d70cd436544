/**
 * The kinds of setting RedBridge has, each a `Field` maker: the check, the default control and
 * the default refusal message come with the kind; a declaration adds its card and anything else.
 */
import type { Control, Field } from './field';

/** What a declaration may add to its kind. `page: true` stays literal, so `PageSettings` can be derived. */
export type FieldOptions = Partial<Pick<Field<unknown>, 'error' | 'section' | 'inRow' | 'page'>>;

type Check<T> = (value: unknown) => value is T;

function make<T, const O extends FieldOptions>(accepts: Check<T>, fallback: T, control: Control, error: string, options?: O): Field<T> & O {
  return { default: fallback, accepts, control, error, ...(options as O) };
}

const isString: Check<string> = (v): v is string => typeof v === 'string';

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const toggle = <const O extends FieldOptions>(fallback: boolean, options?: O) =>
  make((v): v is boolean => typeof v === 'boolean', fallback, { kind: 'checkbox' }, 'invalid', options);

/** One of `values`, shown as radio buttons (a few choices, each explained) or a select. */
export const choice = <const T extends string, const O extends FieldOptions>(
  values: readonly T[],
  fallback: NoInfer<T>,
  shown: 'radio' | 'select',
  options?: O,
) => make((v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v), fallback, { kind: shown, options: values }, 'invalid', options);

/** A whole number from `min` to `max`, typed into a number box. */
export const wholeNumber = <const O extends FieldOptions>(fallback: number, limits: { min: number; max: number; step: number }, options?: O) =>
  make(
    (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= limits.min && v <= limits.max,
    fallback,
    { kind: 'number', ...limits },
    'invalid',
    options,
  );

/** A BCP 47 language code (`en`, `en-GB`, `zh-Hant-TW`). */
export const languageCode = <const O extends FieldOptions>(fallback: string, suggestions: readonly string[], options?: O) =>
  make(
    (v): v is string => typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v),
    fallback,
    { kind: 'text', type: 'text', suggestions },
    'invalid',
    options,
  );

/** Chinese written one way or another: `zh-CN`, `zh-TW`, `zh-HK`; `suggested` are listed, any `zh-…` is accepted. */
export const chineseLanguage = <const O extends FieldOptions>(fallback: string, suggested: readonly string[], options?: O) =>
  make((v): v is string => typeof v === 'string' && /^zh(-[A-Za-z]{2,4})?$/.test(v), fallback, { kind: 'select', options: suggested }, 'invalid', options);

export const httpUrl = <const O extends FieldOptions>(fallback: string, placeholder?: string, options?: O) =>
  make(isHttpUrl, fallback, { kind: 'text', type: 'url', placeholder }, 'url', options);

/** A URL, or empty for "choose it for me". */
export const httpUrlOrEmpty = <const O extends FieldOptions>(fallback: string, placeholder?: string, options?: O) =>
  make((v): v is string => v === '' || isHttpUrl(v), fallback, { kind: 'text', type: 'url', placeholder }, 'urlOrEmpty', options);

/** A host name (`translate.google.com`, `127.0.0.1:8080`) or a full base URL. */
export const hostOrUrl = <const O extends FieldOptions>(fallback: string, options?: O) =>
  make(
    (v): v is string => isHttpUrl(v) || (typeof v === 'string' && /^[a-z0-9.-]+(:\d+)?$/i.test(v)),
    fallback,
    { kind: 'text', type: 'text' },
    'host',
    options,
  );

/** Free text that may not be blank (a model's name). */
export const requiredText = <const O extends FieldOptions>(fallback: string, placeholder?: string, options?: O) =>
  make((v): v is string => typeof v === 'string' && v.trim() !== '', fallback, { kind: 'text', type: 'text', placeholder }, 'invalid', options);

/** An API key: any text, empty when none is needed. Masked on the form, left out of keyless exports. */
export const secret = <const O extends FieldOptions>(options?: O) => make(isString, '', { kind: 'secret' }, 'invalid', options);
