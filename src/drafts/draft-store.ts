import { isEmptyDraft, parseDraft, type DraftKey, type ReplyDraft } from './draft';

/** The part of `browser.storage.local` the store uses (a fake in unit tests). */
export interface DraftArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const PREFIX = 'draft:';
/** A draft nobody touched for two weeks is not coming back. */
export const DRAFT_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function storageKeyOf(key: DraftKey): string {
  return `${PREFIX}${key.noteId}|${key.replyTo ?? ''}`;
}

/**
 * Reply drafts in `storage.local`, one entry per note and reply target, so a draft survives a
 * closed panel, a navigation, a failed translation and a browser restart. A draft is removed
 * when its reply is posted or discarded, saved empty, or left alone for `DRAFT_TTL_MS`.
 */
export class DraftStore {
  constructor(
    private readonly area: DraftArea,
    private readonly now: () => number = Date.now,
  ) {}

  async load(key: DraftKey): Promise<ReplyDraft | null> {
    const storageKey = storageKeyOf(key);
    const stored = (await this.area.get(storageKey))[storageKey];
    const draft = parseDraft(stored);
    if (stored !== undefined && (!draft || this.expired(draft))) await this.area.remove(storageKey);
    return draft && !this.expired(draft) ? draft : null;
  }

  async save(key: DraftKey, draft: Omit<ReplyDraft, 'updatedAt'>): Promise<void> {
    if (isEmptyDraft(draft)) return this.discard(key);
    await this.area.set({ [storageKeyOf(key)]: { ...draft, updatedAt: this.now() } });
  }

  async discard(key: DraftKey): Promise<void> {
    await this.area.remove(storageKeyOf(key));
  }

  /** Removes expired and unreadable drafts; returns how many. Run when the background starts. */
  async prune(): Promise<number> {
    const everything = await this.area.get(null);
    const stale = Object.entries(everything)
      .filter(([key]) => key.startsWith(PREFIX))
      .filter(([, value]) => {
        const draft = parseDraft(value);
        return !draft || this.expired(draft);
      })
      .map(([key]) => key);
    if (stale.length > 0) await this.area.remove(stale);
    return stale.length;
  }

  private expired(draft: ReplyDraft): boolean {
    return this.now() - draft.updatedAt > DRAFT_TTL_MS;
  }
}
