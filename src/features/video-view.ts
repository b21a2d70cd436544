/**
 * One note video's subtitles (issue 31): loads the note's track through the background (the
 * page's own state lists the tracks; the background fetches and caches), follows playback,
 * and keeps the captions over the video and the transcript under the note in step with it.
 */
import type { SubtitlesRequest } from '../messaging/protocol';
import type { TranslateOutcome } from '../messaging/wire';
import type { SubtitleLanguage } from '../settings/schema';
import type { SubtitleTrack, VideoNote, VideoSite } from '../sites/types';
import { backendLabel } from '../ui/backend-label';
import { t } from '../ui/i18n';
import type { CaptionMode, CaptionPlace } from '../ui/VideoCaptions';
import { createCaptionHost, createTranscriptHost } from '../ui/video-host';
import type { TranscriptState } from '../ui/VideoTranscript';
import { cueLines, type LoadedTrack } from '../video/cue-lines';
import { cueIndexAt } from '../video/cue-timing';
import { createCueTranslations, type CueTranslations, type TranslateText } from '../video/cue-translation';
import type { SubtitleOutcome } from '../video/subtitle-loader';
import { messageOf } from '../untyped';
import type { TabStatsCounter } from './tab-stats';

/** Asks the background for the note's subtitles. */
export type LoadSubtitles = (request: Omit<SubtitlesRequest, 'type'>) => Promise<SubtitleOutcome>;

export interface VideoViewOptions {
  site: VideoSite;
  load: LoadSubtitles;
  translate: TranslateText;
  /** The language the captions start in (the setting, as this tab knows it now). */
  language(): SubtitleLanguage;
  /** The reader chose a language on the video: remembered as the setting. */
  rememberLanguage(language: SubtitleLanguage): void;
  stats?: TabStatsCounter;
}

const SCALE_STEP = 0.15;
const SCALES = { min: 0.6, max: 2.2 };

/** Why no subtitles could be shown, as the reader is told. */
function failureMessage(outcome: Extract<SubtitleOutcome, { ok: false }>): string {
  const failures = outcome.tried.map((tried) => (tried.group === 'page' ? 'page' : tried.failure));
  if (failures.includes('page')) return t('video_failed_page');
  if (failures.length > 0 && failures.every((failure) => failure === 'gone')) return t('video_failed_gone');
  if (failures.includes('timeout') || failures.includes('network')) return t('video_failed_timeout');
  return t('video_failed_other');
}

export interface VideoView {
  /** The setting changed (in the popup, the options, or another video's switch): the captions show it. */
  showLanguage(language: SubtitleLanguage): void;
  destroy(): void;
}

