import { useState } from 'preact/hooks';
import { BACKEND_IDS, type BackendId } from '../../settings/schema';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { BackendTest, type TestAnswer } from './BackendTest';
import { SecretField, TextField, type FormBinding } from './fields';

interface BackendField {
  path: string;
  kind: 'text' | 'url' | 'secret';
  placeholder?: string;
}

/** Each backend's own settings, in the order the form shows them. */
const BACKEND_FIELDS: Record<BackendId, readonly BackendField[]> = {
  google: [{ path: 'backends.google.host', kind: 'text' }],
  microsoft: [
    { path: 'backends.microsoft.authUrl', kind: 'url' },
    { path: 'backends.microsoft.translateUrl', kind: 'url' },
  ],
  deepl: [
    { path: 'backends.deepl.apiKey', kind: 'secret' },
    { path: 'backends.deepl.apiUrl', kind: 'url', placeholder: 'https://api-free.deepl.com' },
  ],
  libretranslate: [
    { path: 'backends.libretranslate.url', kind: 'url', placeholder: 'http://localhost:5000' },
    { path: 'backends.libretranslate.apiKey', kind: 'secret' },
  ],
  openai: [
    { path: 'backends.openai.baseUrl', kind: 'url', placeholder: 'https://api.openai.com/v1' },
    { path: 'backends.openai.apiKey', kind: 'secret' },
    { path: 'backends.openai.model', kind: 'text', placeholder: 'gpt-4o-mini' },
  ],
  chrome: [],
};

export interface BackendSettingsProps {
  backend: BackendId;
  binding: FormBinding;
  test: () => Promise<TestAnswer>;
}

/**
 * One backend's settings: what it needs, its fields, and its Test button. Backends of the chain
 * (first choice and fallbacks) start unfolded, the others folded to one line; a backend with an
 * invalid field is always unfolded.
 */
export function BackendSettings({ backend, binding, test }: BackendSettingsProps) {
  const { form } = binding;
  const fallbackIndex = form.fallbacks.indexOf(backend);
  const role =
    form.backend === backend
      ? t('options_role_primary')
      : fallbackIndex >= 0
        ? t('options_role_fallback', String(fallbackIndex + 1))
        : null;
  const inChain = role !== null;
  /** The user's own choice, until the backend joins or leaves the chain. */
  const [folding, setFolding] = useState<{ inChain: boolean; open: boolean } | null>(null);
  const hasError = BACKEND_FIELDS[backend].some((field) => binding.errors[field.path] !== undefined);
  const open = hasError || (folding?.inChain === inChain ? folding.open : inChain);
  const id = `backend-${backend}`;
  return (
    <section class="backend" data-backend={backend} data-open={open} aria-labelledby={`${id}-name`}>
      <h3>
        <button
          type="button"
          class="disclosure"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setFolding({ inChain, open: !open })}
        >
          <span class="name" id={`${id}-name`}>
            {backendLabel(backend)}
          </span>
          {role && <span class="role">{role}</span>}
        </button>
      </h3>
      <div class="body" id={`${id}-body`} hidden={!open}>
        <p class="help">{t(`options_backend_${backend}_help`)}</p>
        {BACKEND_FIELDS[backend].map((field) =>
          field.kind === 'secret' ? (
            <SecretField key={field.path} binding={binding} path={field.path} />
          ) : (
            <TextField key={field.path} binding={binding} path={field.path} type={field.kind} placeholder={field.placeholder} />
          ),
        )}
        <BackendTest backend={backend} run={test} />
      </div>
    </section>
  );
}

/** The chain first (first choice, then fallbacks in order), then the other backends. */
export function backendOrder(primary: BackendId, fallbacks: readonly BackendId[]): BackendId[] {
  return [...new Set([primary, ...fallbacks, ...BACKEND_IDS])];
}
