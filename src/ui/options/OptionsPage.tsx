import { useEffect, useRef, useState } from 'preact/hooks';
import { BACKEND_IDS, DISPLAY_MODES, HOVER_KEYS, IMAGE_TRANSLATION_MODES, REPLY_TONES, type BackendId } from '../../settings/schema';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { backendOrder, BackendSettings } from './BackendSettings';
import type { TestAnswer } from './BackendTest';
import { CacheSection } from './CacheSection';
import { CheckboxField, RadioField, SelectField, TextField, type FormBinding } from './fields';
import { FallbackList } from './FallbackList';
import { ImageTextSection } from './ImageTextSection';
import type { OptionsApi } from './options-api';
import {
  errorsForBackend,
  exportSettings,
  formOf,
  importSettings,
  validateForm,
  withValue,
  type FieldErrors,
  type FieldPath,
  type ImportResult,
  type SettingsForm,
} from './settings-form';
import { TransferSection } from './TransferSection';
import { messageOf } from '../../untyped';

/** The Chinese a reply can be written in. */
const REPLY_LANGUAGES = ['zh-CN', 'zh-TW', 'zh-HK'] as const;
/** Suggestions for the target language box; any BCP 47 code is accepted. */
const TARGET_SUGGESTIONS = ['en', 'en-GB', 'fr', 'de', 'es', 'it', 'pt', 'ru', 'ja', 'ko', 'vi', 'th', 'id'];

export const EXPORT_FILE_NAME = 'redbridge-settings.json';

type Load = { kind: 'loading' } | { kind: 'loaded'; form: SettingsForm } | { kind: 'failed'; message: string };

type SaveState =
  | { kind: 'idle' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid'; count: number }
  | { kind: 'failed'; message: string };


function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

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
        <section class="card" aria-labelledby="general-heading">
          <h2 id="general-heading">{t('options_general_heading')}</h2>
          <CheckboxField binding={binding} path="enabled" />
          <RadioField binding={binding} path="display" options={DISPLAY_MODES} messagePrefix="display" />
          <div class="row">
            <TextField binding={binding} path="hoverDelayMs" type="number" min={0} max={5000} step={50} />
            <SelectField binding={binding} path="hoverKey" options={HOVER_KEYS} optionLabel={(key) => t(`options_hoverKey_${key}`)} />
          </div>
          <RadioField binding={binding} path="imageTranslation" options={IMAGE_TRANSLATION_MODES} messagePrefix="imageTranslation" />
        </section>

        <section class="card" aria-labelledby="languages-heading">
          <h2 id="languages-heading">{t('options_languages_heading')}</h2>
          <TextField binding={binding} path="targetLanguage" list="target-languages" />
          <datalist id="target-languages">
            {TARGET_SUGGESTIONS.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </datalist>
          <div class="row">
            <SelectField
              binding={binding}
              path="replyLanguage"
              options={REPLY_LANGUAGES}
              optionLabel={(code) => (REPLY_LANGUAGES.includes(code) ? t(`options_replyLanguage_${code.replace('-', '_')}`) : code)}
            />
            <SelectField binding={binding} path="replyTone" options={REPLY_TONES} optionLabel={(tone) => t(`options_replyTone_${tone}`)} />
          </div>
          <CheckboxField binding={binding} path="slangNotes" />
        </section>

        <section class="card" aria-labelledby="backends-heading">
          <h2 id="backends-heading">{t('options_backends_heading')}</h2>
          <p class="help">{t('options_backends_help')}</p>
          <SelectField binding={binding} path="backend" options={BACKEND_IDS} optionLabel={backendLabel} />
          <FallbackList value={form.fallbacks} primary={form.backend} onChange={(next) => binding.set('fallbacks', next)} />
          {backendOrder(form.backend, form.fallbacks).map((id) => (
            <BackendSettings key={id} backend={id} binding={binding} test={() => test(id)} />
          ))}
        </section>

        <section class="card" aria-labelledby="cache-limits-heading">
          <h2 id="cache-limits-heading">{t('options_cacheLimits_heading')}</h2>
          <div class="row">
            <TextField binding={binding} path="cacheMaxEntries" type="number" min={1000} max={1000000} step={1000} />
            <TextField binding={binding} path="cacheMaxAgeDays" type="number" min={1} max={3650} step={1} />
          </div>
        </section>

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
