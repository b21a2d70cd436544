import { t } from '../i18n';
import { SearchPanel, type SearchPanelProps } from './SearchPanel';

export interface SearchControlProps extends SearchPanelProps {
  open: boolean;
  /** The EN→中 button: translate what the search box holds. */
  onStart(): void;
}

/** RedBridge's control beside the page's search box, and its panel while open. */
export function SearchControl(props: SearchControlProps) {
  return (
    <div class="search-control">
      <button
        type="button"
        class="start"
        aria-label={t('search_start_label')}
        title={t('search_start_label')}
        aria-expanded={props.open}
        onClick={props.onStart}
      >
        {t('search_start')}
      </button>
      {props.open && <SearchPanel {...props} />}
    </div>
  );
}
