/** What the reading features need to know about a site; one implementation per site. */

export type UnitKind =
  | 'card-title'
  | 'note-title'
  | 'note-desc'
  | 'comment'
  /** A notification's comment text, the text it quotes, and a hint the extension has no English for. */
  | 'notification-text'
  | 'notification-quote'
  | 'notification-hint'
  /** A user profile's bio and its tags. */
  | 'profile-bio'
  | 'profile-tag';

/** Where a unit's translation goes: a block under the text, or a caption over a card's cover. */
export type OverlayPlacement = 'block' | 'caption';

export interface UnitContent {
  /** The unit's own words: no emoji images or reply prefixes; mentions, links and hashtags in place. */
  text: string;
  /**
   * The @mentions the page marked in `text`, exactly as written there: only these are kept as
   * names; an `@` with ordinary text after it is translated.
   */
  mentions: string[];
  /** Hashtags written in the unit, without `#`, in order. */
  tags: string[];
}

export interface SiteAdapter {
  /** Matches every element that is a translatable unit (the text's own element). */
  readonly unitSelector: string;
  kindOf(element: Element): UnitKind | null;
  readUnit(element: Element, kind: UnitKind): UnitContent;
  placementOf(kind: UnitKind): OverlayPlacement;
  /** The element the overlay host goes into, and the node it goes before. */
  overlaySlot(element: Element, kind: UnitKind): { parent: Element; before: Node | null };
  /** The scrolling element the unit moves in, or null for the window. */
  scrollContainerFor(element: Element): Element | null;
}

/** A label the extension knows the English of: shown beside its element with no backend request. */
export interface FixedLabel {
  english: string;
  /** The element the label goes after. */
  after: Element;
}

/** What fixed labels need to know about a site (notification hints, a profile's IP place); one per site. */
export interface FixedLabelSite {
  /** Matches every element that may carry a fixed label. */
  readonly labelSelector: string;
  /** The element's label, or null when the extension has no English for it (or it is English already). */
  labelOf(element: Element): FixedLabel | null;
}

/** An image worth reading, with a web address. */
export interface SiteImage {
  element: HTMLImageElement;
  url: string;
  /** The image as the site names it, whatever size or host it was served in: the cache key. */
  key: string;
}

/** A note image: its slide's own image (not a loop duplicate). */
export interface NoteImage extends SiteImage {
  slide: Element;
  /** The box the carousel shows its slides in. */
  carousel: Element;
  /** The slide's place in its carousel (0 first). */
  index: number;
}

/** What image translation needs to know about a site's note images; one per site. */
export interface ImageSite {
  /** Matches every candidate note image. */
  readonly imageSelector: string;
  /** The image as a note image, or null for duplicates, placeholders and images outside a note. */
  noteImageOf(element: Element): NoteImage | null;
  /** Whether the image's slide is the one the carousel shows. */
  isShown(image: NoteImage): boolean;
  /** Calls `changed` whenever the carousel may have moved to another slide; returns the stop. */
  watchSlides(carousel: Element, changed: () => void): () => void;
  /** Matches feed cards' cover images, whose text hover mode shows on demand. */
  readonly coverSelector: string;
  /** The cover image `element` as one to read, or null (a placeholder, not a card's cover). */
  coverImageOf(element: Element): SiteImage | null;
}

/** Where a site shows people's display names (never translated), for their pinyin. */
export interface NameSite {
  /** Matches every element whose text is one display name. */
  readonly nameSelector: string;
  /** The name `element` shows. */
  nameOf(element: Element): string;
}

/** The comment a reply answers, as the reply composer shows it. */
export interface ReplyTarget {
  commentId: string;
  author: string;
  /** The comment's own words (read like a reading unit). */
  text: string;
  /** The @mentions the page marked in `text`. */
  mentions: string[];
  /** The comment's element, to tell which note's composer it belongs to. */
  element: Element;
}

/** What the reply composer needs to know about a site's own comment box; one per site. */
export interface ComposerSite {
  /** Matches the page's comment composer, one per open note. */
  readonly composerSelector: string;
  /** The note a composer posts to: drafts are kept per note. */
  noteIdOf(composer: Element): string;
  /** The editable box the page posts from, or null while the page has none. */
  commentBoxOf(composer: Element): HTMLElement | null;
  /** Where the "Reply in English" host goes. */
  composerSlot(composer: Element): { parent: Element; before: Node | null };
  /** Whether the composer answers a comment right now (rather than the note). */
  isReplying(composer: Element): boolean;
  /** The comment whose reply button `clicked` is in; null for any other click. */
  replyTargetOf(clicked: Element): ReplyTarget | null;
  /** Whether `composer` belongs to the note that `comment` is in. */
  holdsComment(composer: Element, comment: Element): boolean;
  /** Whether `clicked` is the page's own send button. */
  isSendButton(clicked: Element): boolean;
}

/** Where one of RedBridge's elements goes: into `parent`, before `before` (null: at the end). */
export interface Slot {
  parent: Element;
  before: Node | null;
}

/** What searching in English needs to know about a site's search box and results page; one per site. */
export interface SearchSite {
  /** The page's own search box, or null while the page shows none. */
  searchInput(root: ParentNode): HTMLInputElement | null;
  /** Where the English-search control goes: beside the box. */
  controlSlot(input: HTMLInputElement): Slot;
  /** The page's own search button for the box, if it has one. */
  searchButton(input: HTMLInputElement): HTMLElement | null;
  /** The query of a results page's address (`href`), or null for any other page. */
  resultsKeyword(href: string): string | null;
  /** Where the line naming the query goes on a results page, or null until the results are there. */
  resultsSlot(root: ParentNode): Slot | null;
}

/** One subtitle file a site lists for a video: its group (`source`, `zh-CN`, `en-US`…), language and address. */
export interface SubtitleTrack {
  group: string;
  language: string;
  url: string;
}

/** A note's video player, as RedBridge's subtitles need it. */
export interface VideoNote {
  video: HTMLVideoElement;
  noteId: string;
  /**
   * The note's `xsec_token` (from the address or the note's card), for fetching the note's own
   * page when the live store has no video data for it; null when the page shows none.
   */
  xsecToken: string | null;
  /** Where the transcript goes: under the note's text. */
  transcriptSlot: Slot | null;
}

/** What video subtitles need to know about a site's video notes; one per site. */
export interface VideoSite {
  /** Matches every candidate note video. */
  readonly videoSelector: string;
  /** The note video `element` plays, or null for preloads and videos outside a note. */
  videoNoteOf(element: Element): VideoNote | null;
  /**
   * The subtitle tracks the page's own state lists for a note (null: it has no video data for
   * it): at once where the page answers at once, else a promise.
   */
  pageTracks(noteId: string): SubtitleTrack[] | null | Promise<SubtitleTrack[] | null>;
}
