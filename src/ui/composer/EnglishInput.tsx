import type { Ref } from 'preact';
import { t } from '../i18n';

interface EnglishInputProps {
  id: string;
  /** The box itself: the panel focuses it when it opens, and when it needs English. */
  inputRef: Ref<HTMLTextAreaElement>;
  english: string;
  onInput: (english: string) => void;
  /** Ctrl+Enter (Cmd+Enter on a Mac): translate. */
  onSubmit: () => void;
}

/** The box for the user's reply in English: the one thing the panel must never lose. */
export function EnglishInput({ id, inputRef, english, onInput, onSubmit }: EnglishInputProps) {
  return (
    <>
      <label for={id}>{t('composer_english_label')}</label>
      <textarea
        id={id}
        ref={inputRef}
        lang="en"
        rows={2}
        value={english}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        placeholder={t('composer_english_placeholder')}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
    </>
  );
}
