import { useEffect, useRef, useState } from 'preact/hooks';
import { FORM_SECTIONS } from '../../settings/field';
import type { BackendId } from '../../settings/schema';
import { t } from '../i18n';
import { backendOrder, BackendSettings } from './BackendSettings';
import type { TestAnswer } from './BackendTest';
import { CacheSection } from './CacheSection';
import type { FormBinding } from './fields';
import { ImageTextSection } from './ImageTextSection';
import type { OptionsApi } from './options-api';
import { exportSettings, importSettings, type ImportResult } from './settings-file';
import {
  errorsForBackend,
  formOf,
  SETTING_FIELDS,
  validateForm,
  withValue,
  type FieldErrors,
  type FieldPath,
  type SettingsForm,
} from './settings-form';
import { SettingFields } from './SettingField';
import { TransferSection } from './TransferSection';
import { messageOf } from '../../untyped';

export const EXPORT_FILE_NAME = 'redbridge-settings.json';

type Load = { kind: 'loading' } | { kind: 'loaded'; form: SettingsForm } | { kind: 'failed'; message: string };

type SaveState =
  | { kind: 'idle' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid'; count: number }
  | { kind: 'failed'; message: string };


/**
 * The options page: every setting with its help, checked with the rules stored settings follow,
 * saved as a whole to `storage.local` by Save; a Test per backend, cache statistics, how the
 * text recognition on images is doing, and the settings as a JSON file.
 */
export function OptionsPage({ api }: { api: OptionsApi }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  /** Bumped to move the focus to the first invalid field once it is rendered. */
  const [focusRequest, setFocusRequest] = useState(0);
  /** The user changed something Save has not stored: changes made elsewhere must not replace it. */
  const dirty = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let alive = true;
    api.load().then(
      (settings) => alive && setLoad({ kind: 'loaded', form: formOf(settings) }),
      (error: unknown) => alive && setLoad({ kind: 'failed', message: messageOf(error) }),
    );
    const stop = api.watch((settings) => {
      if (!dirty.current) setLoad({ kind: 'loaded', form: formOf(settings) });
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      alive = false;
      stop();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  useEffect(() => {
    if (focusRequest === 0) return;
    // A backend with an invalid field is unfolded in the same render that marks it.
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  if (load.kind === 'loading') return <p class="loading">{t('options_loading')}</p>;
  if (load.kind === 'failed') {
    return (
      <p class="error" role="alert">
        {t('options_loadFailed', load.message)}
      </p>
    );
  }
  const form = load.form;

  function changed(next: SettingsForm): void {
    dirty.current = true;
    setLoad({ kind: 'loaded', form: next });
    setSave({ kind: 'unsaved' });
  }

  const binding: FormBinding = {
    form,
    errors,
    set(path: FieldPath, value: unknown) {
      changed(withValue(form, path, value));
      if (errors[path] !== undefined) setErrors(({ [path]: _fixed, ...rest }) => rest);
    },
  };

  /** Marks `errors` in the form and moves the focus to the first. */
  function showErrors(next: FieldErrors): void {
    setErrors(next);
    setFocusRequest((n) => n + 1);
  }

  async function onSave(event: Event): Promise<void> {
    event.preventDefault();
    const { settings, errors: found } = validateForm(form);
    const count = Object.keys(found).length;
    if (count > 0) {
      showErrors(found);
      setSave({ kind: 'invalid', count });
      return;
    }
    setErrors({});
    setSave({ kind: 'saving' });
    try {
      await api.save(settings);
      dirty.current = false;
      // What was stored, tidied (spaces trimmed, the delay a number again).
      setLoad({ kind: 'loaded', form: formOf(settings) });
      setSave({ kind: 'saved' });
    } catch (error) {
      setSave({ kind: 'failed', message: messageOf(error) });
    }
  }

  async function test(backend: BackendId): Promise<TestAnswer> {
    const { settings, errors: found } = validateForm(form);
    const blocking = errorsForBackend(found, backend);
    if (blocking.length > 0) {
      showErrors({ ...errors, ...Object.fromEntries(blocking.map((path) => [path, found[path]])) });
      return { ok: false, invalidFields: true };
    }
    return api.testBackend(backend, settings);
  }

  function exportFile(includeKeys: boolean): boolean {
    const { settings, errors: found } = validateForm(form);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return false;
    }
    api.download(EXPORT_FILE_NAME, exportSettings(settings, includeKeys));
    return true;
  }

  function importText(text: string): ImportResult {
    const result = importSettings(form, text);
    if (result.ok && result.applied > 0) {
      changed(result.form);
      setErrors({});
    }
    return result;
  }

  return (
    <main>
      <header>
        <h1>{t('options_title')}</h1>
        <p class="intro">{t('options_intro')}</p>
      </header>
      <form ref={formRef} noValidate onSubmit={(event) => void onSave(event)}>
        {FORM_SECTIONS.map((section) => (
          <section class="card" aria-labelledby={`${section}-heading`} key={section}>
            <h2 id={`${section}-heading`}>{t(`options_${section}_heading`)}</h2>
            {section === 'backends' && <p class="help">{t('options_backends_help')}</p>}
            <SettingFields binding={binding} fields={SETTING_FIELDS.filter(([, field]) => field.section === section)} />
            {section === 'backends' &&
              backendOrder(form.backend, form.fallbacks).map((id) => (
                <BackendSettings key={id} backend={id} binding={binding} test={() => test(id)} />
              ))}
          </section>
        ))}

        <footer class="save-bar">
          <button type="submit" class="primary" disabled={save.kind === 'saving'}>
            {t('options_save')}
          </button>
          <p class="save-status" role="status">
            {save.kind === 'unsaved' && t('options_save_unsaved')}
            {save.kind === 'saving' && t('options_save_saving')}
            {save.kind === 'saved' && t('options_saved')}
          </p>
          {save.kind === 'invalid' && (
            <p class="error save-error" role="alert">
              {t('options_save_invalid', String(save.count))}
            </p>
          )}
          {save.kind === 'failed' && (
            <p class="error save-error" role="alert">
              {t('options_save_failed', save.message)}
            </p>
          )}
        </footer>
      </form>

      <CacheSection api={api} />
      <ImageTextSection api={api} />
      <TransferSection exportFile={exportFile} importText={importText} />
    </main>
  );
}
