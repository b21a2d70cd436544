// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPage, usePageTimers } from '../../tests/unit/fixture-page';
import { fakeBackground, type PendingBackground } from '../../tests/unit/pending-background';
import { createPageObserver } from '../dom/page-observer';
import type { createTranslateClient } from '../messaging/translate-client';
import type { TranslateOutcome } from '../messaging/wire';
import { xiaohongshuImages } from '../sites/xiaohongshu/images';
import { startCoverTranslation } from './cover-translation';
import { createTabStats } from './tab-stats';

const DELAY_MS = 400;
const COVERS = ['title-sunset-stroke.webp', 'title-cafe.webp'];
const urlOf = (file: string) => `${location.origin}/images/${file}`;

usePageTimers();

let background: PendingBackground;
const reads = () => background.requestsOf('read-image');

const translate = vi.fn(async (): Promise<TranslateOutcome> => ({ ok: true, translation: 'Sunset at Erhai', backend: 'google', fromCache: false }));
const client = { translate } as unknown as ReturnType<typeof createTranslateClient>;

const card = (index: number) => document.querySelector(`section.note-item[data-index="${index}"]`)!;
const coverOf = (index: number) => card(index).querySelector<HTMLImageElement>('a.cover img')!;
const overlayOf = (image: Element) => (image.nextElementSibling?.localName === 'redbridge-image' ? (image.nextElementSibling as HTMLElement) : null);
const isVisible = (overlay: HTMLElement | null) => overlay !== null && overlay.isConnected && overlay.style.visibility !== 'hidden';

/** The pointer moves from `from` onto `to` (`pointerout` on the one, `pointerover` on the other). */
function move(from: Element | null, to: Element | null): void {
  from?.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, composed: true, relatedTarget: to }));
  to?.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true, relatedTarget: from }));
}

let stop: (() => void) | null = null;
let stats: ReturnType<typeof createTabStats>;

function start(mode: 'auto' | 'button' = 'auto'): void {
  stop = startCoverTranslation({ site: xiaohongshuImages, client, mode, changes: createPageObserver(), delayMs: DELAY_MS, stats });
}

beforeEach(() => {
  background = fakeBackground();
  translate.mockClear();
  stats = createTabStats();
  loadPage('feed.html', `covers=${COVERS.join(',')}`);
});

afterEach(() => {
  stop?.();
  stop = null;
  vi.restoreAllMocks();
});

