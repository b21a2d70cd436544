import type { ReplyDraft } from '../../drafts/draft';
import type { ComposerState } from './composer-state';

/** Questions about the composer's state, asked by the panel and by its handlers. */

/** A request's status is showing: the panel is busy and its buttons wait. */
export function isBusy({ activity }: ComposerState): boolean {
  return activity.kind === 'translating' || activity.kind === 'checking';
}

/** The Chinese was edited after its back-translation was made. */
export function isStale({ chinese, checked }: ComposerState): boolean {
  return chinese.trim() !== '' && chinese !== checked;
}

/** Translating may start: none is on its way, and the draft is not still loading. */
export function canTranslate({ inFlight, load }: ComposerState): boolean {
  return !inFlight && load !== 'loading';
}

/** There are changes to save, and saving them cannot overwrite a draft the user has not seen. */
export function canSave({ unsavedSince, load }: ComposerState): boolean {
  return unsavedSince !== null && load === 'loaded';
}

/** What is saved of the panel. */
export function draftOf({ english, chinese, back, tone }: ComposerState, updatedAt: number): ReplyDraft {
  return { english, chinese, backTranslation: back, tone, updatedAt };
}
