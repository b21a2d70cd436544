import { describe, expect, it } from 'vitest';
import { isEmptyDraft, MAX_DRAFT_TEXT_LENGTH, parseDraft, parseDraftKey, type ReplyDraft } from './draft';

const draft: ReplyDraft = {
  english: 'This looks amazing! Where was this taken?',
  chinese: '这也太美了吧！请问是在哪里拍的呀？',
  backTranslation: 'This is so beautiful! May I ask where it was taken?',
  tone: 'casual',
  updatedAt: 1_700_000_000_000,
};

describe('parseDraftKey', () => {
  it('accepts a note with a top-level reply (replyTo null)', () => {
    expect(parseDraftKey({ noteId: '64f1a2b3c4d5e6f7a8b9c0d1', replyTo: null })).toEqual({
      noteId: '64f1a2b3c4d5e6f7a8b9c0d1',
      replyTo: null,
    });
  });

  it('accepts a reply to a comment, and a path standing in for a note id', () => {
    expect(parseDraftKey({ noteId: '/explore/64f1a2b3', replyTo: 'comment-42' })).toEqual({
      noteId: '/explore/64f1a2b3',
      replyTo: 'comment-42',
    });
  });

  it('keeps only noteId and replyTo', () => {
    expect(parseDraftKey({ noteId: 'n1', replyTo: null, extra: 'x' })).toEqual({ noteId: 'n1', replyTo: null });
  });

  it.each([
    ['null', null],
    ['a string', 'n1'],
    ['a missing note id', { replyTo: null }],
    ['an empty note id', { noteId: '', replyTo: null }],
    ['a note id that is a number', { noteId: 42, replyTo: null }],
    // `|` separates the parts of the storage key: allowing it would let two keys collide.
    ['a note id with a separator', { noteId: 'n1|c1', replyTo: null }],
    ['a note id with spaces', { noteId: 'n 1', replyTo: null }],
    ['a note id that is too long', { noteId: 'n'.repeat(201), replyTo: null }],
    ['a missing replyTo (must be null for a top-level reply)', { noteId: 'n1' }],
    ['an empty replyTo', { noteId: 'n1', replyTo: '' }],
    ['a replyTo with a separator', { noteId: 'n1', replyTo: 'c|1' }],
  ])('rejects %s', (_what, value) => {
    expect(parseDraftKey(value)).toBeNull();
  });

  it('accepts the longest id allowed', () => {
    expect(parseDraftKey({ noteId: 'n'.repeat(200), replyTo: null })).not.toBeNull();
  });
});

describe('parseDraft', () => {
  it('accepts a complete draft', () => {
    expect(parseDraft(draft)).toEqual(draft);
  });

  it('drops unknown fields', () => {
    expect(parseDraft({ ...draft, postedBy: 'someone' })).toEqual(draft);
  });

  it('accepts empty texts (a draft not yet translated) and the polite tone', () => {
    const untranslated = { ...draft, chinese: '', backTranslation: '', tone: 'polite' };
    expect(parseDraft(untranslated)).toEqual(untranslated);
  });

  it('accepts texts of the longest length allowed and rejects longer ones', () => {
    const longest = 'a'.repeat(MAX_DRAFT_TEXT_LENGTH);
    expect(parseDraft({ ...draft, english: longest })).not.toBeNull();
    expect(parseDraft({ ...draft, english: `${longest}a` })).toBeNull();
    expect(parseDraft({ ...draft, chinese: `${longest}a` })).toBeNull();
    expect(parseDraft({ ...draft, backTranslation: `${longest}a` })).toBeNull();
  });

  it.each([
    ['null', null],
    ['an array', [draft]],
    ['a missing english', { ...draft, english: undefined }],
    ['a chinese that is not a string', { ...draft, chinese: 42 }],
    ['a missing backTranslation', { ...draft, backTranslation: undefined }],
    ['an unknown tone', { ...draft, tone: 'rude' }],
    ['a missing tone', { ...draft, tone: undefined }],
    ['a missing updatedAt', { ...draft, updatedAt: undefined }],
    ['an updatedAt that is a string', { ...draft, updatedAt: '1700000000000' }],
    ['an updatedAt that is not finite', { ...draft, updatedAt: Number.NaN }],
  ])('rejects %s', (_what, value) => {
    expect(parseDraft(value)).toBeNull();
  });
});

describe('isEmptyDraft', () => {
  it('is true when neither the English nor the Chinese holds anything but whitespace', () => {
    expect(isEmptyDraft({ english: '', chinese: '' })).toBe(true);
    expect(isEmptyDraft({ english: '  \n', chinese: '\t' })).toBe(true);
  });

  it('is false when either text holds something', () => {
    expect(isEmptyDraft({ english: 'Hi', chinese: '' })).toBe(false);
    // The user may have typed the Chinese by hand: that is worth keeping too.
    expect(isEmptyDraft({ english: ' ', chinese: '你好' })).toBe(false);
  });
});
