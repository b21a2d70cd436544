import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { OcrStatus, OptionsApi } from './options-api';
import { useLoaded } from './use-loaded';
import { formatBytes, formatMegabytes, formatMilliseconds } from './format';
import { messageOf } from '../../untyped';

type EngineStatus = OcrStatus['engine'];


type Releasing = { kind: 'idle' } | { kind: 'releasing' } | { kind: 'released' } | { kind: 'failed'; message: string };


/** The engine's state in words: "Ready", "Failed: <why>"… */
export function engineStateText(engine: EngineStatus): string {
  switch (engine.state) {
    case 'not-loaded':
      return t('options_images_state_notLoaded');
    case 'loading':
      return t('options_images_state_loading');
    case 'ready':
      return t('options_images_state_ready');
    case 'failed':
      return engine.failure ? t('options_images_state_failed', engine.failure) : t('options_images_state_failedNoReason');
  }
}

/**
 * Text on images: how the on-device text recognition is doing (its state, the images it read,
 * its last load time), what it takes (the packaged models, the cached readings), a button that
 * frees its memory at once instead of after its idle minutes, and the credits of its models.
 */
export function ImageTextSection({ api }: { api: Pick<OptionsApi, 'ocrStatus' | 'releaseOcr'> }) {
  const { loaded: status, refresh, alive } = useLoaded(() => api.ocrStatus());
  const [releasing, setReleasing] = useState<Releasing>({ kind: 'idle' });


  async function release(): Promise<void> {
    // Not disabled while it works: a disabled button would drop the keyboard focus.
    if (releasing.kind === 'releasing') return;
    setReleasing({ kind: 'releasing' });
    try {
      await api.releaseOcr();
      if (!alive.current) return;
      setReleasing({ kind: 'released' });
      await refresh();
    } catch (error) {
      if (alive.current) setReleasing({ kind: 'failed', message: messageOf(error) });
    }
  }

  const known = status.kind === 'ok' ? status.value : null;
  return (
    <section class="card" aria-labelledby="images-heading">
      <h2 id="images-heading">{t('options_images_heading')}</h2>
      <p class="help">{t('options_images_help')}</p>
      {status.kind === 'failed' ? (
        <p class="error" role="alert">
          {t('options_images_statusFailed', status.message)}
        </p>
      ) : (
        <dl class="stats" aria-busy={status.kind === 'loading'}>
          <div>
            <dt>{t('options_images_state')}</dt>
            <dd data-stat="state">{known ? engineStateText(known.engine) : '…'}</dd>
          </div>
          <div>
            <dt>{t('options_images_read')}</dt>
            <dd data-stat="images-read">{known ? known.engine.imagesRead.toLocaleString() : '…'}</dd>
          </div>
          {known?.engine.loadMs !== undefined && (
            <div>
              <dt>{t('options_images_loadTime')}</dt>
              <dd data-stat="load-time">{formatMilliseconds(known.engine.loadMs)}</dd>
            </div>
          )}
          <div>
            <dt>{t('options_images_packaged')}</dt>
            <dd data-stat="packaged">{known ? formatMegabytes(known.packagedBytes) : '…'}</dd>
          </div>
          <div>
            <dt>{t('options_images_cached')}</dt>
            <dd data-stat="cached">
              {known
                ? t('options_images_cachedValue', [known.cached.entries.toLocaleString(), formatBytes(known.cached.bytes)])
                : '…'}
            </dd>
          </div>
        </dl>
      )}
      <div class="actions">
        <button type="button" onClick={() => void refresh()} disabled={status.kind === 'loading'}>
          {t('options_images_refresh')}
        </button>
        <button type="button" aria-describedby="images-release-help" onClick={() => void release()}>
          {t('options_images_release')}
        </button>
      </div>
      <p class="help" id="images-release-help">
        {t('options_images_releaseHelp')}
      </p>
      <p class="status" role="status">
        {releasing.kind === 'releasing' && t('options_images_releasing')}
        {releasing.kind === 'released' && t('options_images_released')}
      </p>
      {releasing.kind === 'failed' && (
        <p class="error" role="alert">
          {t('options_images_releaseFailed', releasing.message)}
        </p>
      )}
      <p class="help credits">{t('options_images_credits')}</p>
    </section>
  );
}
