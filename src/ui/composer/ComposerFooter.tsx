import { t } from '../i18n';

interface ComposerFooterProps {
  saved: boolean;
  /** There are words to discard. */
  canDiscard: boolean;
  onDiscard: () => void;
}

/** Whether the draft is saved, and the way to throw it away. */
export function ComposerFooter({ saved, canDiscard, onDiscard }: ComposerFooterProps) {
  return (
    <footer class="foot">
      <span class="saved" aria-live="polite">
        {saved ? t('composer_draftSaved') : ''}
      </span>
      <button type="button" class="link" onClick={onDiscard} disabled={!canDiscard}>
        {t('composer_discard')}
      </button>
    </footer>
  );
}
