import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { ImportResult, ImportWarning } from './settings-file';

export interface TransferSectionProps {
  /** Downloads the form's settings; false when the form has invalid fields (the page marks them). */
  exportFile: (includeKeys: boolean) => boolean;
  /** Reads a file's text into the form. */
  importText: (text: string) => ImportResult;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'exported'; withKeys: boolean }
  | { kind: 'export-invalid' }
  | { kind: 'imported'; file: string; applied: number; warnings: ImportWarning[] }
  | { kind: 'import-failed'; message: string };

/** Export of the settings as JSON (API keys only when asked) and import from such a file. */
export function TransferSection({ exportFile, importText }: TransferSectionProps) {
  const [includeKeys, setIncludeKeys] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  function onExport(): void {
    setStatus(exportFile(includeKeys) ? { kind: 'exported', withKeys: includeKeys } : { kind: 'export-invalid' });
  }

  async function onImport(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setStatus({ kind: 'import-failed', message: t('options_import_unreadable', [file.name, String(error)]) });
      return;
    } finally {
      // Choosing the same file again (after fixing it) is a new change.
      input.value = '';
    }
    const result = importText(text);
    if (!result.ok) {
      setStatus({ kind: 'import-failed', message: t(`options_import_${result.error === 'not-json' ? 'notJson' : 'notSettings'}`, file.name) });
      return;
    }
    setStatus({ kind: 'imported', file: file.name, applied: result.applied, warnings: result.warnings });
  }

  return (
    <section class="card" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('options_transfer_heading')}</h2>
      <div class="field checkbox">
        <input
          type="checkbox"
          id="export-include-keys"
          checked={includeKeys}
          aria-describedby="export-include-keys-help"
          onChange={(event) => setIncludeKeys(event.currentTarget.checked)}
        />
        <label for="export-include-keys">{t('options_export_includeKeys')}</label>
        <p class="help" id="export-include-keys-help">
          {t('options_export_includeKeys_help')}
        </p>
      </div>
      <div class="actions">
        <button type="button" class="export" onClick={onExport}>
          {t('options_export')}
        </button>
      </div>
      <div class="field">
        <label for="import-file">{t('options_import_label')}</label>
        <input
          type="file"
          id="import-file"
          accept="application/json,.json"
          aria-describedby="import-file-help"
          onChange={(event) => void onImport(event.currentTarget)}
        />
        <p class="help" id="import-file-help">
          {t('options_import_help')}
        </p>
      </div>
      <div class="transfer-status" role="status">
        {status.kind === 'exported' && <p>{t(status.withKeys ? 'options_export_doneWithKeys' : 'options_export_done')}</p>}
        {status.kind === 'imported' && <p>{t('options_import_done', [status.file, String(status.applied)])}</p>}
      </div>
      {status.kind === 'imported' && status.warnings.length > 0 && (
        <div class="warnings" role="alert">
          <p>{t('options_import_warnings', String(status.warnings.length))}</p>
          <ul>
            {status.warnings.map((warning) => (
              <li key={warning.path}>{t('options_import_warning', [warning.path, warning.value])}</li>
            ))}
          </ul>
        </div>
      )}
      {status.kind === 'export-invalid' && (
        <p class="error" role="alert">
          {t('options_export_invalid')}
        </p>
      )}
      {status.kind === 'import-failed' && (
        <p class="error" role="alert">
          {status.message}
        </p>
      )}
    </section>
  );
}
