// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPage, usePageTimers } from '../../tests/unit/fixture-page';
import { fakeBackground, type PendingBackground } from '../../tests/unit/pending-background';
import { createPageObserver } from '../dom/page-observer';
import type { createTranslateClient } from '../messaging/translate-client';
import type { TranslateOutcome } from '../messaging/wire';
import { xiaohongshuImages } from '../sites/xiaohongshu/images';
import type { ImageSite } from '../sites/types';
import { startImageTranslation } from './image-translation';
import { createTabStats } from './tab-stats';

/* The fixture note page with four slides of tests/fixtures/images and Swiper's clone of the first. */
const SLIDES = ['caption-shadow.webp', 'title-cafe.webp', 'list-emoji.webp', 'mixed-itinerary.webp'];
const urlOf = (file: string) => `${location.origin}/images/${file}`;

usePageTimers();

/* ---------------------------------------------------------------------------------------------
 * The background, faked (tests/unit/pending-background.ts): read-image messages wait until the
 * test answers them.
 * ------------------------------------------------------------------------------------------- */

let background: PendingBackground;

/** The slides whose image was asked to be read, in order (by file name). */
const readFiles = (): string[] => background.requestsOf('read-image').map((request) => request.url!.split('/').pop() ?? '');

/** Answers the read of `file`: no Chinese on it. */
async function answerRead(file: string): Promise<void> {
  const message = background.sent.find((candidate) => candidate.request.url === urlOf(file));
  if (!message) throw new Error(`${file} was not asked for`);
  message.answer({ ok: true, reading: { width: 1080, height: 1440, language: 'none', blocks: [] } });
  await vi.advanceTimersByTimeAsync(0);
}

const client = {
  translate: vi.fn(async (): Promise<TranslateOutcome> => ({ ok: true, translation: 'EN', backend: 'google', fromCache: false })),
} as unknown as ReturnType<typeof createTranslateClient>;

/* ---------------------------------------------------------------------------------------------
 * Layout, faked: the carousel is 500 px wide and its track shows slide N at translateX(-N00%),
 * as the page's own arrows set it.
 * ------------------------------------------------------------------------------------------- */

function fakeLayout(): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    if (this.matches('.media-container')) return new DOMRect(0, 0, 500, 600);
    if (this.matches('.swiper-slide') && this.parentElement) {
      const track = this.parentElement as HTMLElement;
      const shown = -Number(/translateX\((-?[\d.]+)%\)/.exec(track.style.transform)?.[1] ?? 0) / 100;
      const position = [...track.children].indexOf(this);
      return new DOMRect((position - shown) * 500, 0, 500, 600);
    }
    return new DOMRect(0, 0, 0, 0);
  });
}

const slideImages = () => [...document.querySelectorAll<HTMLImageElement>('.swiper-slide img.note-slider-img')];
const overlayOf = (image: Element) => (image.nextElementSibling?.localName === 'redbridge-image' ? (image.nextElementSibling as HTMLElement) : null);
const overlays = () => [...document.querySelectorAll<HTMLElement>('redbridge-image')];

/** The page's own "next slide" arrow; the slide change is looked at in the next frame. */
async function nextSlide(): Promise<void> {
  document.querySelector<HTMLElement>('.arrow-controller.right')!.click();
  await vi.advanceTimersByTimeAsync(20);
}

let stop: (() => void) | null = null;
let stopWatching: ReturnType<typeof vi.fn<(carousel: Element) => void>>;
let site: ImageSite;
let stats: ReturnType<typeof createTabStats>;

function start(mode: 'auto' | 'button'): void {
  stop = startImageTranslation({ site, client, mode, changes: createPageObserver(), stats });
}

beforeEach(() => {
  background = fakeBackground();
  fakeLayout();
  stats = createTabStats();
  stopWatching = vi.fn<(carousel: Element) => void>();
  site = {
    ...xiaohongshuImages,
    watchSlides(carousel, changed) {
      const stopIt = xiaohongshuImages.watchSlides(carousel, changed);
      return () => {
        stopWatching(carousel);
        stopIt();
      };
    },
  };
  loadPage('note.html', `images=${SLIDES.join(',')}&loop=1`);
});

afterEach(() => {
  stop?.();
  stop = null;
  vi.restoreAllMocks();
});

