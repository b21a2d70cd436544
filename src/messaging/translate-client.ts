import type { BackendId } from '../settings/schema';
import type { TranslateOutcome } from '../translation/service';
import { t } from '../ui/i18n';
import { MAX_TEXTS_PER_MESSAGE } from './protocol';
import { sendToBackground } from './send';

interface Waiting {
  text: string;
  resolve: (outcome: TranslateOutcome) => void;
}

/**
 * The content script's side of translation: texts asked for within one short window travel to
 * the background in one message (the background batches again across tabs). The reading
 * features already ask for a batch at a time (see `dom/visibility.ts`), so by default the
 * window only joins what is asked for in the same task: a unit that shows up in view should
 * not wait for company.
 */
export function createTranslateClient(windowMs = 0) {
  const waiting: Waiting[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    timer = null;
    const batch = waiting.splice(0, MAX_TEXTS_PER_MESSAGE);
    if (waiting.length > 0) timer = setTimeout(() => void flush(), 0);
    let outcomes: TranslateOutcome[];
    try {
      outcomes = await sendToBackground({ type: 'translate', texts: batch.map((item) => item.text) });
    } catch (error) {
      outcomes = batch.map(() => notResponding(error));
    }
    batch.forEach((item, i) => item.resolve(outcomes[i] ?? missing()));
  }

  function notResponding(error: unknown): TranslateOutcome {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'network', message: t('overlay_notResponding', message) },
    };
  }

  function missing(): TranslateOutcome {
    return { ok: false, error: { code: 'bad-response', message: t('overlay_noTranslation') } };
  }

  return {
    /**
     * `retry`: the reader pressed Retry; `backend`: the reader asked for that backend's
     * translation. Either is sent at once, on its own.
     */
    async translate(text: string, retry = false, backend?: BackendId): Promise<TranslateOutcome> {
      if (retry || backend) {
        const [outcome] = await sendToBackground({ type: 'translate', texts: [text], retry, ...(backend ? { backend } : {}) }).catch(
          (error: unknown): TranslateOutcome[] => [notResponding(error)],
        );
        return outcome ?? missing();
      }
      return new Promise((resolve) => {
        waiting.push({ text, resolve });
        timer ??= setTimeout(() => void flush(), windowMs);
      });
    },
  };
}
