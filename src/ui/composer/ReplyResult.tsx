import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { BackTranslation } from './BackTranslation';
import { isBusy, isStale } from './composer-queries';
import type { ComposerState } from './composer-state';
import type { ReplyCommands } from './reply-commands';
import { ResultActions } from './ResultActions';
import { toneLabel } from './TonePicker';

interface ReplyResultProps {
  /** Ids this panel's elements are named by. */
  id: string;
  state: ComposerState;
  commands: ReplyCommands;
}

/** The translation: the editable Chinese, its back-translation, and what to do with it. */
export function ReplyResult({ id, state, commands }: ReplyResultProps) {
  const { chinese, back, tone, translatedBy, activity } = state;
  const busy = isBusy(state);
  const stale = isStale(state);
  return (
    <div class="result">
      <label for={`${id}-zh`}>{t('composer_chinese_label')}</label>
      <textarea id={`${id}-zh`} lang="zh-CN" rows={2} value={chinese} onInput={(event) => commands.editChinese(event.currentTarget.value)} />
      <BackTranslation id={id} back={back} stale={stale} checking={activity.kind === 'checking'} />
      {translatedBy && !translatedBy.toneApplied && (
        <p class="note">{t('composer_toneIgnored', [backendLabel(translatedBy.backend), toneLabel(tone)])}</p>
      )}
      <ResultActions
        stale={stale}
        busy={busy}
        hasChinese={chinese.trim() !== ''}
        insertFailed={activity.kind === 'insert-failed'}
        onCheck={() => void commands.check()}
        onInsert={commands.insert}
        onCopy={() => void commands.copy()}
      />
    </div>
  );
}
