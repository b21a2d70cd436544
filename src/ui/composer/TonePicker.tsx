import type { ReplyTone } from '../../settings/schema';
import { t } from '../i18n';

/** The message naming each tone. */
const TONE_LABELS: Record<ReplyTone, string> = { casual: 'composer_tone_casual', polite: 'composer_tone_polite' };

/** A tone's name, as the panel shows it. */
export function toneLabel(tone: ReplyTone): string {
  return t(TONE_LABELS[tone]);
}

interface TonePickerProps {
  /** Names the radio group: one per panel. */
  name: string;
  tone: ReplyTone;
  onChoose: (tone: ReplyTone) => void;
}

/** The tone the reply is translated in, as one radio group. */
export function TonePicker({ name, tone, onChoose }: TonePickerProps) {
  return (
    <fieldset class="tone">
      <legend>{t('composer_tone')}</legend>
      {(['casual', 'polite'] as const).map((value) => (
        <label key={value}>
          <input type="radio" name={name} value={value} checked={tone === value} onChange={() => onChoose(value)} />
          {toneLabel(value)}
        </label>
      ))}
    </fieldset>
  );
}
