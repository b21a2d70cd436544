import { t } from '../i18n';

interface BackTranslationProps {
  /** Ids this panel's elements are named by. */
  id: string;
  back: string;
  /** The Chinese was edited after `back` was made from it. */
  stale: boolean;
  checking: boolean;
}

/** The English back-translation of the Chinese: how the user checks what the reply says. */
export function BackTranslation({ id, back, stale, checking }: BackTranslationProps) {
  return (
    <>
      <p class="back-label" id={`${id}-back-label`}>
        {stale && back ? t('composer_back_labelStale') : t('composer_back_label')}
      </p>
      <p class="back" lang="en" dir="auto" role="status" aria-labelledby={`${id}-back-label`} data-stale={stale ? 'true' : 'false'}>
        {back || (checking ? t('composer_back_checking') : '—')}
      </p>
    </>
  );
}
