import { REPLY_TONES, type ReplyTone } from '../settings/schema';

/** Which reply a draft belongs to: a note, and the comment answered (null for a top-level comment). */
export interface DraftKey {
  noteId: string;
  replyTo: string | null;
}

/** What the composer keeps of a reply until it is posted or discarded. */
export interface ReplyDraft {
  /** The user's own words: the one thing never to lose. */
  english: string;
  /** The translation, as the user may have edited it. */
  chinese: string;
  /** The English back-translation of `chinese`, when it was checked. */
  backTranslation: string;
  tone: ReplyTone;
  /** Milliseconds since the epoch; old drafts are removed after `DRAFT_TTL_MS`. */
  updatedAt: number;
}

export const MAX_DRAFT_TEXT_LENGTH = 20_000;
const MAX_ID_LENGTH = 200;

/** Note ids, comment ids and, for pages without a note id, a path. */
const ID_PATTERN = /^[\w./:-]+$/;

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);
}

function isDraftText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_DRAFT_TEXT_LENGTH;
}

export function parseDraftKey(value: unknown): DraftKey | null {
  if (typeof value !== 'object' || value === null) return null;
  const { noteId, replyTo } = value as Record<string, unknown>;
  if (!isId(noteId)) return null;
  if (replyTo !== null && !isId(replyTo)) return null;
  return { noteId, replyTo };
}

/** A draft from a message or from storage, checked field by field; null when anything is off. */
export function parseDraft(value: unknown): ReplyDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const { english, chinese, backTranslation, tone, updatedAt } = value as Record<string, unknown>;
  if (!isDraftText(english) || !isDraftText(chinese) || !isDraftText(backTranslation)) return null;
  if (!(REPLY_TONES as readonly unknown[]).includes(tone)) return null;
  if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt)) return null;
  return { english, chinese, backTranslation, tone: tone as ReplyTone, updatedAt };
}

/** True when a draft holds nothing worth keeping. */
export function isEmptyDraft(draft: Pick<ReplyDraft, 'english' | 'chinese'>): boolean {
  return draft.english.trim() === '' && draft.chinese.trim() === '';
}
