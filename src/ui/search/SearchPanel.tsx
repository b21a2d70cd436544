import { t } from '../i18n';
import { backIsCurrent, canSubmit, queryOf, type SearchState } from './search-state';

export interface SearchPanelProps {
  state: SearchState;
  /** Pinyin of the Chinese query, when RedBridge can give it; null hides the line. */
  pinyin: string | null;
  onChineseInput(chinese: string): void;
  onRetry(): void;
  onCheck(): void;
  onSearch(): void;
  onClose(): void;
}

/** `text` ending with a full stop, unless it already ends with punctuation. */
function sentence(text: string): string {
  return /[.!?。！？]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** The back-translation line: what the Chinese means, or why that is not known yet. */
function BackLine({ state, onCheck }: Pick<SearchPanelProps, 'state' | 'onCheck'>) {
  if (state.checking) return <p class="status" role="status">{t('search_status_checking')}</p>;
  if (state.error?.step === 'check') {
    return (
      <p class="status error" role="alert">
        {t('search_status_checkFailed', sentence(state.error.message))}{' '}
        <button type="button" onClick={onCheck}>{t('search_retryCheck')}</button>
      </p>
    );
  }
  if (!backIsCurrent(state)) {
    return (
      <p class="back">
        <button type="button" onClick={onCheck}>{t('search_check')}</button>
      </p>
    );
  }
  return (
    <p class="back" data-part="back">
      <span class="label">{t('search_means')}</span> <span lang="en">{state.back}</span>
    </p>
  );
}

/** The panel under the search box: the Chinese query (editable), its pinyin and meaning, and Search. */
export function SearchPanel(props: SearchPanelProps) {
  const { state, pinyin } = props;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
    }
  };
  const showResult = state.step === 'ready' || state.step === 'submitted';
  return (
    <div class="panel" role="dialog" aria-label={t('search_panel_label')} onKeyDown={onKeyDown}>
      <p class="english">
        <span class="label">{t('search_english')}</span> <span lang="en">{state.english}</span>
      </p>
      {state.step === 'translating' && (
        <p class="status" role="status">{t('search_status_translating')}</p>
      )}
      {state.step === 'failed' && state.error && (
        <p class="status error" role="alert">
          {t('search_status_failed', sentence(state.error.message))}{' '}
          <button type="button" onClick={props.onRetry}>{t('search_retry')}</button>
        </p>
      )}
      {state.step === 'typed' && state.english.trim() === '' && (
        <p class="status error" role="alert">{t('search_status_empty')}</p>
      )}
      {showResult && (
        <div class="result">
          <label class="chinese">
            <span class="label">{t('search_chinese')}</span>
            <input
              type="text"
              lang="zh-CN"
              value={state.chinese}
              onInput={(event) => props.onChineseInput(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.isComposing && canSubmit(state)) props.onSearch();
              }}
            />
          </label>
          {pinyin && queryOf(state) !== '' && <p class="pinyin" data-part="pinyin">{pinyin}</p>}
          <BackLine state={state} onCheck={props.onCheck} />
        </div>
      )}
      <div class="actions">
        {showResult && (
          <button type="button" class="primary" disabled={!canSubmit(state)} onClick={props.onSearch}>
            {t('search_submit')}
          </button>
        )}
        <button type="button" onClick={props.onClose}>{t('search_close')}</button>
      </div>
    </div>
  );
}
