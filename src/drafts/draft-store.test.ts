import { describe, expect, it } from 'vitest';
import { SETTINGS_STORAGE_KEY } from '../settings/schema';
import type { DraftKey, ReplyDraft } from './draft';
import { DRAFT_TTL_MS, DraftStore, storageKeyOf, type DraftArea } from './draft-store';

/**
 * `storage.local` in memory, with its semantics: `get(key)` leaves out missing keys,
 * `get(null)` returns everything, and values are copied in and out as the real area
 * serialises them, so a test cannot pass by holding on to the caller's object.
 */
function memoryArea(initial: Record<string, unknown> = {}): DraftArea & { items: Map<string, unknown> } {
  const items = new Map(Object.entries(initial));
  const copy = (value: unknown): unknown => structuredClone(value);
  return {
    items,
    async get(keys) {
      if (keys === null) return Object.fromEntries([...items].map(([key, value]) => [key, copy(value)]));
      return items.has(keys) ? { [keys]: copy(items.get(keys)) } : {};
    },
    async set(entries) {
      for (const [key, value] of Object.entries(entries)) items.set(key, copy(value));
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) items.delete(key);
    },
  };
}

/** A clock the test moves by hand. */
function clock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

const topLevel: DraftKey = { noteId: 'note-1', replyTo: null };
const toComment: DraftKey = { noteId: 'note-1', replyTo: 'comment-7' };
const texts = {
  english: 'This looks amazing! Where was this taken?',
  chinese: '这也太美了吧！请问是在哪里拍的呀？',
  backTranslation: 'This is so beautiful! May I ask where it was taken?',
  tone: 'casual',
} satisfies Omit<ReplyDraft, 'updatedAt'>;

function setup(initial?: Record<string, unknown>) {
  const area = memoryArea(initial);
  const time = clock();
  return { area, time, store: new DraftStore(area, time.now) };
}

describe('DraftStore', () => {
  it('loads what was saved, stamped with the time it was saved', async () => {
    const { store, time } = setup();

    await store.save(topLevel, texts);

    expect(await store.load(topLevel)).toEqual({ ...texts, updatedAt: time.now() });
  });

  it('replaces the stamp a caller sends with its own clock', async () => {
    const { store, time } = setup();
    // A save-draft message carries a whole draft, its sender's stamp included.
    const sent: ReplyDraft = { ...texts, updatedAt: 1 };

    await store.save(topLevel, sent);

    expect(await store.load(topLevel)).toMatchObject({ updatedAt: time.now() });
  });

  it('loads null when nothing was saved, and leaves the area alone', async () => {
    const { store, area } = setup();

    expect(await store.load(topLevel)).toBeNull();
    expect(area.items.size).toBe(0);
  });

  it('keeps a draft per reply target: the note itself and each comment answered', async () => {
    const { store } = setup();

    await store.save(topLevel, texts);
    await store.save(toComment, { ...texts, english: 'Thank you so much, this guide helps a lot!' });
    await store.save({ noteId: 'note-2', replyTo: null }, { ...texts, english: 'Other note' });

    expect(await store.load(topLevel)).toMatchObject({ english: texts.english });
    expect(await store.load(toComment)).toMatchObject({ english: 'Thank you so much, this guide helps a lot!' });
    expect(await store.load({ noteId: 'note-2', replyTo: null })).toMatchObject({ english: 'Other note' });
    expect(await store.load({ noteId: 'note-2', replyTo: 'comment-7' })).toBeNull();
  });

  it('gives each reply target its own storage key', () => {
    const keys = [topLevel, toComment, { noteId: 'note-2', replyTo: null }, { noteId: 'note-2', replyTo: 'comment-7' }];
    expect(new Set(keys.map(storageKeyOf)).size).toBe(keys.length);
    expect(storageKeyOf(topLevel)).toBe('draft:note-1|');
    expect(storageKeyOf(toComment)).toBe('draft:note-1|comment-7');
  });

  it('overwrites a draft saved again', async () => {
    const { store, time } = setup();
    await store.save(topLevel, texts);
    time.advance(1000);

    await store.save(topLevel, { ...texts, chinese: '改过的中文', tone: 'polite' });

    expect(await store.load(topLevel)).toEqual({ ...texts, chinese: '改过的中文', tone: 'polite', updatedAt: time.now() });
  });

  it('removes a draft when it is discarded, and only that one', async () => {
    const { store } = setup();
    await store.save(topLevel, texts);
    await store.save(toComment, texts);

    await store.discard(topLevel);

    expect(await store.load(topLevel)).toBeNull();
    expect(await store.load(toComment)).not.toBeNull();
  });

  it('removes the stored draft when one is saved empty, instead of keeping blank text', async () => {
    const { store, area } = setup();
    await store.save(topLevel, texts);

    await store.save(topLevel, { ...texts, english: '  ', chinese: '\n' });

    expect(area.items.has(storageKeyOf(topLevel))).toBe(false);
    expect(await store.load(topLevel)).toBeNull();
  });

  it('keeps a draft until its time to live has passed, then loads null and removes it', async () => {
    const { store, area, time } = setup();
    await store.save(topLevel, texts);

    time.advance(DRAFT_TTL_MS);
    expect(await store.load(topLevel)).not.toBeNull();

    time.advance(1);
    expect(await store.load(topLevel)).toBeNull();
    expect(area.items.has(storageKeyOf(topLevel))).toBe(false);
  });

  it('counts the time to live from the last save', async () => {
    const { store, time } = setup();
    await store.save(topLevel, texts);
    time.advance(DRAFT_TTL_MS - 1000);
    await store.save(topLevel, texts);

    time.advance(DRAFT_TTL_MS - 1000);

    expect(await store.load(topLevel)).not.toBeNull();
  });

  it('removes a stored value it cannot read and loads null', async () => {
    const { store, area } = setup({ [storageKeyOf(topLevel)]: { english: 42, tone: 'casual' } });

    expect(await store.load(topLevel)).toBeNull();
    expect(area.items.has(storageKeyOf(topLevel))).toBe(false);
  });
});

describe('DraftStore.prune', () => {
  it('removes expired and unreadable drafts, keeps fresh ones, and says how many it removed', async () => {
    const { store, area, time } = setup();
    await store.save(topLevel, texts);
    time.advance(DRAFT_TTL_MS / 2);
    await store.save(toComment, texts);
    await area.set({ 'draft:broken|': 'not a draft' });
    time.advance(DRAFT_TTL_MS / 2 + 1);

    expect(await store.prune()).toBe(2);
    expect([...area.items.keys()]).toEqual([storageKeyOf(toComment)]);
  });

  it('never touches what is not a draft: the settings and other keys', async () => {
    const settings = { backend: 'google', replyTone: 'polite' };
    const { store, area, time } = setup({ [SETTINGS_STORAGE_KEY]: settings, other: 'not a draft' });
    await store.save(topLevel, texts);
    time.advance(DRAFT_TTL_MS + 1);

    expect(await store.prune()).toBe(1);
    expect(Object.fromEntries(area.items)).toEqual({ [SETTINGS_STORAGE_KEY]: settings, other: 'not a draft' });
  });

  it('writes nothing when there is nothing to remove', async () => {
    const { store, area } = setup();
    await store.save(topLevel, texts);
    let removals = 0;
    const remove = area.remove.bind(area);
    area.remove = async (keys) => {
      removals += 1;
      return remove(keys);
    };

    expect(await store.prune()).toBe(0);
    expect(removals).toBe(0);
  });
});
