// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createImageHost, pictureBox } from './image-host';

describe('pictureBox', () => {
  const portrait = { width: 1440, height: 1920 };

  it('letterboxes a picture with object-fit: contain, centred in the box', () => {
    // A 3:4 picture in a wide carousel: full height, bars left and right.
    expect(pictureBox('contain', { width: 600, height: 400 }, portrait)).toEqual({ left: 150, top: 0, width: 300, height: 400 });
    // A wide picture in a tall box: full width, bars above and below.
    expect(pictureBox('contain', { width: 300, height: 600 }, { width: 1200, height: 800 })).toEqual({ left: 0, top: 200, width: 300, height: 200 });
  });

  it('crops a picture with object-fit: cover, centred, running past the box', () => {
    expect(pictureBox('cover', { width: 300, height: 300 }, { width: 600, height: 900 })).toEqual({ left: 0, top: -75, width: 300, height: 450 });
    // A feed card's 4:3 cover box showing a 3:4 picture: full width, its middle shown.
    const card = pictureBox('cover', { width: 220, height: 165 }, portrait);
    const height = 220 * (1920 / 1440);
    expect(card.left).toBeCloseTo(0, 9);
    expect(card.width).toBeCloseTo(220, 9);
    expect(card.height).toBeCloseTo(height, 9);
    expect(card.top).toBeCloseTo((165 - height) / 2, 9);
  });

  it('fills the box for fill and any other fit', () => {
    for (const fit of ['fill', '', 'none', 'scale-down']) {
      expect(pictureBox(fit, { width: 600, height: 400 }, portrait), fit).toEqual({ left: 0, top: 0, width: 600, height: 400 });
    }
  });

  it('fills the box while the picture’s own size is not known yet', () => {
    for (const natural of [
      { width: 0, height: 0 },
      { width: 1440, height: 0 },
      { width: 0, height: 1920 },
    ]) {
      expect(pictureBox('contain', { width: 600, height: 400 }, natural)).toEqual({ left: 0, top: 0, width: 600, height: 400 });
      expect(pictureBox('cover', { width: 600, height: 400 }, natural)).toEqual({ left: 0, top: 0, width: 600, height: 400 });
    }
  });
});

/** A ResizeObserver a test triggers by hand. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  readonly observed = new Set<Element>();
  disconnected = false;
  constructor(private readonly callback: () => void) {
    FakeResizeObserver.all.push(this);
  }
  observe(element: Element): void {
    this.observed.add(element);
  }
  unobserve(element: Element): void {
    this.observed.delete(element);
  }
  disconnect(): void {
    this.observed.clear();
    this.disconnected = true;
  }
  resize(): void {
    this.callback();
  }
}

/** Sets what happy-dom leaves at 0 for want of layout. */
function layOut(image: HTMLImageElement, box: { left: number; top: number; width: number; height: number }, natural: { width: number; height: number }) {
  const values: Record<string, number> = {
    offsetLeft: box.left,
    offsetTop: box.top,
    offsetWidth: box.width,
    offsetHeight: box.height,
    naturalWidth: natural.width,
    naturalHeight: natural.height,
  };
  for (const [name, value] of Object.entries(values)) Object.defineProperty(image, name, { configurable: true, get: () => value });
}

describe('createImageHost', () => {
  let image: HTMLImageElement;

  beforeEach(() => {
    FakeResizeObserver.all = [];
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    document.body.innerHTML = '<div class="img-container"><img class="note-slider-img" style="object-fit: contain"><span class="after"></span></div>';
    image = document.querySelector('img')!;
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  const style = (host: HTMLElement) =>
    Object.fromEntries(['left', 'top', 'width', 'height'].map((side) => [side, [host.style.getPropertyValue(side), host.style.getPropertyValue(`--rb-picture-${side}`)]]));

  it('goes right after the image, laid over its box, with the picture’s place for its styles', () => {
    layOut(image, { left: 20, top: 10, width: 600, height: 400 }, { width: 1440, height: 1920 });
    const host = createImageHost(image);
    expect(image.nextElementSibling).toBe(host.element);
    expect(host.element.localName).toBe('redbridge-image');
    expect(host.element.shadowRoot).not.toBeNull();
    expect(style(host.element)).toEqual({
      left: ['20px', '150px'],
      top: ['10px', '0px'],
      width: ['600px', '300px'],
      height: ['400px', '400px'],
    });
    host.destroy();
  });

  it('places itself again when the image resizes or loads another picture, until destroyed', () => {
    layOut(image, { left: 0, top: 0, width: 600, height: 400 }, { width: 0, height: 0 });
    const host = createImageHost(image);
    const resize = FakeResizeObserver.all.find((observer) => observer.observed.has(image))!;
    expect(resize).toBeDefined();
    expect(host.element.style.getPropertyValue('--rb-picture-width')).toBe('600px');

    // The picture arrived: its own size is known now.
    layOut(image, { left: 0, top: 0, width: 600, height: 400 }, { width: 1440, height: 1920 });
    image.dispatchEvent(new Event('load'));
    expect(host.element.style.getPropertyValue('--rb-picture-width')).toBe('300px');

    layOut(image, { left: 0, top: 0, width: 300, height: 400 }, { width: 1440, height: 1920 });
    resize.resize();
    expect(host.element.style.width).toBe('300px');
    expect(host.element.style.getPropertyValue('--rb-picture-left')).toBe('0px');

    host.destroy();
    expect(resize.disconnected).toBe(true);
    expect(host.element.isConnected).toBe(false);
    expect(image.nextElementSibling?.className).toBe('after');
    layOut(image, { left: 0, top: 0, width: 100, height: 100 }, { width: 1440, height: 1920 });
    image.dispatchEvent(new Event('load'));
    expect(host.element.style.width).toBe('300px');
  });

  it('gives the picture’s rectangle in the viewport, without the letterbox bars', () => {
    layOut(image, { left: 0, top: 0, width: 600, height: 400 }, { width: 1440, height: 1920 });
    vi.spyOn(image, 'getBoundingClientRect').mockReturnValue(new DOMRect(100, 50, 600, 400));
    const host = createImageHost(image);
    const rect = host.pictureRect();
    expect([rect.x, rect.y, rect.width, rect.height]).toEqual([250, 50, 300, 400]);
    host.destroy();
  });

  it('renders the overlay into its shadow root, marks its state, hides for a screenshot and shows again', () => {
    layOut(image, { left: 0, top: 0, width: 600, height: 400 }, { width: 1440, height: 1920 });
    const host = createImageHost(image);
    host.render({ state: { status: 'reading' }, showTranslation: true, onButton: () => {}, onRetryBlocks: () => {} });
    expect(host.element.getAttribute('data-state')).toBe('reading');
    expect(host.element.shadowRoot!.querySelector('[data-en-button]')!.getAttribute('aria-busy')).toBe('true');
    expect(host.element.shadowRoot!.querySelector('style')).not.toBeNull();

    host.render({ state: { status: 'no-text', language: 'none' }, showTranslation: true, onButton: () => {}, onRetryBlocks: () => {} });
    expect(host.element.getAttribute('data-state')).toBe('no-text');

    host.setHidden(true);
    expect(host.element.style.visibility).toBe('hidden');
    host.setHidden(false);
    expect(host.element.style.visibility).toBe('');

    host.destroy();
    expect(host.element.shadowRoot!.querySelector('[data-en-button]')).toBeNull();
  });
});
