import { useRef } from 'preact/hooks';
import { t } from './i18n';
import { ReplyComposer, type ComposerTarget, type ReplyComposerApi } from './ReplyComposer';

export interface ComposerDockProps {
  open: boolean;
  /** Names the draft (note and reply target): a new one mounts a fresh panel with its own draft. */
  draftId: string;
  target: ComposerTarget | null;
  api: ReplyComposerApi;
  onOpenChange: (open: boolean) => void;
}

/**
 * The "Reply in English" button in RedNote's engage bar, and the composer panel it opens.
 * Closing the panel (Escape, ×) puts the focus back on the button.
 */
export function ComposerDock({ open, draftId, target, api, onOpenChange }: ComposerDockProps) {
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = `redbridge-composer-${draftId}`;
  function close(): void {
    onOpenChange(false);
    toggle.current?.focus();
  }
  return (
    // The engage bar is RedNote's: clicks in our UI are not clicks on it.
    <div class="dock" onClick={(event) => event.stopPropagation()}>
      <button
        ref={toggle}
        type="button"
        class="toggle"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? panelId : undefined}
        onClick={() => onOpenChange(!open)}
      >
        <span class="icon" aria-hidden="true">
          文A
        </span>
        {t('composer_replyInEnglish')}
      </button>
      {target && !open && (
        <span class="replying" aria-hidden="true">
          {target.author ? t('composer_dock_toAuthor', target.author) : t('composer_dock_toComment')}
        </span>
      )}
      {open && (
        <div id={panelId}>
          <ReplyComposer key={draftId} target={target} api={api} onClose={close} />
        </div>
      )}
    </div>
  );
}
