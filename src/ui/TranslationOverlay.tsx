import { useState } from 'preact/hooks';
import type { BackendId } from '../settings/schema';
import type { OverlayPlacement } from '../sites/types';
import { backendLabel } from './backend-label';
import { t } from './i18n';
import { SlangNotes } from './SlangNotes';
import type { OverlayState } from './overlay-state';

export interface TranslationOverlayProps {
  state: OverlayState;
  placement: OverlayPlacement;
  /** Shown on the badge, e.g. `EN`. */
  language: string;
  onRetry: () => void;
  /** Asks another of `choices` for this unit (bilingual overlays; not captions or popovers). */
  retranslate?: { choices: readonly BackendId[]; with: (backend: BackendId) => void };
}

/**
 * The translation under (or over) a unit: a loading line while the backend works, the English
 * when it arrives, or the error with a Retry button. Marked with a language badge so nobody
 * mistakes it for the author's words.
 */
export function TranslationOverlay({ state, placement, language, onRetry, retranslate }: TranslationOverlayProps) {
  const badge = (
    <span class="badge" aria-hidden="true">
      {language.toUpperCase()}
    </span>
  );
  if (state.status === 'loading') {
    return (
      <div class={`rb ${placement} loading`} data-state="loading" role="status" aria-busy="true">
        {badge}
        <span class="muted">{t('overlay_translating')}</span>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div class={`rb ${placement} error`} data-state="error" role="alert">
        {badge}
        <span class="message" dir="auto">{t('overlay_error', state.message)}</span>{' '}
        <button
          type="button"
          class="retry"
          onClick={(event) => {
            // Inside a feed card the click would also open the note.
            event.preventDefault();
            event.stopPropagation();
            onRetry();
          }}
        >
          {t('overlay_retry')}
        </button>
      </div>
    );
  }
  return (
    <div
      class={`rb ${placement} done`}
      data-state="done"
      role="note"
      lang={language}
      aria-label={t('overlay_label', state.backend)}
      title={t('overlay_title', state.backend)}
    >
      {badge}
      {/* `dir="auto"` isolates each translation's direction: whatever an answer holds, it
          cannot re-order the badge, the tags or the page's text around it. */}
      {state.text && (
        <span class="text" dir="auto">
          {state.text}
        </span>
      )}
      {state.tags.length > 0 && (
        <span class="tags">
          {state.tags.map((tag) => (
            <span class="tag" dir="auto">
              #{tag}
            </span>
          ))}
        </span>
      )}
      {placement === 'block' && state.slang.length > 0 && <SlangNotes slang={state.slang} />}
      {placement === 'block' && retranslate && (
        <OtherBackends backend={state.backend} current={state.backendId} choices={retranslate.choices} onRetranslate={retranslate.with} />
      )}
    </div>
  );
}

/**
 * Shown when the pointer or the focus is on the overlay: who translated it, and the other
 * backends to ask instead (one that is not set up answers with its own error and a Retry).
 * The buttons are only rendered while it is open: a long thread holds thousands of overlays,
 * and every node in them is style and layout work for the page.
 */
function OtherBackends({
  backend,
  current,
  choices,
  onRetranslate,
}: {
  backend: string;
  current: BackendId | undefined;
  choices: readonly BackendId[];
  onRetranslate: (backend: BackendId) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details class="other" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('overlay_other_summary', backend)}</summary>
      {open && (
      <span class="other-list" role="group" aria-label={t('overlay_other_label')}>
        {choices.filter((id) => id !== current).map((id) => (
          <button
            type="button"
            class="other-backend"
            onClick={(event) => {
              event.preventDefault();
              event.stopPropagation();
              onRetranslate(id);
            }}
          >
            {backendLabel(id)}
          </button>
        ))}
      </span>
      )}
    </details>
  );
}

