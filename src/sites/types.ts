/** What the reading features need to know about a site; one implementation per site. */

export type UnitKind = 'card-title' | 'note-title' | 'note-desc' | 'comment';

/** Where a unit's translation goes: a block under the text, or a caption over a card's cover. */
export type OverlayPlacement = 'block' | 'caption';

export interface UnitContent {
  /** The unit's own words: no emoji images, @mentions, links, hashtags or reply prefixes. */
  text: string;
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
