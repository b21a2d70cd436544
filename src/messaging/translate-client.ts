import type { BackendId } from '../settings/schema';
import { errorInfo, toTranslationError } from '../translation/errors';
import { t } from '../ui/i18n';
import { MAX_TEXTS_PER_MESSAGE, type MarkedText } from './protocol';
import { sendToBackground } from './send';
import type { TranslateOutcome } from './wire';

interface Waiting<T> {
  unit: MarkedText;
  resolve: (answer: T) => void;
}

/** The request fields for a message: its texts, and the mentions the page marked in each. */
function textsAndMentions(units: readonly MarkedText[]): { texts: string[]; mentions: string[][] } {
  return { texts: units.map((unit) => unit.text), mentions: units.map((unit) => [...unit.mentions]) };
}

/**
 * Carries the texts asked for in one task to the background in one message: transport, not
 * batching. A reading feature asks for the units `dom/visibility.ts` found due one call per
 * text, all in one task; one message for all of them keeps the page at a message or two per
 * screen (a message per text would be dozens, each a task on a busy page). Nothing waits here
 * for company or is sized to a backend: the message leaves from a microtask (a timer can wait
 * a frame or more on a busy page), and the background's queue per backend batches, merges equal
 * texts and sizes requests. More than `MAX_TEXTS_PER_MESSAGE`, what the background accepts in
 * one message, go in several.
 */
function createPerTaskSender<T>(
  send: (units: MarkedText[]) => Promise<T[]>,
  /** The answer for a text the background left out, and for one whose message failed. */
  fallbacks: { missing: () => T; failed: (error: unknown) => T },
) {
  const waiting: Waiting<T>[] = [];

  function sendAll(): void {
    while (waiting.length > 0) {
      const message = waiting.splice(0, MAX_TEXTS_PER_MESSAGE);
      void send(message.map((item) => item.unit)).then(
        (answers) => message.forEach((item, i) => item.resolve(i < answers.length ? answers[i]! : fallbacks.missing())),
        (error: unknown) => message.forEach((item) => item.resolve(fallbacks.failed(error))),
      );
    }
  }

  return (unit: MarkedText): Promise<T> =>
    new Promise((resolve) => {
      if (waiting.length === 0) queueMicrotask(sendAll);
      waiting.push({ unit, resolve });
    });
}

/** A message that found no background (the extension was updated or removed, it did not answer). */
function notResponding(error: unknown): TranslateOutcome {
  const failure = toTranslationError(error, 'network', (detail) => t('overlay_notResponding', detail));
  return { ok: false, error: errorInfo(failure) };
}

function missing(): TranslateOutcome {
  return { ok: false, error: { code: 'bad-response', message: t('overlay_noTranslation') } };
}

/** The content script's side of translation: units to the background, translations back. */
export function createTranslateClient() {
  const translateInTask = createPerTaskSender<TranslateOutcome>(
    (units) => sendToBackground({ type: 'translate', ...textsAndMentions(units) }),
    { missing, failed: notResponding },
  );
  // A lookup that fails only means the text is translated the usual way when it comes near.
  const lookUpInTask = createPerTaskSender<TranslateOutcome | null>(
    (units) => sendToBackground({ type: 'cached-translations', ...textsAndMentions(units) }),
    { missing: () => null, failed: () => null },
  );

  return {
    /**
     * `retry`: the reader pressed Retry; `backend`: the reader asked for that backend's
     * translation. Either is sent at once, on its own.
     */
    async translate(unit: MarkedText, retry = false, backend?: BackendId): Promise<TranslateOutcome> {
      if (retry || backend) {
        const request = { type: 'translate', ...textsAndMentions([unit]), retry, ...(backend ? { backend } : {}) } as const;
        const [outcome] = await sendToBackground(request).catch((error: unknown): TranslateOutcome[] => [notResponding(error)]);
        return outcome ?? missing();
      }
      return translateInTask(unit);
    },
    /** The text's translation if the cache has it, else null; never asks a backend. */
    cached(unit: MarkedText): Promise<TranslateOutcome | null> {
      return lookUpInTask(unit);
    },
  };
}
