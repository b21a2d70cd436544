import { useEffect, useRef } from 'preact/hooks';
import { clockTime, type CueLines } from '../video/cue-lines';
import { t } from './i18n';
import { SlangNotes } from './SlangNotes';

/** Where a video's subtitles stand, as the transcript says it. */
export type TranscriptState =
  | { status: 'loading' }
  /** The note lists no subtitles (a video with music only, or none made). */
  | { status: 'none' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; cues: CueLines[]; current: number; source: string };

export interface VideoTranscriptProps {
  state: TranscriptState;
  /** Plays from this time. */
  onSeek(time: number): void;
  /** Loads the subtitles again after a failure. */
  onRetry(): void;
  /** Translates cue `index` again after its translation failed. */
  onRetryCue(index: number): void;
}

function English({ cue, index, onRetryCue }: { cue: CueLines; index: number; onRetryCue: (index: number) => void }) {
  switch (cue.english.kind) {
    case 'text':
      return (
        <>
          <p class="en" lang="en" dir="auto">
            {cue.english.text}
          </p>
          {cue.english.slang && <SlangNotes slang={cue.english.slang} />}
        </>
      );
    case 'pending':
      return <p class="en pending">{t('overlay_translating')}</p>;
    case 'failed':
      return (
        <p class="en failed" role="alert">
          <span dir="auto">{t('overlay_error', cue.english.message)}</span>{' '}
          <button type="button" class="retry" data-retry-cue={index} onClick={() => onRetryCue(index)}>
            {t('overlay_retry')}
          </button>
        </p>
      );
  }
}

/**
 * Every cue of a video with its time, Chinese and English, as text a reader can select and a
 * screen reader reads. A cue's time plays the video from there (a click elsewhere on the line
 * too, unless the reader is selecting); the cue playing is marked and kept in view within the
 * list, without scrolling the page.
 */
export function VideoTranscript({ state, onSeek, onRetry, onRetryCue }: VideoTranscriptProps) {
  const list = useRef<HTMLOListElement>(null);
  const current = state.status === 'ready' ? state.current : -1;
  useEffect(() => {
    const box = list.current;
    const item = current >= 0 ? box?.children[current] : null;
    if (!box || !(item instanceof HTMLElement)) return;
    const top = item.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + item.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top - box.clientHeight / 3;
  }, [current]);

  return (
    <section class="rb-transcript" data-state={state.status} aria-label={t('video_transcript')}>
      <h3 class="heading">{t('video_transcript')}</h3>
      {state.status === 'loading' && (
        <p class="status" role="status" aria-busy="true">
          {t('video_loading')}
        </p>
      )}
      {state.status === 'none' && (
        <p class="status" role="status" data-no-subtitles="">
          {t('video_none')}
        </p>
      )}
      {state.status === 'failed' && (
        <p class="status error" role="alert">
          <span>{state.message}</span>{' '}
          <button type="button" class="retry" data-retry="" onClick={onRetry}>
            {t('overlay_retry')}
          </button>
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <p class="source">{state.source}</p>
          <ol class="cues" ref={list}>
            {state.cues.map((cue, index) => (
              <li
                key={index}
                class="cue"
                data-cue={index}
                aria-current={index === state.current ? 'true' : undefined}
                onClick={(event) => {
                  if (event.target instanceof Element && event.target.closest('button, summary')) return;
                  if (getSelection()?.isCollapsed === false) return;
                  onSeek(cue.start);
                }}
              >
                <button type="button" class="time" data-seek={cue.start} aria-label={t('video_play_from', clockTime(cue.start))} onClick={() => onSeek(cue.start)}>
                  {clockTime(cue.start)}
                </button>
                <div class="lines">
                  {cue.chinese !== null && (
                    <p class="zh" lang="zh-CN" dir="auto">
                      {cue.chinese}
                    </p>
                  )}
                  <English cue={cue} index={index} onRetryCue={onRetryCue} />
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
