// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPage, usePageTimers } from '../../../tests/unit/fixture-page';
import type { NoteImage } from '../types';
import { imageKeyOf, xiaohongshuImages } from './images';

/** One RedNote image id, as the CDNs serve it (`1040g…`, 40 characters). */
const ID = '1040g2sg31mb9l5c1k4705o4kqv0g8j9k2m3n4p5';
/** Another image of the same note. */
const OTHER_ID = '1040g2sg31mb9l5c1k4805o4kqv0g8j9k2m3n4p6';

describe('imageKeyOf', () => {
  it('gives one key to one image whatever size, format or RedNote host it was served in', () => {
    const variants = [
      `https://sns-webpic-qc.xhscdn.com/202511100211/5b0e3d0c4f9e8a0b7c1d2e3f4a5b6c7d/${ID}!nd_dft_wlteh_webp_3`,
      `https://sns-webpic-qc.xhscdn.com/202511100211/5b0e3d0c4f9e8a0b7c1d2e3f4a5b6c7d/${ID}!nd_dft_wgth_webp_3`,
      `https://sns-webpic.xhscdn.com/202511120930/0f9e8d7c6b5a49382716a5b4c3d2e1f0/${ID}!nc_n_webp_mw_1`,
      `https://sns-webpic.rednotecdn.com/202511100211/5b0e3d0c4f9e8a0b7c1d2e3f4a5b6c7d/${ID}!nd_prv_wlteh_webp_3`,
      `https://sns-na-i6.xhscdn.com/${ID}?imageView2/2/w/1080/format/webp`,
      `http://sns-img-bd.xhscdn.com/${ID}`,
    ];
    const keys = variants.map((url) => imageKeyOf(url));
    expect(keys).toEqual(variants.map(() => `xhs-image:${ID}`));
  });

  it('keys a `spectrum/` image by its own id, and tells two images of one note apart', () => {
    expect(imageKeyOf(`https://sns-webpic-qc.xhscdn.com/202511100211/abcdef0123456789abcdef0123456789/spectrum/${ID}!nd_dft_wlteh_webp_3`)).toBe(
      `xhs-image:${ID}`,
    );
    expect(imageKeyOf(`https://sns-webpic-qc.xhscdn.com/202511100211/5b0e3d0c4f9e8a0b7c1d2e3f4a5b6c7d/${OTHER_ID}!nd_dft_wlteh_webp_3`)).toBe(
      `xhs-image:${OTHER_ID}`,
    );
    expect(imageKeyOf(`https://sns-webpic-qc.xhscdn.com/x/${OTHER_ID}`)).not.toBe(imageKeyOf(`https://sns-webpic-qc.xhscdn.com/x/${ID}`));
  });

  it('keeps origin and path for a short file name, without the variant suffix or the query', () => {
    expect(imageKeyOf('https://fe-video-qc.xhscdn.com/fe-platform/cover.png!nd_dft_wlteh_webp_3')).toBe(
      'https://fe-video-qc.xhscdn.com/fe-platform/cover.png',
    );
    expect(imageKeyOf('http://localhost:3000/images/caption-shadow.webp?v=2')).toBe('http://localhost:3000/images/caption-shadow.webp');
    // A file name is only that host's: the same name elsewhere is another image.
    expect(imageKeyOf('https://a.example.com/images/cover.png')).not.toBe(imageKeyOf('https://b.example.com/images/cover.png'));
  });

  it('gives no key to placeholders, previews and what is not a web address', () => {
    for (const src of [
      'data:image/svg+xml;charset=utf-8,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E',
      'data:image/webp;base64,UklGRhYAAABXRUJQVlA4TAoAAAAvAAAAAEX/I/of',
      'blob:https://www.xiaohongshu.com/7d6f2c1e-1b2a-4c3d-9e8f-0a1b2c3d4e5f',
      'javascript:alert(1)',
      'ftp://sns-webpic-qc.xhscdn.com/' + ID,
      '/images/caption-shadow.webp',
      'not a url',
      '',
    ]) {
      expect(imageKeyOf(src), src).toBeNull();
    }
  });
});

