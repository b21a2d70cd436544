/**
 * RedNote's web DOM, as documented (with sources) in tests/fixtures/xhs/README.md. Every
 * selector the extension uses lives here; tests/unit check each against the stored pages.
 */
export const SELECTORS = {
  /** Feed card (explore, search): `section.note-item > div > a.cover + .footer > a.title > span`. */
  card: 'section.note-item',
  cardTitle: 'section.note-item a.title',
  cardCover: 'a.cover',
  /** Note detail, in the feed's modal (`.note-detail-mask`) or the full page (`.outer-link-container`). */
  noteTitle: '#detail-title',
  noteDesc: '#detail-desc',
  /** Top-level comments and replies alike: `.comment-item … .right > .content`. */
  commentContent: '.comment-item .right > .content',
  /** Inside a unit: the text proper, and what is not part of it. */
  noteText: '.note-text',
  hashtag: 'a.tag',
  mention: '.note-content-user',
  emoji: 'img',
  replyToNickname: '.nickname',
  /** Elements that scroll by themselves: the note's right column, and the feed on some layouts. */
  scrollContainers: '.note-scroller, .feeds-page',
} as const;

/** `回复 昵称 : ` in front of a reply to a reply. */
export const REPLY_PREFIX = /^\s*回复\s*.{0,40}?\s*[:：]\s*/u;