describe('startCoverTranslation', () => {
  it('shows and reads a cover the pointer rested on for the delay, not before', async () => {
    start('auto');
    const cover = coverOf(0);
    move(null, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS - 1);
    expect(overlayOf(cover)).toBeNull();
    expect(reads()).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(isVisible(overlayOf(cover))).toBe(true);
    expect(reads()).toEqual([{ type: 'read-image', url: urlOf(COVERS[0]!), key: urlOf(COVERS[0]!) }]);
    expect(overlayOf(cover)!.getAttribute('data-state')).toBe('reading');

    background.sent[0]!.answer({
      ok: true,
      reading: { width: 1080, height: 1440, language: 'chinese', blocks: [{ text: '洱海日落', bounds: { x: 100, y: 200, width: 400, height: 90 } }] },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(translate).toHaveBeenCalledWith({ text: '洱海日落', mentions: [] }, false);
    expect(overlayOf(cover)!.getAttribute('data-state')).toBe('read');
    expect(overlayOf(cover)!.shadowRoot!.querySelector('[data-block]')!.textContent).toBe('Sunset at Erhai');
    expect(stats.counts.imagesRead).toBe(1);
  });

  it('reads nothing for a pointer that leaves before the delay', async () => {
    start('auto');
    const cover = coverOf(0);
    move(null, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS / 2);
    move(cover, card(0).querySelector('.footer .title'));
    await vi.advanceTimersByTimeAsync(DELAY_MS * 5);
    expect(overlayOf(cover)).toBeNull();
    expect(reads()).toEqual([]);
  });

  it('hides the overlay when the pointer leaves, and shows it again at once when it comes back, reading once', async () => {
    start('auto');
    const cover = coverOf(0);
    move(null, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    background.sent[0]!.answer({ ok: true, reading: { width: 1080, height: 1440, language: 'none', blocks: [] } });
    await vi.advanceTimersByTimeAsync(0);
    const overlay = overlayOf(cover)!;
    expect(isVisible(overlay)).toBe(true);

    move(cover, card(0).querySelector('.footer .title'));
    expect(overlay.style.visibility).toBe('hidden');
    expect(overlay.isConnected).toBe(true);

    move(card(0).querySelector('.footer .title'), cover);
    // No second wait: what the reader saw a moment ago comes straight back.
    expect(isVisible(overlay)).toBe(true);
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    expect(overlayOf(cover)).toBe(overlay);
    expect(isVisible(overlay)).toBe(true);
    expect(overlay.getAttribute('data-state')).toBe('no-text');
    expect(reads()).toHaveLength(1);
    expect(card(0).querySelectorAll('redbridge-image')).toHaveLength(1);
  });

  it('keeps the overlay while the pointer is on the overlay itself (its EN button, its list)', async () => {
    start('auto');
    const cover = coverOf(0);
    move(null, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    const overlay = overlayOf(cover)!;

    // Events from inside the shadow root reach the page with the host as their target.
    move(cover, overlay);
    await vi.advanceTimersByTimeAsync(DELAY_MS * 2);
    expect(isVisible(overlay)).toBe(true);
    move(overlay, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS * 2);
    expect(isVisible(overlay)).toBe(true);
    expect(reads()).toHaveLength(1);

    move(overlay, document.body);
    expect(overlay.style.visibility).toBe('hidden');
  });

  it('moves from one cover to the next: the first hides, the second shows after its own delay', async () => {
    start('auto');
    const [first, second] = [coverOf(0), coverOf(1)];
    move(null, first);
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    move(first, second);
    expect(overlayOf(first)!.style.visibility).toBe('hidden');
    expect(overlayOf(second)).toBeNull();
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    expect(isVisible(overlayOf(second))).toBe(true);
    expect(overlayOf(first)!.style.visibility).toBe('hidden');
    expect(reads().map((request) => request.url)).toEqual([urlOf(COVERS[0]!), urlOf(COVERS[1]!)]);
  });

  it('button: shows the EN button after the delay and reads only when it is clicked', async () => {
    start('button');
    const cover = coverOf(0);
    move(null, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    const overlay = overlayOf(cover)!;
    expect(isVisible(overlay)).toBe(true);
    expect(overlay.getAttribute('data-state')).toBe('idle');
    expect(reads()).toEqual([]);

    overlay.shadowRoot!.querySelector<HTMLButtonElement>('[data-en-button]')!.click();
    expect(reads()).toHaveLength(1);
    expect(overlay.getAttribute('data-state')).toBe('reading');
  });

  it('shows nothing over what is not a card’s web cover: a placeholder, the avatar, the title', async () => {
    start('auto');
    const avatar = card(0).querySelector<HTMLImageElement>('.footer img.author-avatar')!;
    avatar.src = 'https://sns-avatar-qc.xhscdn.com/avatar/1040g2jo31mb9l5c1k4705o4kqv0g8j9k2m3n4p5?imageView2/2/w/80/format/jpg';
    for (const target of [coverOf(2), avatar, card(0).querySelector('.footer .title')!]) {
      move(null, target);
      await vi.advanceTimersByTimeAsync(DELAY_MS * 2);
      move(target, document.body);
    }
    expect(document.querySelectorAll('redbridge-image')).toHaveLength(0);
    expect(reads()).toEqual([]);
  });

  it('drops the overlay of a cover the page removes', async () => {
    start('auto');
    const cover = coverOf(0);
    const box = cover.parentElement!;
    move(null, cover);
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    expect(overlayOf(cover)).not.toBeNull();

    cover.remove();
    await vi.advanceTimersByTimeAsync(0);
    expect(box.querySelector('redbridge-image')).toBeNull();
  });

  it('stop() removes every overlay and no longer follows the pointer', async () => {
    start('auto');
    move(null, coverOf(0));
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    move(coverOf(0), coverOf(1));
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    expect(document.querySelectorAll('redbridge-image')).toHaveLength(2);

    // A dwell under way when it stops never ends in an overlay.
    move(coverOf(1), coverOf(0));
    stop!();
    stop = null;
    expect(document.querySelectorAll('redbridge-image')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(DELAY_MS * 2);
    move(coverOf(0), coverOf(1));
    await vi.advanceTimersByTimeAsync(DELAY_MS * 2);
    expect(document.querySelectorAll('redbridge-image')).toHaveLength(0);
    expect(reads()).toHaveLength(2);
  });
});
