import { t } from '../i18n';
import type { Activity } from './activity';

/** The step whose retry a status offers. */
export type RetryStep = 'load' | 'translate' | 'check';

interface StatusRow {
  /** The message saying it; an activity's `message` (why it failed) fills its placeholder. */
  text: string;
  look: 'plain' | 'ok' | 'error';
  /** Statuses of the English → Chinese step show by the Translate button; the rest by the result. */
  place: 'translate' | 'result';
  retry?: { label: string; step: RetryStep };
}

/** What the panel says for each activity. */
const STATUS_ROWS: Record<Exclude<Activity['kind'], 'idle'>, StatusRow> = {
  'load-failed': { text: 'composer_status_loadFailed', look: 'error', place: 'translate', retry: { label: 'composer_retryLoading', step: 'load' } },
  translating: { text: 'composer_status_translating', look: 'plain', place: 'translate' },
  empty: { text: 'composer_status_empty', look: 'error', place: 'translate' },
  'translate-failed': { text: 'composer_status_translateFailed', look: 'error', place: 'translate', retry: { label: 'composer_retry', step: 'translate' } },
  checking: { text: 'composer_status_checking', look: 'plain', place: 'result' },
  'check-failed': { text: 'composer_status_checkFailed', look: 'error', place: 'result', retry: { label: 'composer_retryCheck', step: 'check' } },
  inserted: { text: 'composer_status_inserted', look: 'ok', place: 'result' },
  'insert-failed': { text: 'composer_status_insertFailed', look: 'error', place: 'result' },
  copied: { text: 'composer_status_copied', look: 'ok', place: 'result' },
  'copy-failed': { text: 'composer_status_copyFailed', look: 'error', place: 'result' },
  discarded: { text: 'composer_status_discarded', look: 'plain', place: 'result' },
};

/** Errors interrupt (an alert); the rest are announced when the reader is idle. */
const LOOKS = {
  plain: { class: 'status', role: 'status' },
  ok: { class: 'status ok', role: 'status' },
  error: { class: 'status error', role: 'alert' },
} as const;

/** `text` ending with a full stop, unless it already ends with punctuation. */
function sentence(text: string): string {
  return /[.!?。！？]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

interface StatusLineProps {
  activity: Activity;
  /** Where this line stands: it shows only the statuses that belong there. */
  place: StatusRow['place'];
  retries: Record<RetryStep, () => void>;
}

/** One line saying what is happening or what went wrong, with the retry that fits. */
export function StatusLine({ activity, place, retries }: StatusLineProps) {
  if (activity.kind === 'idle') return null;
  const row = STATUS_ROWS[activity.kind];
  if (row.place !== place) return null;
  const { retry } = row;
  const look = LOOKS[row.look];
  return (
    <p class={look.class} role={look.role}>
      {t(row.text, 'message' in activity ? sentence(activity.message) : undefined)}
      {retry && ' '}
      {retry && (
        <button type="button" onClick={retries[retry.step]}>
          {t(retry.label)}
        </button>
      )}
    </p>
  );
}
