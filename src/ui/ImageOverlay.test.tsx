// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageBlock } from '../ocr/image-reading';
import type { TranslateOutcome } from '../messaging/wire';
import { ImageOverlay, type ImageOverlayProps, type ImageOverlayState } from './ImageOverlay';

const container = document.createElement('div');
document.body.append(container);

/** A click that reached the page (the carousel would take it as a tap on the image). */
const pageClick = vi.fn();

beforeEach(() => {
  pageClick.mockClear();
  document.addEventListener('click', pageClick);
});

afterEach(() => {
  document.removeEventListener('click', pageClick);
  render(null, container);
});

/** A 1000 × 2000 image with two lines of Chinese. */
const BLOCKS: ImageBlock[] = [
  { text: '大理三天两夜', bounds: { x: 100, y: 500, width: 400, height: 100 } },
  { text: '人均1500玩到爽', bounds: { x: 250, y: 1200, width: 500, height: 200 } },
];

const ok = (translation: string): TranslateOutcome => ({ ok: true, translation, backend: 'google', fromCache: false });
const failed = (message: string): TranslateOutcome => ({ ok: false, error: { code: 'rate-limited', message } });

const read = (translations: (TranslateOutcome | null)[]): ImageOverlayState => ({
  status: 'read',
  width: 1000,
  height: 2000,
  blocks: BLOCKS,
  translations,
});

function show(state: ImageOverlayState, props: Partial<Omit<ImageOverlayProps, 'state'>> = {}) {
  const onButton = vi.fn();
  const onRetryBlocks = vi.fn();
  render(<ImageOverlay state={state} showTranslation onButton={onButton} onRetryBlocks={onRetryBlocks} {...props} />, container);
  return { onButton: props.onButton ?? onButton, onRetryBlocks: props.onRetryBlocks ?? onRetryBlocks };
}

const root = () => container.querySelector<HTMLElement>('.rb-image')!;
const button = () => container.querySelector<HTMLButtonElement>('button[data-en-button]')!;
const panels = () => [...container.querySelectorAll<HTMLElement>('[data-block]')];
const alerts = () => [...container.querySelectorAll<HTMLElement>('[role="alert"]')];
const listItems = () =>
  [...container.querySelectorAll('[data-text-list] li')].map((item) => [item.querySelector('.zh')!.textContent, item.querySelector('.en')!.textContent]);

