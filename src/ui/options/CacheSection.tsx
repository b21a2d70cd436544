import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { OptionsApi } from './options-api';
import { useLoaded } from './use-loaded';
import { formatBytes, hitRate } from './format';
import { messageOf } from '../../untyped';


type Clearing = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'clearing' } | { kind: 'cleared' } | { kind: 'failed'; message: string };


/** How many translations the cache holds, its size and how often it answered, with Clear cache (after a confirmation). */
export function CacheSection({ api }: { api: Pick<OptionsApi, 'cacheStats' | 'clearCache'> }) {
  const { loaded: stats, refresh, alive } = useLoaded(() => api.cacheStats());
  const [clearing, setClearing] = useState<Clearing>({ kind: 'idle' });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);


  /** The confirmation's buttons went away: the focus goes back to the button that asked for it. */
  const returnFocus = useRef(false);
  useEffect(() => {
    if (clearing.kind === 'confirm') confirmRef.current?.focus();
    else if (returnFocus.current && clearing.kind !== 'clearing') {
      returnFocus.current = false;
      clearRef.current?.focus();
    }
  }, [clearing.kind]);

  async function clear(): Promise<void> {
    returnFocus.current = true;
    setClearing({ kind: 'clearing' });
    try {
      await api.clearCache();
      if (!alive.current) return;
      setClearing({ kind: 'cleared' });
      await refresh();
    } catch (error) {
      if (alive.current) setClearing({ kind: 'failed', message: messageOf(error) });
    }
  }

  function cancel(): void {
    returnFocus.current = true;
    setClearing({ kind: 'idle' });
  }

  const rate = stats.kind === 'ok' ? hitRate(stats.value.hits, stats.value.lookups) : null;
  return (
    <section class="card" aria-labelledby="cache-heading">
      <h2 id="cache-heading">{t('options_cache_heading')}</h2>
      <p class="help">{t('options_cache_help')}</p>
      {stats.kind === 'failed' ? (
        <p class="error" role="alert">
          {t('options_cache_statsFailed', stats.message)}
        </p>
      ) : (
        <dl class="stats" aria-busy={stats.kind === 'loading'}>
          <div>
            <dt>{t('options_cache_entries')}</dt>
            <dd data-stat="entries">{stats.kind === 'ok' ? stats.value.entries.toLocaleString() : '…'}</dd>
          </div>
          <div>
            <dt>{t('options_cache_size')}</dt>
            <dd data-stat="size">{stats.kind === 'ok' ? formatBytes(stats.value.bytes) : '…'}</dd>
          </div>
          <div>
            <dt>{t('options_cache_hitRate')}</dt>
            <dd data-stat="hit-rate">
              {stats.kind !== 'ok'
                ? '…'
                : rate === null
                  ? t('options_cache_noLookups')
                  : t('options_cache_hitRateValue', [rate, String(stats.value.hits), String(stats.value.lookups)])}
            </dd>
          </div>
        </dl>
      )}
      <p class="help">{t('options_cache_hitRateHelp')}</p>
      <div class="actions">
        <button type="button" onClick={() => void refresh()} disabled={stats.kind === 'loading'}>
          {t('options_cache_refresh')}
        </button>
        <button
          type="button"
          ref={clearRef}
          aria-expanded={clearing.kind === 'confirm'}
          aria-controls="cache-confirm"
          disabled={clearing.kind === 'clearing'}
          onClick={() => setClearing({ kind: 'confirm' })}
        >
          {t('options_cache_clear')}
        </button>
      </div>
      <div id="cache-confirm">
        {clearing.kind === 'confirm' && (
          <div
            class="confirm"
            role="group"
            aria-labelledby="cache-confirm-text"
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel();
            }}
          >
            <p id="cache-confirm-text">
              {t('options_cache_confirm', stats.kind === 'ok' ? stats.value.entries.toLocaleString() : '?')}
            </p>
            <button type="button" class="danger" ref={confirmRef} onClick={() => void clear()}>
              {t('options_cache_confirmClear')}
            </button>
            <button type="button" onClick={cancel}>
              {t('options_cancel')}
            </button>
          </div>
        )}
      </div>
      <p class="status" role="status">
        {clearing.kind === 'clearing' && t('options_cache_clearing')}
        {clearing.kind === 'cleared' && t('options_cache_cleared')}
      </p>
      {clearing.kind === 'failed' && (
        <p class="error" role="alert">
          {t('options_cache_clearFailed', clearing.message)}
        </p>
      )}
    </section>
  );
}
