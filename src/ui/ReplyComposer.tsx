import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ReplyDraft } from '../drafts/draft';
import type { TypeResult } from '../dom/type-text';
import type { MarkedText, ReplyTranslation } from '../messaging/protocol';
import type { ReplyTone } from '../settings/schema';
import type { TranslateOutcome } from '../messaging/wire';
import { backendLabel } from './backend-label';
import { t } from './i18n';
import { messageOf } from '../untyped';

/** The comment being answered, as the panel shows it. */
export interface ComposerTarget {
  author: string;
  text: string;
  /** The @mentions the page marked in the comment's text. */
  mentions: readonly string[];
}

/** Everything the panel asks of the outside world: the background, the page's box, the clipboard. */
export interface ReplyComposerApi {
  loadDraft(): Promise<{ draft: ReplyDraft | null; tone: ReplyTone }>;
  saveDraft(draft: ReplyDraft): Promise<void>;
  discardDraft(): Promise<void>;
  translateReply(text: string, tone: ReplyTone, retry: boolean): Promise<ReplyTranslation>;
  checkReply(text: string, retry: boolean): Promise<TranslateOutcome>;
  rememberTone(tone: ReplyTone): Promise<void>;
  translateComment(comment: MarkedText): Promise<TranslateOutcome>;
  insert(text: string): TypeResult;
  copy(text: string): Promise<boolean>;
}

export interface ReplyComposerProps {
  target: ComposerTarget | null;
  api: ReplyComposerApi;
  onClose: () => void;
  /** Milliseconds a change waits before it is saved (typing saves once, not per key). */
  saveDelayMs?: number;
  /**
   * The longest a change stays unsaved while the user goes on typing: what an extension update
   * or a crash can lose (the page cannot save once the extension is gone).
   */
  maxUnsavedMs?: number;
}

/** What the panel is doing, or what last went wrong; errors keep every word the user wrote. */
type Activity =
  | { kind: 'idle' }
  | { kind: 'load-failed'; message: string }
  | { kind: 'translating' }
  | { kind: 'checking' }
  | { kind: 'empty' }
  | { kind: 'translate-failed'; message: string }
  | { kind: 'check-failed'; message: string }
  | { kind: 'inserted' }
  | { kind: 'insert-failed'; found: string }
  | { kind: 'copied' }
  | { kind: 'copy-failed' }
  | { kind: 'discarded' };

interface BackendNote {
  label: string;
  toneApplied: boolean;
}

/** The message naming each tone. */
const TONE_LABELS: Record<ReplyTone, string> = { casual: 'composer_tone_casual', polite: 'composer_tone_polite' };

/** Statuses about the English → Chinese step, shown by the Translate button; the rest by the result. */
const TRANSLATE_ACTIVITIES = new Set<Activity['kind']>(['load-failed', 'translating', 'empty', 'translate-failed']);

/** What the panel says when the background could not be asked. */
function notResponding(error: unknown): string {
  return t('composer_notResponding', messageOf(error));
}

