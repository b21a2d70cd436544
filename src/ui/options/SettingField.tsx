import type { Field } from '../../settings/field';
import { BACKEND_IDS } from '../../settings/schema';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { CheckboxField, fieldId, RadioField, SecretField, SelectField, TextField, type FormBinding } from './fields';
import { FallbackList } from './FallbackList';
import type { FieldPath } from './form-paths';

/** `en` → `English`, in the reader's language. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One declared setting, shown as its control says. */
export function SettingField({ binding, path, field }: { binding: FormBinding; path: FieldPath; field: Field<unknown> }) {
  const name = path.split('.').at(-1)!;
  const control = field.control;
  switch (control.kind) {
    case 'checkbox':
      return <CheckboxField binding={binding} path={path} />;
    case 'radio':
      return <RadioField binding={binding} path={path} options={control.options} messagePrefix={name} />;
    case 'select': {
      // A valid stored value the list does not name (`zh-SG`) shows as it is.
      const label = (value: string) => (control.options.includes(value) ? t(`options_${name}_${value.replace(/-/g, '_')}`) : value);
      return <SelectField binding={binding} path={path} options={control.options} optionLabel={label} />;
    }
    case 'backend':
      return <SelectField binding={binding} path={path} options={BACKEND_IDS} optionLabel={backendLabel} />;
    case 'fallbacks':
      return (
        <FallbackList value={binding.form.fallbacks} primary={binding.form.backend} onChange={(next) => binding.set(path, next)} />
      );
    case 'number':
      return <TextField binding={binding} path={path} type="number" min={control.min} max={control.max} step={control.step} />;
    case 'secret':
      return <SecretField binding={binding} path={path} />;
    case 'text': {
      const { suggestions } = control;
      const list = suggestions ? `${fieldId(path)}-suggestions` : undefined;
      return (
        <>
          <TextField binding={binding} path={path} type={control.type} placeholder={control.placeholder} list={list} />
          {suggestions && (
            <datalist id={list}>
              {suggestions.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </datalist>
          )}
        </>
      );
    }
  }
}

/** Settings in declaration order; neighbours marked `inRow` share a row. */
export function SettingFields({ binding, fields }: { binding: FormBinding; fields: readonly [FieldPath, Field<unknown>][] }) {
  const groups: [FieldPath, Field<unknown>][][] = [];
  for (const entry of fields) {
    const last = groups.at(-1);
    if (entry[1].inRow && last?.[0]?.[1].inRow) last.push(entry);
    else groups.push([entry]);
  }
  return (
    <>
      {groups.map((group) => {
        const shown = group.map(([path, field]) => <SettingField key={path} binding={binding} path={path} field={field} />);
        return group[0]![1].inRow ? (
          <div class="row" key={group[0]![0]}>
            {shown}
          </div>
        ) : (
          shown
        );
      })}
    </>
  );
}