export function createVideoView(note: VideoNote, options: VideoViewOptions): VideoView {
  const { video, noteId } = note;
  // Asked before anything is drawn: the first cue waits on this answer.
  const firstAnswer = request();
  const captions = createCaptionHost(video);
  const transcript = note.transcriptSlot ? createTranscriptHost(note.transcriptSlot) : null;
  let state: { status: 'loading' } | { status: 'none' } | { status: 'failed'; message: string } | { status: 'ready'; track: LoadedTrack; translations: CueTranslations | null } = {
    status: 'loading',
  };
  let current = -1;
  let mode: CaptionMode = options.language();
  let scale = 1;
  let place: CaptionPlace = { x: 0, y: 0 };
  let destroyed = false;
  let renderQueued = false;
  let frame = 0;
  /** Which backend translated the cues shown (the first answer's), for the transcript's source line. */
  let translatedBy: string | null = null;

  const outcomeOf = (index: number): TranslateOutcome | undefined => (state.status === 'ready' ? state.translations?.outcomeOf(index) : undefined);

  function transcriptState(): TranscriptState {
    if (state.status !== 'ready') return state;
    const { track } = state;
    const cues = track.cues.map((_, index) => cueLines(track, index, outcomeOf));
    const source = track.translate ? t('video_source_translated', translatedBy ?? '…') : t('video_source_english');
    return { status: 'ready', cues, current, source };
  }

  function render(): void {
    renderQueued = false;
    if (destroyed) return;
    const lines = state.status === 'ready' && current >= 0 ? cueLines(state.track, current, outcomeOf) : null;
    captions.render({
      lines,
      mode,
      onMode(chosen) {
        mode = chosen;
        if (chosen !== 'off') options.rememberLanguage(chosen);
        render();
      },
      scale,
      onScale(step) {
        scale = Math.min(SCALES.max, Math.max(SCALES.min, scale + step * SCALE_STEP));
        render();
      },
      place,
      onPlace(next) {
        // Kept on the picture: the panel's centre within it.
        place = { x: Math.min(0.45, Math.max(-0.45, next.x)), y: Math.min(0.12, Math.max(-0.8, next.y)) };
        render();
      },
    });
    transcript?.render({
      state: transcriptState(),
      onSeek(time) {
        video.currentTime = time;
        follow();
      },
      onRetry: () => void load(),
      onRetryCue(index) {
        if (state.status === 'ready') state.translations?.retry(index);
        render();
      },
    });
  }

  /** Renders once per task however many answers arrive in it. */
  function queueRender(): void {
    if (renderQueued) return;
    renderQueued = true;
    queueMicrotask(render);
  }

  /** The cue showing now: a change renders at once, within the frame it starts in. */
  /** Shows the cue of `time`: the video's clock, or the time of the frame it is about to show. */
  function follow(time = video.currentTime): void {
    if (state.status !== 'ready') return;
    const index = cueIndexAt(state.track.cues, time);
    if (index === current) return;
    current = index;
    render();
  }

  /**
   * While the video plays (`timeupdate` comes only every quarter second or so): at each video
   * frame sent to the screen, by that frame's own time, so a cue's caption is drawn with the
   * first frame at or after its start; where the browser has no video frame callbacks, at each
   * animation frame, by the clock.
   */
  const frameCallbacks = typeof video.requestVideoFrameCallback === 'function';
  const nextFrame = (callback: (time?: number) => void): number =>
    frameCallbacks ? video.requestVideoFrameCallback((_now, shown) => callback(shown.mediaTime)) : requestAnimationFrame(() => callback());
  function everyFrame(time?: number): void {
    follow(time);
    frame = video.paused || video.ended || destroyed ? 0 : nextFrame(everyFrame);
  }

  function startFollowing(): void {
    if (!frame && !destroyed) frame = nextFrame(everyFrame);
  }

  const onTime = () => {
    follow();
    if (state.status === 'ready') state.translations?.prefetch(video.currentTime);
  };

  /** Asks the background for the subtitles: in this task when the page state answers at once. */
  function request(): Promise<SubtitleOutcome> {
    const ask = (tracks: SubtitleTrack[] | null) => options.load({ noteId, tracks, ...(tracks === null && note.xsecToken ? { xsecToken: note.xsecToken } : {}) });
    try {
      const tracks = options.site.pageTracks(noteId);
      return tracks instanceof Promise ? tracks.then(ask) : ask(tracks);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async function load(answer = request()): Promise<void> {
    state = { status: 'loading' };
    current = -1;
    render();
    let outcome: SubtitleOutcome;
    try {
      outcome = await answer;
    } catch (error) {
      if (destroyed) return;
      state = { status: 'failed', message: t('overlay_notResponding', messageOf(error)) };
      render();
      return;
    }
    if (destroyed) return;
    if (!outcome.ok) {
      state = outcome.reason === 'none' ? { status: 'none' } : { status: 'failed', message: failureMessage(outcome) };
      render();
      return;
    }
    const track: LoadedTrack = { cues: outcome.cues, translate: outcome.translate, chinese: outcome.chinese ?? null };
    const translations = outcome.translate
      ? createCueTranslations(outcome.cues, options.translate, (index) => {
          const answer = translations?.outcomeOf(index);
          if (answer?.ok && translatedBy === null) translatedBy = backendLabel(answer.backend);
          if (!destroyed) queueRender();
        })
      : null;
    state = { status: 'ready', track, translations };
    translations?.prefetch(video.currentTime);
    options.stats?.subtitlesShown(noteId);
    current = -2;
    follow();
    if (!video.paused) startFollowing();
  }

  const events: [string, () => void][] = [
    ['timeupdate', onTime],
    ['seeked', onTime],
    ['seeking', () => follow()],
    ['ratechange', () => follow()],
    ['play', startFollowing],
    ['playing', startFollowing],
    ['pause', () => follow()],
  ];
  for (const [type, listener] of events) video.addEventListener(type, listener);
  void load(firstAnswer);

  return {
    showLanguage(language) {
      mode = language;
      render();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (frameCallbacks) video.cancelVideoFrameCallback(frame);
      else cancelAnimationFrame(frame);
      for (const [type, listener] of events) video.removeEventListener(type, listener);
      captions.destroy();
      transcript?.destroy();
    },
  };
}
