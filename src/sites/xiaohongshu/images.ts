/**
 * RedNote's note images (issue 28), as documented in tests/fixtures/xhs/README.md: the carousel
 * `.media-container … .swiper-wrapper > .swiper-slide > .img-container > img.note-slider-img`
 * in the note modal and on the full note page. The carousel loops, so Swiper clones its first
 * and last slides as `.swiper-slide-duplicate` with the same `data-swiper-slide-index`: each image
 * is read once, from its own slide.
 */
import type { ImageSite, NoteImage } from '../types';

export const IMAGE_SELECTORS = {
  image: 'img.note-slider-img',
  slide: '.swiper-slide',
  duplicateSlide: 'swiper-slide-duplicate',
  /** Moves (its `style.transform`) when the reader changes slides. */
  slideTrack: '.swiper-wrapper',
  /** The box the carousel shows its slides in. */
  carousel: '.media-container',
  /** A feed card's cover image: `section.note-item` holds it in `a.cover` (or the box before `.footer`). */
  cover: 'section.note-item img',
  /** Card parts that are not the cover: the author's avatar sits in the footer. */
  cardFooter: '.footer',
} as const;

/**
 * `!nd_dft_wgth_webp_3`, `!nc_n_webp_mw_1`: size and format variants of one image on RedNote's
 * CDNs (`*.xhscdn.com`, `*.rednotecdn.com`), which also serve one image from several hosts.
 */
const VARIANT_SUFFIX = /![^/]*$/u;
/** RedNote's image ids (`1040g2sg31…`, `spectrum/1040g0k0…`) are long; a short last segment is a file name. */
const IMAGE_ID = /^[A-Za-z0-9_-]{20,}$/u;

/**
 * The image as RedNote names it, whatever size, format or host it was served in: the cache key.
 * Null for what is not a web image (RedNote serves note images over https; `data:` and `blob:`
 * sources are placeholders or previews).
 */
export function imageKeyOf(src: string): string | null {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = url.pathname.replace(VARIANT_SUFFIX, '');
  const last = path.split('/').pop() ?? '';
  return IMAGE_ID.test(last) ? `xhs-image:${last}` : `${url.origin}${path}`;
}

/** `element`'s web image, or null for placeholders (`data:`, `blob:`) and anything but an `<img>`. */
function webImage(element: Element): { element: HTMLImageElement; url: string; key: string } | null {
  if (!(element instanceof HTMLImageElement)) return null;
  const url = element.currentSrc || element.src;
  const key = imageKeyOf(url);
  return key ? { element, url, key } : null;
}

export const xiaohongshuImages: ImageSite = {
  imageSelector: IMAGE_SELECTORS.image,

  noteImageOf(element) {
    const image = webImage(element);
    const slide = element.closest(IMAGE_SELECTORS.slide);
    if (!image || !slide || slide.classList.contains(IMAGE_SELECTORS.duplicateSlide)) return null;
    const carousel = slide.closest(IMAGE_SELECTORS.carousel);
    if (!carousel) return null;
    return { ...image, slide, carousel, index: Number(slide.getAttribute('data-swiper-slide-index') ?? 0) };
  },

  coverSelector: IMAGE_SELECTORS.cover,

  coverImageOf(element) {
    if (!element.matches(IMAGE_SELECTORS.cover) || element.closest(IMAGE_SELECTORS.cardFooter)) return null;
    return webImage(element);
  },

  isShown(image: NoteImage) {
    // Swiper moves its `.swiper-slide-active` class late and copies it to duplicates; where the
    // slide is drawn is what the reader sees.
    const view = image.carousel.getBoundingClientRect();
    const box = image.slide.getBoundingClientRect();
    const overlap = Math.min(view.right, box.right) - Math.max(view.left, box.left);
    return box.width > 0 && overlap >= box.width / 2;
  },

  watchSlides(carousel, changed) {
    const track = carousel.querySelector(IMAGE_SELECTORS.slideTrack);
    if (!track) return () => undefined;
    // The track's transform moves at the start of a slide change; where it ends is known at transitionend.
    const observer = new MutationObserver(() => changed());
    observer.observe(track, { attributes: true, attributeFilter: ['style', 'class'] });
    track.addEventListener('transitionend', changed);
    return () => {
      observer.disconnect();
      track.removeEventListener('transitionend', changed);
    };
  },
};