/** `text` ending with a full stop, unless it already ends with punctuation. */
function sentence(text: string): string {
  return /[.!?。！？]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

type LoadStatus = 'loading' | 'loaded' | 'failed';

/**
 * The reply composer: English in, editable Chinese and its English back-translation out, then
 * into RedNote's own box. Every change is saved as a draft (debounced, and at once when the
 * panel closes), so nothing the user wrote is lost to a closed panel, a navigation or an error.
 */
export function ReplyComposer({ target, api, onClose, saveDelayMs = 400, maxUnsavedMs = 1000 }: ReplyComposerProps) {
  const id = useId();
  const englishRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const [loadStatus, setLoadStatus] = useState<LoadStatus>('loading');
  /** The same, for code that runs between renders (saving, shortcuts). */
  const loadStatusNow = useRef<LoadStatus>('loading');
  /** A translation or check is on its way: the keyboard shortcut must not start another. */
  const inFlight = useRef(false);
  const alive = useRef(true);
  const [english, setEnglish] = useState('');
  const [chinese, setChinese] = useState('');
  const [back, setBack] = useState('');
  /** The Chinese that `back` is the back-translation of: an edit after it makes `back` stale. */
  const [checked, setChecked] = useState('');
  const [tone, setTone] = useState<ReplyTone>('casual');
  const [activity, setActivity] = useState<Activity>({ kind: 'idle' });
  const [backendNote, setBackendNote] = useState<BackendNote | null>(null);
  const [targetTranslation, setTargetTranslation] = useState<TranslateOutcome | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = useRef(false);
  /** When the oldest unsaved change was made. */
  const unsavedSince = useRef(0);
  const latest = useRef<ReplyDraft>({ english: '', chinese: '', backTranslation: '', tone: 'casual', updatedAt: 0 });
  latest.current = { english, chinese, backTranslation: back, tone, updatedAt: Date.now() };

  function setLoad(status: LoadStatus): void {
    loadStatusNow.current = status;
    setLoadStatus(status);
  }

  /**
   * Loads the stored draft. The user may already be typing: their words win. Until a load has
   * succeeded nothing is saved, so a draft the user has not seen is never overwritten.
   */
  async function loadDraft(): Promise<void> {
    setLoad('loading');
    setActivity((current) => (current.kind === 'load-failed' ? { kind: 'idle' } : current));
    let answer: Awaited<ReturnType<ReplyComposerApi['loadDraft']>>;
    try {
      answer = await api.loadDraft();
    } catch (error) {
      if (!alive.current) return;
      setLoad('failed');
      setActivity({ kind: 'load-failed', message: notResponding(error) });
      return;
    }
    if (!alive.current) return;
    const { draft, tone: defaultTone } = answer;
    if (draft && !dirty.current) {
      setEnglish(draft.english);
      setChinese(draft.chinese);
      setBack(draft.backTranslation);
      setChecked(draft.backTranslation ? draft.chinese : '');
      setTone(draft.tone);
      setSaved(true);
    } else if (!dirty.current) {
      setTone(defaultTone);
    }
    setLoad('loaded');
    // Words typed while loading were held back: save them now.
    if (dirty.current) void flush();
  }

  useEffect(() => {
    englishRef.current?.focus();
    void loadDraft();
    return () => {
      alive.current = false;
    };
  }, []);

  // Save a while after the last change, at least every `maxUnsavedMs` while typing goes on, and
  // at once when the panel goes away.
  useEffect(() => {
    if (!dirty.current) return;
    const untilOverdue = unsavedSince.current + maxUnsavedMs - Date.now();
    const timer = setTimeout(() => void flush(), Math.max(0, Math.min(saveDelayMs, untilOverdue)));
    return () => clearTimeout(timer);
  }, [english, chinese, back, tone]);
  useEffect(() => () => void flush(), []);

  useEffect(() => {
    if (!target) return;
    let live = true;
    setTargetTranslation(null);
    api
      .translateComment({ text: target.text, mentions: target.mentions })
      .then((outcome) => live && setTargetTranslation(outcome))
      .catch((error: unknown) => live && setTargetTranslation({ ok: false, error: { code: 'network', message: notResponding(error) } }));
    return () => {
      live = false;
    };
  }, [target?.text]);

  async function flush(): Promise<void> {
    if (!dirty.current || loadStatusNow.current !== 'loaded') return;
    dirty.current = false;
    try {
      await api.saveDraft(latest.current);
      setSaved(true);
    } catch (error) {
      dirty.current = true;
      unsavedSince.current = Date.now();
      console.warn('[RedBridge] could not save the reply draft', error);
    }
  }

  function changed(): void {
    if (!dirty.current) unsavedSince.current = Date.now();
    dirty.current = true;
    setSaved(false);
  }

  async function translate(retry = false): Promise<void> {
    if (inFlight.current || loadStatusNow.current === 'loading') return;
    if (english.trim() === '') {
      setActivity({ kind: 'empty' });
      englishRef.current?.focus();
      return;
    }
    setActivity({ kind: 'translating' });
    let result: ReplyTranslation;
    inFlight.current = true;
    try {
      result = await api.translateReply(english, tone, retry);
    } catch (error) {
      setActivity({ kind: 'translate-failed', message: notResponding(error) });
      return;
    } finally {
      inFlight.current = false;
    }
    if (!result.ok) {
      setActivity({ kind: 'translate-failed', message: result.error.message });
      return;
    }
    changed();
    setChinese(result.translation);
    setBackendNote({ label: backendLabel(result.backend), toneApplied: result.toneApplied });
    if (result.check.ok) {
      setBack(result.check.translation);
      setChecked(result.translation);
      setActivity({ kind: 'idle' });
    } else {
      setBack('');
      setChecked('');
      setActivity({ kind: 'check-failed', message: result.check.error.message });
    }
  }

  async function check(retry = false): Promise<void> {
    const text = chinese;
    if (text.trim() === '' || inFlight.current) return;
    setActivity({ kind: 'checking' });
    let outcome: TranslateOutcome;
    inFlight.current = true;
    try {
      outcome = await api.checkReply(text, retry);
    } catch (error) {
      setActivity({ kind: 'check-failed', message: notResponding(error) });
      return;
    } finally {
      inFlight.current = false;
    }
    if (!outcome.ok) {
      setActivity({ kind: 'check-failed', message: outcome.error.message });
      return;
    }
    changed();
    setBack(outcome.translation);
    setChecked(text);
    setActivity({ kind: 'idle' });
  }

  function insert(): void {
    if (chinese.trim() === '') return;
    const result = api.insert(chinese);
    setActivity(result.ok ? { kind: 'inserted' } : { kind: 'insert-failed', found: result.found });
  }

  async function copy(): Promise<void> {
    setActivity((await api.copy(chinese)) ? { kind: 'copied' } : { kind: 'copy-failed' });
  }

  async function discard(): Promise<void> {
    dirty.current = false;
    setEnglish('');
    setChinese('');
    setBack('');
    setChecked('');
    setBackendNote(null);
    setSaved(false);
    setActivity({ kind: 'discarded' });
    englishRef.current?.focus();
    await api.discardDraft().catch((error: unknown) => console.warn('[RedBridge] could not discard the draft', error));
  }

  function chooseTone(next: ReplyTone): void {
    if (next === tone) return;
    changed();
    setTone(next);
    void api.rememberTone(next).catch(() => undefined);
  }

  function onKeyDown(event: KeyboardEvent): void {
    // Keys typed here are ours: RedNote's own shortcuts (Escape closes the note) must not see them.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  }

  const busy = activity.kind === 'translating' || activity.kind === 'checking';
  const stale = chinese.trim() !== '' && chinese !== checked;
  const toneIgnored = backendNote !== null && !backendNote.toneApplied;

  return (
    <section
      ref={panelRef}
      class="panel"
      aria-label={t('composer_panel_label')}
      aria-busy={busy ? 'true' : 'false'}
      data-ready={loadStatus === 'loading' ? 'false' : 'true'}
      onKeyDown={onKeyDown}
      onKeyUp={(event) => event.stopPropagation()}
      onKeyPress={(event) => event.stopPropagation()}
    >
      <header class="head">
        <h2>{t('composer_replyInEnglish')}</h2>
        <button type="button" class="close" aria-label={t('composer_close')} onClick={onClose}>
          ×
        </button>
      </header>

      {target && (
        <figure
          class="target"
          aria-label={target.author ? t('composer_target_label', target.author) : t('composer_target_labelAnonymous')}
        >
          <figcaption>
            {target.author ? t('composer_target_replyingTo', target.author) : t('composer_target_replyingToComment')}
          </figcaption>
          <blockquote lang="zh" class="source">
            {target.text}
          </blockquote>
          <p lang="en" dir="auto" class="target-translation">
            {targetTranslation === null
              ? t('composer_target_translating')
              : targetTranslation.ok
                ? targetTranslation.translation
                : t('composer_target_failed', targetTranslation.error.message)}
          </p>
        </figure>
      )}

      <label for={`${id}-en`}>{t('composer_english_label')}</label>
      <textarea
        id={`${id}-en`}
        ref={englishRef}
        lang="en"
        rows={2}
        value={english}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        placeholder={t('composer_english_placeholder')}
        onInput={(event) => {
          changed();
          setEnglish(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void translate();
          }
        }}
      />

      <div class="row">
        <fieldset class="tone">
          <legend>{t('composer_tone')}</legend>
          {(['casual', 'polite'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-tone`}
                value={value}
                checked={tone === value}
                onChange={() => chooseTone(value)}
              />
              {t(TONE_LABELS[value])}
            </label>
          ))}
        </fieldset>
        <button type="button" class="primary" disabled={busy || loadStatus === 'loading'} onClick={() => void translate()}>
          {t('composer_translate')}
        </button>
        <span class="hint" aria-hidden="true">
          Ctrl+Enter
        </span>
      </div>

      {TRANSLATE_ACTIVITIES.has(activity.kind) && (
        <Status
          activity={activity}
          onRetryLoad={() => void loadDraft()}
          onRetryTranslate={() => void translate(true)}
          onRetryCheck={() => void check(true)}
        />
      )}

      {(chinese !== '' || backendNote) && (
        <div class="result">
          <label for={`${id}-zh`}>{t('composer_chinese_label')}</label>
          <textarea
            id={`${id}-zh`}
            lang="zh-CN"
            rows={2}
            value={chinese}
            onInput={(event) => {
              changed();
              setChinese(event.currentTarget.value);
            }}
          />
          <p class="back-label" id={`${id}-back-label`}>
            {stale && back ? t('composer_back_labelStale') : t('composer_back_label')}
          </p>
          <p class="back" lang="en" dir="auto" role="status" aria-labelledby={`${id}-back-label`} data-stale={stale ? 'true' : 'false'}>
            {back || (activity.kind === 'checking' ? t('composer_back_checking') : '—')}
          </p>
          {toneIgnored && (
            <p class="note">{t('composer_toneIgnored', [backendNote.label, t(TONE_LABELS[tone])])}</p>
          )}
          <div class="row">
            {stale && (
              <button type="button" disabled={busy} onClick={() => void check()}>
                {t('composer_checkMeaning')}
              </button>
            )}
            <button type="button" class="primary" disabled={busy || chinese.trim() === ''} onClick={insert}>
              {t('composer_insert')}
            </button>
            {activity.kind === 'insert-failed' && (
              <button type="button" onClick={() => void copy()}>
                {t('composer_copyChinese')}
              </button>
            )}
          </div>
        </div>
      )}

      {!TRANSLATE_ACTIVITIES.has(activity.kind) && (
        <Status
          activity={activity}
          onRetryLoad={() => void loadDraft()}
          onRetryTranslate={() => void translate(true)}
          onRetryCheck={() => void check(true)}
        />
      )}

      <footer class="foot">
        <span class="saved" aria-live="polite">
          {saved ? t('composer_draftSaved') : ''}
        </span>
        <button type="button" class="link" onClick={() => void discard()} disabled={english === '' && chinese === ''}>
          {t('composer_discard')}
        </button>
      </footer>
    </section>
  );
}

interface StatusProps {
  activity: Activity;
  onRetryLoad: () => void;
  onRetryTranslate: () => void;
  onRetryCheck: () => void;
}

/** One line saying what is happening or what went wrong, with the retry that fits. */
function Status({ activity, onRetryLoad, onRetryTranslate, onRetryCheck }: StatusProps) {
  switch (activity.kind) {
    case 'load-failed':
      return (
        <p class="status error" role="alert">
          {t('composer_status_loadFailed', sentence(activity.message))}{' '}
          <button type="button" onClick={onRetryLoad}>
            {t('composer_retryLoading')}
          </button>
        </p>
      );
    case 'translating':
      return (
        <p class="status" role="status">
          {t('composer_status_translating')}
        </p>
      );
    case 'checking':
      return (
        <p class="status" role="status">
          {t('composer_status_checking')}
        </p>
      );
    case 'empty':
      return (
        <p class="status error" role="alert">
          {t('composer_status_empty')}
        </p>
      );
    case 'translate-failed':
      return (
        <p class="status error" role="alert">
          {t('composer_status_translateFailed', sentence(activity.message))}{' '}
          <button type="button" onClick={onRetryTranslate}>
            {t('composer_retry')}
          </button>
        </p>
      );
    case 'check-failed':
      return (
        <p class="status error" role="alert">
          {t('composer_status_checkFailed', sentence(activity.message))}{' '}
          <button type="button" onClick={onRetryCheck}>
            {t('composer_retryCheck')}
          </button>
        </p>
      );
    case 'inserted':
      return (
        <p class="status ok" role="status">
          {t('composer_status_inserted')}
        </p>
      );
    case 'insert-failed':
      return (
        <p class="status error" role="alert">
          {t('composer_status_insertFailed')}
        </p>
      );
    case 'copied':
      return (
        <p class="status ok" role="status">
          {t('composer_status_copied')}
        </p>
      );
    case 'copy-failed':
      return (
        <p class="status error" role="alert">
          {t('composer_status_copyFailed')}
        </p>
      );
    case 'discarded':
      return (
        <p class="status" role="status">
          {t('composer_status_discarded')}
        </p>
      );
    case 'idle':
      return null;
  }
}
