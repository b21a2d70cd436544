import type { TranslateOutcome } from '../../messaging/wire';
import { messageOf } from '../../untyped';
import { t } from '../i18n';

/** What the panel says when the background could not be asked. */
export function notResponding(error: unknown): string {
  return t('composer_notResponding', messageOf(error));
}

/**
 * A request the background never answered, as a failed outcome: the panel then shows it like
 * any other failure, and keeps what the user wrote.
 */
export function notAnswered(error: unknown): Extract<TranslateOutcome, { ok: false }> {
  return { ok: false, error: { code: 'network', message: notResponding(error) } };
}
