import type { BackendId } from '../settings/schema';
import type { TranslateOutcome } from './wire';
import { t } from '../ui/i18n';
import { MAX_TEXTS_PER_MESSAGE, type MarkedText } from './protocol';
import { sendToBackground } from './send';
import { messageOf } from '../untyped';

interface Waiting<T> {
  unit: MarkedText;
  resolve: (answer: T) => void;
}

/** The request fields for a batch: its texts, and the mentions the page marked in each. */
function textsAndMentions(units: readonly MarkedText[]): { texts: string[]; mentions: string[][] } {
  return { texts: units.map((unit) => unit.text), mentions: units.map((unit) => [...unit.mentions]) };
}

/**
 * Collects texts and sends them to the background in messages of up to
 * `MAX_TEXTS_PER_MESSAGE`: those asked for within `windowMs`, or, with 0, in the same task
 * (sent from a microtask, not a timer: on a busy page a timer can wait a frame or more).
 */
function createBatcher<T>(
  windowMs: number,
  send: (units: MarkedText[]) => Promise<T[]>,
  /** The answer for a text the background left out, and for one whose message failed. */
  fallbacks: { missing: () => T; failed: (error: unknown) => T },
) {
  const waiting: Waiting<T>[] = [];
  let scheduled = false;

  function schedule(): void {
    scheduled = true;
    if (windowMs > 0) setTimeout(flush, windowMs);
    else queueMicrotask(flush);
  }

  function flush(): void {
    scheduled = false;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, MAX_TEXTS_PER_MESSAGE);
      void send(batch.map((item) => item.unit)).then(
        (answers) => batch.forEach((item, i) => item.resolve(i < answers.length ? answers[i]! : fallbacks.missing())),
        (error: unknown) => batch.forEach((item) => item.resolve(fallbacks.failed(error))),
      );
    }
  }

  return (unit: MarkedText): Promise<T> =>
    new Promise((resolve) => {
      waiting.push({ unit, resolve });
      if (!scheduled) schedule();
    });
}

/**
 * The content script's side of translation: texts asked for within one short window travel to
 * the background in one message (the background batches again across tabs). The reading
 * features already ask for a batch at a time (see `dom/visibility.ts`), so by default the
 * window only joins what is asked for in the same task: a unit that shows up in view should
 * not wait for company.
 */
export function createTranslateClient(windowMs = 0) {
  function notResponding(error: unknown): TranslateOutcome {
    const message = messageOf(error);
    return {
      ok: false,
      error: { code: 'network', message: t('overlay_notResponding', message) },
    };
  }

  function missing(): TranslateOutcome {
    return { ok: false, error: { code: 'bad-response', message: t('overlay_noTranslation') } };
  }

  const translateBatched = createBatcher<TranslateOutcome>(
    windowMs,
    (units) => sendToBackground({ type: 'translate', ...textsAndMentions(units) }),
    { missing, failed: notResponding },
  );
  // A lookup that fails only means the text is translated the usual way when it comes near.
  const lookUpBatched = createBatcher<TranslateOutcome | null>(
    windowMs,
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
      return translateBatched(unit);
    },
    /** The text's translation if the cache has it, else null; never asks a backend. */
    cached(unit: MarkedText): Promise<TranslateOutcome | null> {
      return lookUpBatched(unit);
    },
  };
}
