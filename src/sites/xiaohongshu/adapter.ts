import type { SiteAdapter, UnitContent, UnitKind } from '../types';
import { readUnitContent } from './extract';
import { SELECTORS } from './selectors';

const scrollability = new WeakMap<Element, boolean>();

function scrolls(element: Element): boolean {
  let known = scrollability.get(element);
  if (known === undefined) {
    const overflow = getComputedStyle(element).overflowY;
    known = overflow === 'auto' || overflow === 'scroll';
    scrollability.set(element, known);
  }
  return known;
}

/** A feed card's cover box: `.cover`, else the element with the cover image right before the footer. */
function coverOf(card: Element): Element | null {
  const cover = card.querySelector(SELECTORS.cardCover);
  if (cover) return cover;
  const beforeFooter = card.querySelector(SELECTORS.cardFooter)?.previousElementSibling ?? null;
  // Not the hidden `a[href][style="display: none"]` a card also carries: only a box with an image.
  return beforeFooter?.querySelector('img') ? beforeFooter : null;
}

/** The notification page's and the profile page's units (their selectors match nothing elsewhere). */
const PAGE_UNITS: readonly (readonly [string, UnitKind])[] = [
  [SELECTORS.notificationText, 'notification-text'],
  [SELECTORS.notificationQuote, 'notification-quote'],
  [SELECTORS.notificationHint, 'notification-hint'],
  [SELECTORS.profileBio, 'profile-bio'],
  [SELECTORS.profileTag, 'profile-tag'],
];

export const xiaohongshu: SiteAdapter = {
  unitSelector: [
    SELECTORS.cardTitle,
    SELECTORS.noteTitle,
    SELECTORS.noteDesc,
    SELECTORS.commentContent,
    ...PAGE_UNITS.map(([selector]) => selector),
  ].join(', '),

  kindOf(element: Element): UnitKind | null {
    if (element.matches(SELECTORS.commentContent)) return 'comment';
    for (const [selector, kind] of PAGE_UNITS) if (element.matches(selector)) return kind;
    if (element.matches(SELECTORS.noteDesc)) return 'note-desc';
    if (element.matches(SELECTORS.noteTitle)) return 'note-title';
    if (element.matches(SELECTORS.cardTitle)) return 'card-title';
    return null;
  },

  readUnit(element: Element, kind: UnitKind): UnitContent {
    return readUnitContent(element, kind);
  },

  placementOf(kind) {
    return kind === 'card-title' ? 'caption' : 'block';
  },

  overlaySlot(element, kind) {
    // Feed cards are absolutely positioned by the page from their measured height: a caption
    // over the cover adds no height, so the masonry never overlaps.
    const card = kind === 'card-title' ? element.closest(SELECTORS.card) : null;
    const cover = card ? coverOf(card) : null;
    if (cover) return { parent: cover, before: null };
    return { parent: element.parentElement ?? element, before: element.nextSibling };
  },

  scrollContainerFor(element) {
    let container = element.parentElement?.closest(SELECTORS.scrollContainers) ?? null;
    while (container && !scrolls(container)) {
      container = container.parentElement?.closest(SELECTORS.scrollContainers) ?? null;
    }
    return container;
  },
};
