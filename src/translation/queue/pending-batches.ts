import type { TranslationError } from '../errors';
import type { Backend, LanguagePair } from '../types';
import { chunkForBackend } from './request-size';

/** A text asked for and not answered yet. */
export interface PendingText {
  text: string;
  /** The reader pressed Retry: the text goes even while the backend is paused. */
  ignorePause: boolean;
  resolve: (translation: string) => void;
  reject: (error: TranslationError) => void;
}

/** Texts travel together only with the same languages and tone: a request has one of each. */
export function batchIdOf(languages: LanguagePair): string {
  return `${languages.source}\n${languages.target}\n${languages.tone ?? ''}`;
}

interface Batch {
  languages: LanguagePair;
  items: PendingText[];
  /** Its batch window has passed: it leaves as soon as a request can. */
  ready: boolean;
}

/** One request's worth of texts, taken out of a batch. */
export interface TakenTexts {
  items: PendingText[];
  languages: LanguagePair;
}

/**
 * Texts waiting for a request, one batch per language pair and tone, oldest first: the order
 * they leave in. A batch becomes ready `windowMs` after its first text (`onReady` is told), and
 * texts that come before it is taken join it, however long that takes.
 */
export class PendingBatches {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly backend: Pick<Backend, 'capabilities'>,
    private readonly windowMs: number,
    private readonly onReady: () => void,
  ) {}

  add(item: PendingText, languages: LanguagePair): void {
    const batchId = batchIdOf(languages);
    const batch = this.batches.get(batchId);
    if (batch) {
      batch.items.push(item);
      return;
    }
    const created: Batch = { languages, items: [item], ready: false };
    this.batches.set(batchId, created);
    setTimeout(() => {
      created.ready = true;
      this.onReady();
    }, this.windowMs);
  }

  hasReady(): boolean {
    return this.firstReady() !== undefined;
  }

  /** The first ready batch's first request, as many of its texts as the backend takes at once; the rest keep waiting. */
  takeReady(): TakenTexts | undefined {
    const next = this.firstReady();
    if (!next) return undefined;
    const [batchId, batch] = next;
    const items = chunkForBackend(batch.items, this.backend)[0]!;
    batch.items.splice(0, items.length);
    if (batch.items.length === 0) this.batches.delete(batchId);
    return { items, languages: batch.languages };
  }

  /** Takes out the texts of ready batches that may not leave while the backend is paused: all but a reader's Retry. */
  takeRefusedWhilePaused(): PendingText[] {
    const refused: PendingText[] = [];
    for (const [batchId, batch] of this.batches) {
      if (!batch.ready) continue;
      refused.push(...batch.items.filter((item) => !item.ignorePause));
      batch.items = batch.items.filter((item) => item.ignorePause);
      if (batch.items.length === 0) this.batches.delete(batchId);
    }
    return refused;
  }

  private firstReady(): [string, Batch] | undefined {
    for (const entry of this.batches) if (entry[1].ready) return entry;
    return undefined;
  }
}
