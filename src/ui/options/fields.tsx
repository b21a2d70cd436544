import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { BackendId } from '../../settings/schema';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { valueAt, type FieldErrors, type FieldPath, type SettingsForm } from './settings-form';

/** The form as a field sees it: the values, the errors of the last check, and how to change one. */
export interface FormBinding {
  form: SettingsForm;
  errors: FieldErrors;
  set(path: FieldPath, value: unknown): void;
}

/** `field-backends-deepl-apiKey`: the input's id, which labels, help and errors refer to. */
export const fieldId = (path: FieldPath): string => `field-${path.replace(/\./g, '-')}`;

/** Every setting has a label and a help text: `options_label_<path>` and `options_help_<path>`, dots as `_`. */
export const labelOf = (path: FieldPath): string => t(`options_label_${path.replace(/\./g, '_')}`);
export const helpOf = (path: FieldPath): string => t(`options_help_${path.replace(/\./g, '_')}`);

/** The attributes tying an input to its help and, when it is invalid, to its error. */
export function describedBy(binding: FormBinding, path: FieldPath) {
  const id = fieldId(path);
  const invalid = binding.errors[path] !== undefined;
  return {
    id,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': invalid ? `${id}-error ${id}-help` : `${id}-help`,
  };
}

function Help({ path }: { path: FieldPath }) {
  return (
    <p class="help" id={`${fieldId(path)}-help`}>
      {helpOf(path)}
    </p>
  );
}

function FieldError({ binding, path }: { binding: FormBinding; path: FieldPath }) {
  const key = binding.errors[path];
  if (key === undefined) return null;
  return (
    <p class="error" id={`${fieldId(path)}-error`}>
      {t(key)}
    </p>
  );
}

interface FieldProps {
  binding: FormBinding;
  path: FieldPath;
}

function Frame({ binding, path, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class="field" data-invalid={binding.errors[path] !== undefined}>
      <label for={fieldId(path)}>{labelOf(path)}</label>
      {children}
      <FieldError binding={binding} path={path} />
      <Help path={path} />
    </div>
  );
}

export interface TextFieldProps extends FieldProps {
  type?: 'text' | 'url' | 'number';
  placeholder?: string;
  /** The id of a `<datalist>` of suggestions. */
  list?: string;
  min?: number;
  max?: number;
  step?: number;
}

export function TextField({ binding, path, type = 'text', placeholder, list, min, max, step }: TextFieldProps) {
  return (
    <Frame binding={binding} path={path}>
      <input
        {...describedBy(binding, path)}
        type={type}
        value={String(valueAt(binding.form, path) ?? '')}
        placeholder={placeholder}
        list={list}
        min={min}
        max={max}
        step={step}
        inputMode={type === 'number' ? 'numeric' : undefined}
        spellcheck={false}
        autocomplete="off"
        onInput={(event) => binding.set(path, event.currentTarget.value)}
      />
    </Frame>
  );
}

/** An API key: masked unless the user asks to see it, never offered to the browser's password manager. */
export function SecretField({ binding, path }: FieldProps) {
  const [shown, setShown] = useState(false);
  const id = fieldId(path);
  const inputProps = {
    ...describedBy(binding, path),
    value: String(valueAt(binding.form, path) ?? ''),
    spellcheck: false,
    autocomplete: 'off',
    onInput: (event: Event) => binding.set(path, (event.currentTarget as HTMLInputElement).value),
  };
  return (
    <Frame binding={binding} path={path}>
      <span class="secret">
        {shown ? <input type="text" {...inputProps} /> : <input type="password" {...inputProps} />}
        <button
          type="button"
          class="reveal"
          aria-controls={id}
          aria-label={t(shown ? 'options_hideKey' : 'options_showKey', backendLabel(path.split('.')[1] as BackendId))}
          onClick={() => setShown(!shown)}
        >
          {t(shown ? 'options_hide' : 'options_show')}
        </button>
      </span>
    </Frame>
  );
}

export interface SelectFieldProps<T extends string> extends FieldProps {
  options: readonly T[];
  /** The text each option shows. */
  optionLabel: (value: T) => string;
}

export function SelectField<T extends string>({ binding, path, options, optionLabel }: SelectFieldProps<T>) {
  const value = String(valueAt(binding.form, path) ?? '');
  // A valid stored value the list does not name (`zh-SG`) stays selectable.
  const all = options.includes(value as T) ? options : [...options, value as T];
  return (
    <Frame binding={binding} path={path}>
      <select {...describedBy(binding, path)} value={value} onChange={(event) => binding.set(path, event.currentTarget.value)}>
        {all.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckboxField({ binding, path }: FieldProps) {
  return (
    <div class="field checkbox" data-invalid={binding.errors[path] !== undefined}>
      <input
        {...describedBy(binding, path)}
        type="checkbox"
        checked={valueAt(binding.form, path) === true}
        onChange={(event) => binding.set(path, event.currentTarget.checked)}
      />
      <label for={fieldId(path)}>{labelOf(path)}</label>
      <FieldError binding={binding} path={path} />
      <Help path={path} />
    </div>
  );
}

export interface RadioFieldProps<T extends string> extends FieldProps {
  options: readonly T[];
  /** `options_<prefix>_<value>` labels each option, `options_<prefix>_<value>_help` explains it. */
  messagePrefix: string;
}

/** A short list of choices, each with its own explanation. */
export function RadioField<T extends string>({ binding, path, options, messagePrefix }: RadioFieldProps<T>) {
  const id = fieldId(path);
  const value = valueAt(binding.form, path);
  return (
    <fieldset class="field radios" aria-describedby={`${id}-help`}>
      <legend>{labelOf(path)}</legend>
      {options.map((option) => (
        <div class="radio" key={option}>
          <input
            type="radio"
            id={`${id}-${option}`}
            name={id}
            value={option}
            checked={value === option}
            aria-describedby={`${id}-${option}-help`}
            onChange={() => binding.set(path, option)}
          />
          <label for={`${id}-${option}`}>{t(`options_${messagePrefix}_${option}`)}</label>
          <span class="help" id={`${id}-${option}-help`}>
            {t(`options_${messagePrefix}_${option}_help`)}
          </span>
        </div>
      ))}
      <FieldError binding={binding} path={path} />
      <Help path={path} />
    </fieldset>
  );
}
