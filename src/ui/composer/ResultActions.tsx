import { t } from '../i18n';

interface ResultActionsProps {
  /** Offer "Check meaning": the Chinese was edited since its back-translation. */
  stale: boolean;
  busy: boolean;
  /** There is Chinese to insert. */
  hasChinese: boolean;
  /** Offer "Copy Chinese": the page's box did not take the text. */
  insertFailed: boolean;
  onCheck: () => void;
  onInsert: () => void;
  onCopy: () => void;
}

/** What the user can do with the Chinese. */
export function ResultActions({ stale, busy, hasChinese, insertFailed, onCheck, onInsert, onCopy }: ResultActionsProps) {
  return (
    <div class="row">
      {stale && (
        <button type="button" disabled={busy} onClick={onCheck}>
          {t('composer_checkMeaning')}
        </button>
      )}
      <button type="button" class="primary" disabled={busy || !hasChinese} onClick={onInsert}>
        {t('composer_insert')}
      </button>
      {insertFailed && (
        <button type="button" onClick={onCopy}>
          {t('composer_copyChinese')}
        </button>
      )}
    </div>
  );
}