describe('xiaohongshuImages on the note page', () => {
  usePageTimers();

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const slideImages = () => [...document.querySelectorAll<HTMLImageElement>(xiaohongshuImages.imageSelector)];

  it('finds each slide’s own image with its index and carousel, and not Swiper’s loop duplicate', () => {
    loadPage('note.html', 'images=caption-shadow.webp,title-cafe.webp,list-emoji.webp&loop=1');
    const images = slideImages();
    // Three slides and the clone of the first one.
    expect(images).toHaveLength(4);

    const found = images.map((element) => xiaohongshuImages.noteImageOf(element));
    expect(found[3]).toBeNull();
    const own = found.slice(0, 3) as NoteImage[];
    expect(own.every((image) => image !== null)).toBe(true);
    expect(own.map((image) => image.index)).toEqual([0, 1, 2]);
    expect(own.map((image) => image.url)).toEqual([
      `${location.origin}/images/caption-shadow.webp`,
      `${location.origin}/images/title-cafe.webp`,
      `${location.origin}/images/list-emoji.webp`,
    ]);
    expect(own.map((image) => image.key)).toEqual(own.map((image) => imageKeyOf(image.url)));
    const carousel = document.querySelector('.media-container')!;
    own.forEach((image, i) => {
      expect(image.element).toBe(images[i]);
      expect(image.slide).toBe(images[i]!.closest('.swiper-slide'));
      expect(image.carousel).toBe(carousel);
    });
  });

  it('finds no note image in what is not a slide’s web image', () => {
    // The stored page's own slides are inline SVG placeholders.
    loadPage('note.html');
    const placeholders = slideImages();
    expect(placeholders.length).toBeGreaterThan(0);
    for (const element of placeholders) expect(xiaohongshuImages.noteImageOf(element)).toBeNull();

    loadPage('note.html', 'images=caption-shadow.webp,title-cafe.webp');
    const slide = document.querySelector('.swiper-slide')!;
    expect(xiaohongshuImages.noteImageOf(slide)).toBeNull();
    // A web image outside any slide (an avatar given a CDN address) is not a note image.
    const avatar = document.querySelector<HTMLImageElement>('.author-container img')!;
    expect(avatar).not.toBeNull();
    avatar.src = `https://sns-avatar-qc.xhscdn.com/avatar/${ID}?imageView2/2/w/80/format/jpg`;
    expect(xiaohongshuImages.noteImageOf(avatar)).toBeNull();
    // A slide taken out of its carousel.
    const loose = document.createElement('div');
    loose.className = 'swiper-slide';
    loose.append(slideImages()[1]!);
    document.body.append(loose);
    expect(xiaohongshuImages.noteImageOf(loose.querySelector('img')!)).toBeNull();
  });

  it('takes the slide drawn over at least half of the carousel for the shown one', () => {
    loadPage('note.html', 'images=caption-shadow.webp,title-cafe.webp,list-emoji.webp&loop=1');
    const [first, second, third] = slideImages().slice(0, 3).map((element) => xiaohongshuImages.noteImageOf(element)!) as [
      NoteImage,
      NoteImage,
      NoteImage,
    ];
    const rects = new Map<Element, DOMRect>();
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      return rects.get(this) ?? new DOMRect(0, 0, 0, 0);
    });
    rects.set(first.carousel, new DOMRect(100, 50, 500, 600));
    /** The track moved so that slide `shown` (maybe part-way) sits at the carousel's left edge. */
    const place = (offset: number) => {
      [first, second, third].forEach((image, i) => rects.set(image.slide, new DOMRect(100 + (i - offset) * 500, 50, 500, 600)));
    };

    place(1);
    expect([first, second, third].map((image) => xiaohongshuImages.isShown(image))).toEqual([false, true, false]);
    // Mid-swipe from the second slide to the third: 40% of the way, the second still shows most.
    place(1.4);
    expect([first, second, third].map((image) => xiaohongshuImages.isShown(image))).toEqual([false, true, false]);
    place(1.6);
    expect([first, second, third].map((image) => xiaohongshuImages.isShown(image))).toEqual([false, false, true]);
    // A slide not laid out (a hidden carousel) never shows.
    rects.set(first.slide, new DOMRect(100, 50, 0, 600));
    expect(xiaohongshuImages.isShown(first)).toBe(false);
  });

  it('tells when the carousel’s track moves or ends its transition, until stopped', async () => {
    loadPage('note.html', 'images=caption-shadow.webp,title-cafe.webp');
    const carousel = document.querySelector('.media-container')!;
    const track = carousel.querySelector<HTMLElement>('.swiper-wrapper')!;
    const changed = vi.fn();
    const stop = xiaohongshuImages.watchSlides(carousel, changed);

    track.style.transform = 'translate3d(-500px, 0px, 0px)';
    await Promise.resolve();
    expect(changed).toHaveBeenCalledTimes(1);
    track.dispatchEvent(new Event('transitionend'));
    expect(changed).toHaveBeenCalledTimes(2);

    stop();
    track.style.transform = 'translate3d(0px, 0px, 0px)';
    track.dispatchEvent(new Event('transitionend'));
    await Promise.resolve();
    expect(changed).toHaveBeenCalledTimes(2);
  });
});

