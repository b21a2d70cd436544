import type { TranslateOutcome } from '../../messaging/wire';
import { t } from '../i18n';

export interface QueryLineProps {
  /** The Chinese the results page searched for. */
  query: string;
  /** Its English meaning; null while it is being translated. */
  meaning: TranslateOutcome | null;
  onRetry(): void;
}

/** The line at the top of a results page: which query was searched, and what it means. */
export function QueryLine({ query, meaning, onRetry }: QueryLineProps) {
  return (
    <p class="query-line" role="note">
      <span class="label">{t('search_results_query')}</span> <span lang="zh-CN" data-part="query">{query}</span>{' '}
      {meaning === null && <span class="status" role="status">{t('search_status_translatingQuery')}</span>}
      {meaning?.ok === true && (
        <span data-part="meaning">
          {t('search_means')} <span lang="en">“{meaning.translation}”</span>
        </span>
      )}
      {meaning?.ok === false && (
        <span class="status error" role="alert">
          {t('search_status_queryFailed', meaning.error.message)}{' '}
          <button type="button" onClick={onRetry}>{t('search_retry')}</button>
        </span>
      )}
    </p>
  );
}
