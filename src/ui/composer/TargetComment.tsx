import type { TranslateOutcome } from '../../messaging/wire';
import { t } from '../i18n';
import type { ComposerTarget } from './api';

interface TargetCommentProps {
  target: ComposerTarget;
  /** The comment in English; null while it is being translated. */
  translation: TranslateOutcome | null;
}

/** The comment being answered: who wrote it, its Chinese, and what it says in English. */
export function TargetComment({ target, translation }: TargetCommentProps) {
  return (
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
        {translation === null
          ? t('composer_target_translating')
          : translation.ok
            ? translation.translation
            : t('composer_target_failed', translation.error.message)}
      </p>
    </figure>
  );
}