describe('xiaohongshuImages on the feed', () => {
  usePageTimers();

  const card = (index: number) => document.querySelector(`section.note-item[data-index="${index}"]`)!;

  it('takes a card’s cover image for one to read', () => {
    loadPage('feed.html', 'covers=title-sunset-stroke.webp,title-cafe.webp');
    const cover = card(0).querySelector<HTMLImageElement>('a.cover img')!;
    expect(cover.matches(xiaohongshuImages.coverSelector)).toBe(true);
    const image = xiaohongshuImages.coverImageOf(cover);
    expect(image).toEqual({
      element: cover,
      url: `${location.origin}/images/title-sunset-stroke.webp`,
      key: `${location.origin}/images/title-sunset-stroke.webp`,
    });
    expect(xiaohongshuImages.coverImageOf(card(1).querySelector('a.cover img')!)?.key).toBe(`${location.origin}/images/title-cafe.webp`);
  });

  it('does not take the author’s avatar in the card’s footer, even with a web address', () => {
    loadPage('feed.html', 'covers=title-sunset-stroke.webp');
    const avatar = card(0).querySelector<HTMLImageElement>('.footer img.author-avatar')!;
    expect(avatar.matches(xiaohongshuImages.coverSelector)).toBe(true);
    avatar.src = `https://sns-avatar-qc.xhscdn.com/avatar/${ID}?imageView2/2/w/80/format/jpg`;
    expect(xiaohongshuImages.coverImageOf(avatar)).toBeNull();
  });

  it('does not take a placeholder cover or an image outside a card', () => {
    loadPage('feed.html', 'covers=title-sunset-stroke.webp');
    // The stored page's covers past the first are inline SVG.
    const placeholder = card(2).querySelector<HTMLImageElement>('a.cover img')!;
    expect(placeholder.src.startsWith('data:')).toBe(true);
    expect(xiaohongshuImages.coverImageOf(placeholder)).toBeNull();

    const outside = document.body.appendChild(document.createElement('img'));
    outside.src = `https://sns-webpic-qc.xhscdn.com/202511100211/x/${ID}!nd_dft_wlteh_webp_3`;
    expect(xiaohongshuImages.coverImageOf(outside)).toBeNull();
    expect(xiaohongshuImages.coverImageOf(card(0).querySelector('a.cover')!)).toBeNull();
  });
});
