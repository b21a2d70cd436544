/**
 * RedNote's web DOM, as documented (with sources) in tests/fixtures/xhs/README.md. Every
 * selector the extension uses lives here; tests/unit check each against the stored pages.
 */
export const SELECTORS = {
  /** Feed card (explore, search): `section.note-item > div > a.cover + .footer > a.title > span`. */
  card: 'section.note-item',
  cardTitle: 'section.note-item a.title',
  /**
   * The box holding a card's cover image: `a.cover` (video cards add `span.play-icon` in it). A live
   * stream's card has no `a.cover[href]` but a `.xhs-live-note-item-badge`; its cover box is taken to be
   * a `div.cover`, and a cover without the class is found as the element before the footer.
   */
  cardCover: '.cover',
  cardFooter: '.footer',
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
  /**
   * The comment composer (engage bar) at the foot of an open note:
   * `.engage-bar-container > .engage-bar > [.reply-content] + .input-box > .content-edit > p#content-textarea`.
   * (The outer `div.interactions` carries the class `engage-bar` too, hence the child combinator.)
   */
  composer: '.engage-bar-container > .engage-bar',
  composerInputBox: ':scope > .input-box',
  commentBox: '#content-textarea.content-input[contenteditable="true"]',
  /** Present only while the composer answers a comment. */
  composerReplyTo: ':scope > .reply-content',
  sendButton: '.right-btn-area .btn.submit',
  /** The open note's id: `.note-detail-mask[note-id]` in the feed's modal. */
  noteModal: '.note-detail-mask[note-id]',
  noteContainer: '#noteContainer',
  /**
   * A video note's player: `#noteContainer[data-type=video] .media-container … video`. The page
   * also keeps zero-size preloaded `<video>`s outside any note, which this leaves out.
   */
  noteVideo: '#noteContainer[data-type="video"] .media-container video',
  /** A feed card's cover link, whose address carries the note's `xsec_token`. */
  cardCoverLink: 'section.note-item a.cover[href]',
  /** A comment's own reply button, and the comment's parts that say who wrote what. */
  commentReplyButton: '.comment-item .interactions .reply',
  commentItem: '.comment-item',
  commentOwnContent: ':scope > .comment-inner-container > .right > .content',
  commentOwnAuthor: ':scope > .comment-inner-container > .right > .author-wrapper .name',
  /**
   * A notification (`/notification`): `.container > .main > .info > .user-info + .interaction-hint
   * (span hint, span.interaction-time) + .interaction-content + .quote-info + .actions`.
   */
  notificationText: '.main .interaction-content',
  notificationQuote: '.main .quote-info',
  notificationHint: '.main .interaction-hint > span:first-child:not(.interaction-time)',
  /** A user profile (`/user/profile/<id>`): the bio (lines split by `\n`), its tags, the IP location line. */
  profileBio: '.user-info .user-desc',
  profileTag: '.user-info .user-tags > .tag-item',
  profileIp: '.user-info .user-content > .user-IP',
  /**
   * Display names, for their pinyin: a comment's or reply's author (`.author-wrapper > .author > a.name`),
   * a profile's header (`.user-basic > .user-nickname > .user-name`) and a notification's sender
   * (`.container > a.user-avatar + .main > .info > .user-info > a`; ../shared/xhs/README.md §6).
   */
  commentAuthorName: '.comment-item .author-wrapper .name',
  profileName: '.user-basic .user-name',
  notificationName: '.container > .main .user-info > a',
  /** Elements that scroll by themselves: the note's right column, and the feed on some layouts. */
  scrollContainers: '.note-scroller, .feeds-page',
} as const;

/**
 * A note's id in a RedNote address: `/explore/<id>`, `/discovery/item/<id>`, `/search_result/<id>`, and
 * `/user/profile/<userId>/<id>` (a note opened from a profile, `?xsec_source=pc_user`). A profile's own
 * address, `/user/profile/<userId>`, names no note: the user id is never taken for one.
 */
export const NOTE_PATH =
  /\/(?:explore|discovery\/item|search_result|user\/profile\/[0-9a-f]{24})\/([0-9a-f]{24})(?:[/?#]|$)/;

/** `回复 昵称 : ` in front of a reply to a reply. */
export const REPLY_PREFIX = /^\s*回复\s*.{0,40}?\s*[:：]\s*/u;
