import { useState } from 'preact/hooks';
import { BACKEND_IDS, type BackendId } from '../../settings/schema';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { BackendTest, type TestAnswer } from './BackendTest';
import { fieldsOf, type Field } from '../../settings/field';
import { BACKENDS } from '../../translation/backends/registry';
import type { FormBinding } from './fields';
import type { FieldPath } from './form-paths';
import { SettingFields } from './SettingField';

/** Each backend's own settings, as its definition declares them, with their paths. */
const BACKEND_FIELDS = Object.fromEntries(
  BACKENDS.map((definition) => [definition.id, fieldsOf(definition.settings, `backends.${definition.id}.`)]),
) as Record<BackendId, [FieldPath, Field<unknown>][]>;

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
  const hasError = BACKEND_FIELDS[backend].some(([path]) => binding.errors[path] !== undefined);
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
        <SettingFields binding={binding} fields={BACKEND_FIELDS[backend]} />
        <BackendTest backend={backend} run={test} />
      </div>
    </section>
  );
}

/** The chain first (first choice, then fallbacks in order), then the other backends. */
export function backendOrder(primary: BackendId, fallbacks: readonly BackendId[]): BackendId[] {
  return [...new Set([primary, ...fallbacks, ...BACKEND_IDS])];
}
