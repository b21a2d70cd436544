import type { ReplyTone } from '../../settings/schema';
import { t } from '../i18n';
import { TonePicker } from './TonePicker';

interface TranslateRowProps {
  /** Names the tone radio group: one per panel. */
  toneName: string;
  tone: ReplyTone;
  onChooseTone: (tone: ReplyTone) => void;
  /** The button waits while the draft loads, or while a request's status shows. */
  translateDisabled: boolean;
  onTranslate: () => void;
}

/** The tone, and the button that translates the English in it. */
export function TranslateRow({ toneName, tone, onChooseTone, translateDisabled, onTranslate }: TranslateRowProps) {
  return (
    <div class="row">
      <TonePicker name={toneName} tone={tone} onChoose={onChooseTone} />
      <button type="button" class="primary" disabled={translateDisabled} onClick={onTranslate}>
        {t('composer_translate')}
      </button>
      <span class="hint" aria-hidden="true">
        Ctrl+Enter
      </span>
    </div>
  );
}