describe('startImageTranslation', () => {
  it('auto: reads the shown slide, then the next one, and no other', async () => {
    start('auto');
    // Overlays are made in a task of RedBridge's own, and which slide shows is asked in the next
    // frame: nothing happens in the page's task.
    expect(readFiles()).toEqual([]);
    expect(overlays()).toEqual([]);
    await vi.waitFor(() => expect(readFiles()).toEqual(['caption-shadow.webp']));

    await answerRead('caption-shadow.webp');
    expect(readFiles()).toEqual(['caption-shadow.webp', 'title-cafe.webp']);
    await answerRead('title-cafe.webp');
    await vi.advanceTimersByTimeAsync(1000);
    expect(readFiles()).toEqual(['caption-shadow.webp', 'title-cafe.webp']);
    expect(slideImages().map((image) => overlayOf(image)?.getAttribute('data-state') ?? null)).toEqual(['no-text', 'no-text', 'idle', 'idle', null]);
    expect(stats.counts.imagesRead).toBe(2);
  });

  it('auto: reads ahead of the reader as the carousel moves, each image once', async () => {
    start('auto');
    await vi.advanceTimersByTimeAsync(20);
    await answerRead('caption-shadow.webp');
    await answerRead('title-cafe.webp');

    // The second slide shows: it was read; the third is read ahead.
    await nextSlide();
    expect(readFiles()).toEqual(['caption-shadow.webp', 'title-cafe.webp', 'list-emoji.webp']);
    await answerRead('list-emoji.webp');

    await nextSlide();
    expect(readFiles()).toEqual(['caption-shadow.webp', 'title-cafe.webp', 'list-emoji.webp', 'mixed-itinerary.webp']);
    await answerRead('mixed-itinerary.webp');

    // The last slide, then Swiper's clone of the first: nothing more to read.
    await nextSlide();
    await nextSlide();
    expect(readFiles()).toHaveLength(4);
  });

  it('auto: reads the slide shown when the carousel moved before anything was read', async () => {
    document.querySelector<HTMLElement>('.arrow-controller.right')!.click();
    document.querySelector<HTMLElement>('.arrow-controller.right')!.click();
    start('auto');
    await vi.advanceTimersByTimeAsync(20);
    expect(readFiles()).toEqual(['list-emoji.webp']);
    await answerRead('list-emoji.webp');
    expect(readFiles()).toEqual(['list-emoji.webp', 'mixed-itinerary.webp']);
  });

  it('button: reads nothing until the reader clicks a slide’s EN button, and then only that slide', async () => {
    start('button');
    await vi.advanceTimersByTimeAsync(1000);
    await nextSlide();
    expect(readFiles()).toEqual([]);
    const [, second, third] = slideImages();
    expect(overlays().map((overlay) => overlay.getAttribute('data-state'))).toEqual(['idle', 'idle', 'idle', 'idle']);

    const pageClick = vi.fn();
    third!.closest('.media-container')!.addEventListener('click', pageClick);
    overlayOf(third!)!.shadowRoot!.querySelector<HTMLButtonElement>('[data-en-button]')!.click();
    expect(readFiles()).toEqual(['list-emoji.webp']);
    expect(pageClick).not.toHaveBeenCalled();
    await answerRead('list-emoji.webp');
    await vi.advanceTimersByTimeAsync(1000);
    expect(readFiles()).toEqual(['list-emoji.webp']);
    expect(overlayOf(third!)!.getAttribute('data-state')).toBe('no-text');
    expect(overlayOf(second!)!.getAttribute('data-state')).toBe('idle');
  });

  it('gives Swiper’s loop duplicate no overlay, and never reads it', async () => {
    start('auto');
    await vi.advanceTimersByTimeAsync(20);
    const images = slideImages();
    expect(images).toHaveLength(5);
    const duplicate = images[4]!;
    expect(duplicate.closest('.swiper-slide-duplicate')).not.toBeNull();
    expect(images.slice(0, 4).every((image) => overlayOf(image) !== null)).toBe(true);
    expect(overlayOf(duplicate)).toBeNull();
    expect(overlays()).toHaveLength(4);

    // Shown, the clone is still not read (its own slide was, once).
    for (let i = 0; i < 4; i++) await nextSlide();
    for (const file of new Set(readFiles())) await answerRead(file);
    expect(readFiles().filter((file) => file === 'caption-shadow.webp')).toHaveLength(1);
    expect(overlayOf(duplicate)).toBeNull();
  });

  it('takes the overlay away from an image the page removes, and gives one to an image it adds', async () => {
    start('button');
    const [, second, third] = slideImages();
    const secondBox = second!.parentElement!;
    second!.remove();
    await vi.advanceTimersByTimeAsync(0);
    expect(secondBox.querySelector('redbridge-image')).toBeNull();
    expect(overlayOf(third!)).not.toBeNull();
    expect(overlays()).toHaveLength(3);

    secondBox.append(second!);
    await vi.advanceTimersByTimeAsync(0);
    expect(overlayOf(second!)).not.toBeNull();
    expect(overlays()).toHaveLength(4);
  });

  it('stops watching a carousel whose images are all gone, and reads a note opened later', async () => {
    const note = document.querySelector('.media-container')!.parentElement!;
    const noteParent = note.parentElement!;
    note.remove();
    start('auto');
    await vi.advanceTimersByTimeAsync(20);
    expect(overlays()).toEqual([]);

    // The note opens: its carousel is found and its shown slide read.
    noteParent.append(note);
    await vi.advanceTimersByTimeAsync(20);
    expect(overlays()).toHaveLength(4);
    expect(readFiles()).toEqual(['caption-shadow.webp']);

    note.remove();
    await vi.advanceTimersByTimeAsync(0);
    expect(stopWatching).toHaveBeenCalledTimes(1);
    expect(stopWatching).toHaveBeenCalledWith(note.querySelector('.media-container'));
    expect(note.querySelectorAll('redbridge-image')).toHaveLength(0);
  });

  it('stop() removes every overlay, and nothing is read after it', async () => {
    start('auto');
    await vi.advanceTimersByTimeAsync(20);
    expect(overlays()).toHaveLength(4);
    await answerRead('caption-shadow.webp');
    expect(readFiles()).toEqual(['caption-shadow.webp', 'title-cafe.webp']);

    stop!();
    stop = null;
    expect(overlays()).toEqual([]);
    expect(stopWatching).toHaveBeenCalledTimes(1);

    await answerRead('title-cafe.webp');
    await nextSlide();
    await nextSlide();
    expect(readFiles()).toEqual(['caption-shadow.webp', 'title-cafe.webp']);
    expect(overlays()).toEqual([]);
  });
});
