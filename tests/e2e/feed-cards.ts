import type { Page } from 'puppeteer';

/** One feed card as the reader sees it, with its caption (if any) and the marks over its cover. */
export interface CardView {
  index: string;
  /** Caption hosts anywhere in the card. */
  captions: number;
  /** The caption sits in the card's cover box (`.cover`, or the box before the footer). */
  captionInCover: boolean;
  captionState: string | null;
  /** The caption's box lies inside the cover's box. */
  captionWithinCover: boolean;
  /** The caption's box overlaps a `.play-icon` or `.xhs-live-note-item-badge`. */
  captionCoversMark: boolean;
  marks: string[];
}

/** Reads every card of the feed in the DOM; the geometry is read in one go, in the page. */
export function readCards(page: Page): Promise<CardView[]> {
  return page.evaluate(() => {
    const within = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
    const overlaps = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    return Array.from(document.querySelectorAll('#exploreFeeds > section.note-item'), (card) => {
      const footer = card.querySelector('.footer');
      const cover = card.querySelector('.cover') ?? footer?.previousElementSibling ?? null;
      const hosts = Array.from(card.querySelectorAll('redbridge-translation'));
      const caption = hosts[0] ?? null;
      const captionBox = caption?.getBoundingClientRect() ?? null;
      const marks = Array.from(card.querySelectorAll('.play-icon, .xhs-live-note-item-badge'));
      return {
        index: card.getAttribute('data-index') ?? '',
        captions: hosts.length,
        captionInCover: !!caption && !!cover && caption.parentElement === cover,
        captionState: caption?.getAttribute('data-state') ?? null,
        captionWithinCover: !!captionBox && !!cover && within(captionBox, cover.getBoundingClientRect()),
        captionCoversMark: !!captionBox && marks.some((mark) => overlaps(captionBox, mark.getBoundingClientRect())),
        marks: marks.map((mark) => mark.className),
      };
    });
  });
}

/**
 * Pairs of absolutely placed cards whose boxes overlap (the masonry measured them without the
 * caption). `feed` is the cards' container: the explore feed, or a profile's `#userPostedFeeds`.
 */
export function overlappingCards(page: Page, feed = '#exploreFeeds'): Promise<string[]> {
  return page.evaluate((feed) => {
    const boxes = Array.from(document.querySelectorAll(`${feed} > section.note-item`), (card) => ({
      index: card.getAttribute('data-index'),
      rect: card.getBoundingClientRect(),
    }));
    const found: string[] = [];
    for (const a of boxes) {
      for (const b of boxes) {
        if (Number(a.index) >= Number(b.index)) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 1 && y > 1) found.push(`cards ${a.index} and ${b.index}`);
      }
    }
    return found;
  }, feed);
}

/**
 * Each card's height and place with RedBridge's captions shown and with them hidden: a caption
 * that added height would make the card taller than the page's layout measured it. (Hidden by a
 * page style: removing the hosts would only have RedBridge put them back.)
 */
export function cardBoxesWithAndWithoutCaptions(page: Page, feed = '#exploreFeeds'): Promise<{ shown: string[]; hidden: string[] }> {
  return page.evaluate((feed) => {
    const read = () =>
      Array.from(document.querySelectorAll(`${feed} > section.note-item`), (card) => {
        const box = card.getBoundingClientRect();
        return `${card.getAttribute('data-index')}: ${Math.round(box.left)},${Math.round(box.top + window.scrollY)} ${Math.round(box.height)}`;
      });
    const shown = read();
    const style = document.head.appendChild(document.createElement('style'));
    style.textContent = 'redbridge-translation { display: none !important; }';
    const hidden = read();
    style.remove();
    return { shown, hidden };
  }, feed);
}
