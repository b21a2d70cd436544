import { useEffect, useId, useRef } from 'preact/hooks';
import type { ComposerTarget, ReplyComposerApi } from './composer/api';
import { ComposerFooter } from './composer/ComposerFooter';
import { isBusy } from './composer/composer-queries';
import { EnglishInput } from './composer/EnglishInput';
import { replyCommands } from './composer/reply-commands';
import { ReplyResult } from './composer/ReplyResult';
import { StatusLine, type RetryStep } from './composer/StatusLine';
import { TargetComment } from './composer/TargetComment';
import { TranslateRow } from './composer/TranslateRow';
import { useCommentTranslation } from './composer/use-comment-translation';
import { useComposerStore } from './composer/use-composer-store';
import { useDraftSync } from './composer/use-draft-sync';
import { t } from './i18n';

export type { ComposerTarget, ReplyComposerApi } from './composer/api';

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

/**
 * The reply composer: English in, editable Chinese and its English back-translation out, then
 * into RedNote's own box. Every change is saved as a draft (debounced, and at once when the
 * panel closes), so nothing the user wrote is lost to a closed panel, a navigation or an error.
 * Its state is one reducer (`composer/composer-state.ts`); the hooks and commands around it
 * talk to the outside world.
 */
export function ReplyComposer({ target, api, onClose, saveDelayMs = 400, maxUnsavedMs = 1000 }: ReplyComposerProps) {
  const id = useId();
  const englishRef = useRef<HTMLTextAreaElement>(null);
  const focusEnglish = () => englishRef.current?.focus();
  const store = useComposerStore();
  const loadDraft = useDraftSync(store, api, { saveDelayMs, maxUnsavedMs });
  useCommentTranslation(store, api, target);
  useEffect(() => {
    focusEnglish();
  }, []);
  const commands = replyCommands(store, api, focusEnglish);
  const retries: Record<RetryStep, () => void> = {
    load: () => void loadDraft(),
    translate: () => void commands.translate(true),
    check: () => void commands.check(true),
  };

  const { state } = store;
  const busy = isBusy(state);
  return (
    <section
      class="panel"
      aria-label={t('composer_panel_label')}
      aria-busy={busy ? 'true' : 'false'}
      data-ready={state.load === 'loading' ? 'false' : 'true'}
      onKeyDown={(event) => keepKeysInPanel(event, onClose)}
      onKeyUp={(event) => event.stopPropagation()}
      onKeyPress={(event) => event.stopPropagation()}
    >
      <header class="head">
        <h2>{t('composer_replyInEnglish')}</h2>
        <button type="button" class="close" aria-label={t('composer_close')} onClick={onClose}>
          ×
        </button>
      </header>
      {target && <TargetComment target={target} translation={state.commentTranslation} />}
      <EnglishInput
        id={`${id}-en`}
        inputRef={englishRef}
        english={state.english}
        onInput={commands.editEnglish}
        onSubmit={() => void commands.translate()}
      />
      <TranslateRow
        toneName={`${id}-tone`}
        tone={state.tone}
        onChooseTone={commands.chooseTone}
        translateDisabled={busy || state.load === 'loading'}
        onTranslate={() => void commands.translate()}
      />
      <StatusLine activity={state.activity} place="translate" retries={retries} />
      {(state.chinese !== '' || state.translatedBy) && <ReplyResult id={id} state={state} commands={commands} />}
      <StatusLine activity={state.activity} place="result" retries={retries} />
      <ComposerFooter
        saved={state.saved}
        canDiscard={state.english !== '' || state.chinese !== ''}
        onDiscard={() => void commands.discard()}
      />
    </section>
  );
}

/** Keys typed in the panel are ours: RedNote's own shortcuts (Escape closes the note) must not see them. */
function keepKeysInPanel(event: KeyboardEvent, onClose: () => void): void {
  event.stopPropagation();
  if (event.key === 'Escape') {
    event.preventDefault();
    onClose();
  }
}
