import type { LanguagePair } from '../types';
import { batchIdOf, type PendingText } from './pending-batches';

/** A text asked for and not answered yet; `item` lets a reader's Retry reach it while it waits. */
interface Inflight {
  promise: Promise<string>;
  item: PendingText;
}

/**
 * The queue's dedupe: texts asked for and not answered yet, by language pair and text. An
 * equal text asked for again while the first waits or is in flight shares its place in a
 * request and its answer; once answered it is forgotten (the service's cache takes over).
 */
export class InflightTexts {
  private readonly byKey = new Map<string, Inflight>();

  /** The answer of an equal text already on its way, or undefined when there is none. */
  join(text: string, languages: LanguagePair, ignorePause: boolean): Promise<string> | undefined {
    const existing = this.byKey.get(keyOf(text, languages));
    // A reader's Retry for a text still waiting in a batch must not be refused with it if
    // the backend is paused before the batch leaves.
    if (existing && ignorePause) existing.item.ignorePause = true;
    return existing?.promise;
  }

  /** A text no equal one is on its way for: its pending item (for a batch) and its answer. */
  start(text: string, languages: LanguagePair, ignorePause: boolean): Inflight {
    const key = keyOf(text, languages);
    let item!: PendingText;
    const promise = new Promise<string>((resolve, reject) => {
      item = { text, ignorePause, resolve, reject };
    }).finally(() => this.byKey.delete(key));
    const inflight = { promise, item };
    this.byKey.set(key, inflight);
    return inflight;
  }
}

function keyOf(text: string, languages: LanguagePair): string {
  return `${batchIdOf(languages)}\n${text}`;
}
