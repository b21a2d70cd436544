import type { ReplyTone } from '../../settings/schema';
import type { ReplyComposerApi } from './api';
import { canTranslate } from './composer-queries';
import { notAnswered } from './not-responding';
import type { ComposerStore } from './use-composer-store';

/** What the panel's controls do: ask the outside world, and tell the reducer what came of it. */
export function replyCommands({ current, dispatch }: ComposerStore, api: ReplyComposerApi, focusEnglish: () => void) {
  async function translate(retry = false): Promise<void> {
    const state = current();
    if (!canTranslate(state)) return;
    if (state.english.trim() === '') {
      dispatch({ type: 'english-missing' });
      focusEnglish();
      return;
    }
    dispatch({ type: 'translate-started' });
    const reply = await api.translateReply(state.english, state.tone, retry).catch(notAnswered);
    if (reply.ok) dispatch({ type: 'translated', reply, at: Date.now() });
    else dispatch({ type: 'translate-failed', message: reply.error.message });
  }

  /** Back-translates the Chinese as it is now, edits included. */
  async function check(retry = false): Promise<void> {
    const { chinese, inFlight } = current();
    if (chinese.trim() === '' || inFlight) return;
    dispatch({ type: 'check-started' });
    const outcome = await api.checkReply(chinese, retry).catch(notAnswered);
    if (outcome.ok) dispatch({ type: 'checked', chinese, back: outcome.translation, at: Date.now() });
    else dispatch({ type: 'check-failed', message: outcome.error.message });
  }

  function insert(): void {
    const { chinese } = current();
    if (chinese.trim() === '') return;
    dispatch({ type: 'insert-tried', result: api.insert(chinese) });
  }

  async function copy(): Promise<void> {
    dispatch({ type: 'copy-tried', copied: await api.copy(current().chinese) });
  }

  async function discard(): Promise<void> {
    dispatch({ type: 'discarded' });
    focusEnglish();
    await api.discardDraft().catch((error: unknown) => console.warn('[RedBridge] could not discard the draft', error));
  }

  function chooseTone(tone: ReplyTone): void {
    if (tone === current().tone) return;
    dispatch({ type: 'tone-chosen', tone, at: Date.now() });
    // Only a default for the next reply: the panel goes on with the tone whatever happens to it.
    void api.rememberTone(tone).catch(() => undefined);
  }

  const editEnglish = (english: string) => dispatch({ type: 'english-edited', english, at: Date.now() });
  const editChinese = (chinese: string) => dispatch({ type: 'chinese-edited', chinese, at: Date.now() });

  return { translate, check, insert, copy, discard, chooseTone, editEnglish, editChinese };
}

export type ReplyCommands = ReturnType<typeof replyCommands>;