describe('ImageOverlay', () => {
  it('offers to read an image not read yet, and reads it on a click that stays off the page', () => {
    const { onButton, onRetryBlocks } = show({ status: 'idle' });
    expect(root().getAttribute('data-state')).toBe('idle');
    expect(button().type).toBe('button');
    expect(button().textContent).toBe('EN');
    expect(button().getAttribute('aria-label')).toBe('Translate the text on this image');
    expect(button().getAttribute('title')).toBe('Translate the text on this image');
    expect(button().hasAttribute('aria-pressed')).toBe(false);
    expect(button().getAttribute('aria-busy')).toBe('false');
    expect(button().disabled).toBe(false);
    expect(container.querySelector('.blocks, [data-text-list], [role="status"], [role="alert"]')).toBeNull();

    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    button().dispatchEvent(click);
    expect(onButton).toHaveBeenCalledTimes(1);
    expect(onRetryBlocks).not.toHaveBeenCalled();
    expect(click.defaultPrevented).toBe(true);
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('shows progress while reading, with the button busy and disabled', () => {
    const { onButton } = show({ status: 'reading' });
    expect(button().getAttribute('aria-busy')).toBe('true');
    expect(button().disabled).toBe(true);
    expect(button().getAttribute('aria-label')).toBe('Reading the text on this image…');
    expect(button().querySelector('.spinner')).not.toBeNull();
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Reading the text on this image…');
    button().click();
    expect(onButton).not.toHaveBeenCalled();
    expect(container.querySelector('.blocks, [data-text-list]')).toBeNull();
  });

  it('draws each block’s English over the block, placed in percent of the image read', () => {
    show(read([ok('Dali: three days, two nights'), ok('1,500 yuan each, and loved it')]));
    expect(root().getAttribute('data-showing')).toBe('english');
    expect(button().getAttribute('aria-pressed')).toBe('true');
    expect(button().getAttribute('aria-busy')).toBe('false');
    expect(button().getAttribute('aria-label')).toBe('Show the original image');

    expect(container.querySelector('.blocks')!.getAttribute('aria-hidden')).toBe('true');
    expect(panels().map((panel) => panel.textContent)).toEqual(['Dali: three days, two nights', '1,500 yuan each, and loved it']);
    expect(panels().every((panel) => panel.getAttribute('lang') === 'en')).toBe(true);
    const [first, second] = panels() as [HTMLElement, HTMLElement];
    expect([first.style.left, first.style.top, first.style.width, first.style.minHeight]).toEqual(['10%', '25%', '40%', '5%']);
    expect([second.style.left, second.style.top, second.style.width, second.style.minHeight]).toEqual(['25%', '60%', '50%', '10%']);
  });

  it('lists every block’s Chinese and English as text under “Text on this image”', () => {
    show(read([ok('Dali: three days, two nights'), null]));
    const list = container.querySelector<HTMLDetailsElement>('details[data-text-list]')!;
    expect(list.querySelector('summary')!.textContent).toBe('Text on this image (2)');
    expect(listItems()).toEqual([
      ['大理三天两夜', 'Dali: three days, two nights'],
      ['人均1500玩到爽', 'Translating…'],
    ]);
    expect(list.querySelector('.zh')!.getAttribute('lang')).toBe('zh');
    expect(list.querySelector('.en')!.getAttribute('lang')).toBe('en');
    // No panel for a block whose English is on the way.
    expect(panels().map((panel) => panel.textContent)).toEqual(['Dali: three days, two nights']);

    // Opening the list is the overlay's own click.
    list.querySelector('summary')!.click();
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('shows the original image without panels when the reader turns the English off, keeping the list', () => {
    const { onButton } = show(read([ok('Dali'), ok('1,500 yuan each')]), { showTranslation: false });
    expect(root().getAttribute('data-showing')).toBe('original');
    expect(container.querySelector('.blocks')).toBeNull();
    expect(panels()).toEqual([]);
    expect(button().getAttribute('aria-pressed')).toBe('false');
    expect(button().getAttribute('aria-label')).toBe('Show the English over this image');
    expect(listItems()).toEqual([
      ['大理三天两夜', 'Dali'],
      ['人均1500玩到爽', '1,500 yuan each'],
    ]);
    button().click();
    expect(onButton).toHaveBeenCalledTimes(1);
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('says when an image has no Chinese, or Japanese text it cannot read, with nothing to press', () => {
    show({ status: 'no-text', language: 'none' });
    expect(button().getAttribute('aria-label')).toBe('No Chinese text found on this image');
    expect(button().disabled).toBe(true);
    expect(button().hasAttribute('aria-pressed')).toBe(false);
    expect(container.querySelector('.blocks, [data-text-list], [role="alert"]')).toBeNull();

    show({ status: 'no-text', language: 'japanese' });
    expect(button().getAttribute('aria-label')).toBe('This image’s text looks Japanese: RedBridge reads only Chinese on images');
    expect(button().disabled).toBe(true);
  });

  it('shows why reading failed, with a Retry that reads again without reaching the page', () => {
    const message = 'RedNote’s server refused the image (HTTP 403).';
    const { onButton, onRetryBlocks } = show({ status: 'failed', error: { code: 'fetch', message } });
    expect(button().getAttribute('aria-label')).toBe('Try reading this image again');
    expect(button().disabled).toBe(false);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]!.textContent).toContain(message);
    expect(alerts()[0]!.querySelector('[dir="auto"]')!.textContent).toBe(message);

    const retry = alerts()[0]!.querySelector<HTMLButtonElement>('button.retry')!;
    expect(retry.type).toBe('button');
    expect(retry.textContent).toBe('Retry');
    retry.click();
    expect(onButton).toHaveBeenCalledTimes(1);
    expect(onRetryBlocks).not.toHaveBeenCalled();
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('counts the blocks that could not be translated, and retries only those from its own Retry', () => {
    const { onButton, onRetryBlocks } = show(read([ok('Dali: three days, two nights'), failed('Google Translate is rate-limiting requests (HTTP 429)')]));
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]!.textContent).toContain('1 of this image’s lines could not be translated.');
    expect(listItems()[1]).toEqual(['人均1500玩到爽', 'Couldn’t translate: Google Translate is rate-limiting requests (HTTP 429)']);
    // The failed block gets no panel; the other keeps its own.
    expect(panels().map((panel) => panel.textContent)).toEqual(['Dali: three days, two nights']);

    alerts()[0]!.querySelector<HTMLButtonElement>('button.retry')!.click();
    expect(onRetryBlocks).toHaveBeenCalledTimes(1);
    expect(onButton).not.toHaveBeenCalled();
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('has no failed-blocks alert while translations are only on their way', () => {
    show(read([null, null]));
    expect(alerts()).toEqual([]);
    expect(panels()).toEqual([]);
    expect(listItems().map(([, english]) => english)).toEqual(['Translating…', 'Translating…']);
  });

  it('renders English that looks like HTML as plain text', () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    show(read([ok(hostile), ok('fine')]));
    expect(container.querySelector('.blocks img, .blocks b, [data-text-list] img, [data-text-list] b')).toBeNull();
    expect(panels()[0]!.textContent).toBe(hostile);
    expect(listItems()[0]![1]).toBe(hostile);
  });

  it('keeps clicks on its text from the page (a cover’s link, the carousel), but lets the list open', () => {
    show(read([ok('Hello'), ok('fine')]));
    const reached: Event[] = [];
    container.addEventListener('click', (event) => reached.push(event));
    const item = container.querySelector('[data-text-list] li')!;
    const onItem = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    item.dispatchEvent(onItem);
    expect(onItem.defaultPrevented).toBe(true);
    const summary = container.querySelector('[data-text-list] summary')!;
    const onSummary = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    summary.dispatchEvent(onSummary);
    expect(onSummary.defaultPrevented).toBe(false);
    expect(reached).toEqual([]);
  });

  it('sizes each panel’s text from its length and the block as shown, without measuring the page', () => {
    const short = ok('Hi');
    const long = ok('A very long translation that needs many lines to fit into the same small block of text');
    // A 1000 px wide image shown 300 px wide: the blocks are shown at three tenths of their size.
    show(read([short, long]), { pictureWidth: 300 });
    const sizes = (panels() as HTMLElement[]).map((panel) => parseFloat(panel.style.fontSize));
    expect(sizes[0]).toBeGreaterThan(sizes[1]!);
    show(read([short, long]), { pictureWidth: 1000 });
    const larger = (panels() as HTMLElement[]).map((panel) => parseFloat(panel.style.fontSize));
    expect(larger[1]).toBeGreaterThan(sizes[1]!);
  });
});
