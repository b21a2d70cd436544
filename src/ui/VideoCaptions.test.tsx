// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CueLines } from '../video/cue-lines';
import { VideoCaptions, type CaptionMode, type VideoCaptionsProps } from './VideoCaptions';

const container = document.createElement('div');
document.body.append(container);

/** What reached the page, i.e. RedNote's player (a click there pauses, a key seeks). */
const pageEvents = vi.fn();
const PAGE_EVENTS = ['click', 'dblclick', 'pointerdown', 'pointerup', 'keydown'] as const;
const onPage = (event: Event) => pageEvents(event.type);

beforeEach(() => {
  pageEvents.mockClear();
  for (const type of PAGE_EVENTS) document.addEventListener(type, onPage);
});

afterEach(async () => {
  for (const type of PAGE_EVENTS) document.removeEventListener(type, onPage);
  await act(() => render(null, container));
});

/** A cue of RedNote's English track, with the Chinese track's cue at the same moment. */
const BOTH: CueLines = { start: 1, end: 3, english: { kind: 'text', text: 'The wind feels so healing' }, chinese: '风吹过来真的好治愈' };
/** A cue of a Chinese track whose translation is on its way. */
const PENDING: CueLines = { start: 1, end: 3, english: { kind: 'pending' }, chinese: '风吹过来真的好治愈' };

async function show(props: Partial<VideoCaptionsProps> = {}) {
  const all: VideoCaptionsProps = {
    lines: BOTH,
    mode: 'english',
    onMode: vi.fn(),
    scale: 1,
    onScale: vi.fn(),
    place: { x: 0, y: 0 },
    onPlace: vi.fn(),
    ...props,
  };
  await act(() => render(<VideoCaptions {...all} />, container));
  return all;
}

const caption = () => container.querySelector<HTMLElement>('[data-caption]');
/** The caption's lines, as [lang, text]. */
const shownLines = () => [...container.querySelectorAll<HTMLElement>('[data-caption] .line')].map((line) => [line.getAttribute('lang'), line.textContent]);
const ccButton = () => container.querySelector<HTMLButtonElement>('button[data-cc-button]')!;
const menu = () => container.querySelector<HTMLElement>('.menu');
const modeButton = (mode: CaptionMode) => container.querySelector<HTMLButtonElement>(`.menu button[data-mode="${mode}"]`)!;
const sizeButton = (size: 'smaller' | 'larger') => container.querySelector<HTMLButtonElement>(`.menu button[data-size="${size}"]`)!;

function key(target: Element, keyName: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

async function openMenu() {
  await act(() => ccButton().click());
  expect(menu()).not.toBeNull();
}

describe('VideoCaptions: what the caption shows', () => {
  it('shows no caption between cues, and keeps the CC button', async () => {
    await show({ lines: null, mode: 'both' });
    expect(caption()).toBeNull();
    expect(container.querySelector('.line')).toBeNull();
    expect(ccButton()).not.toBeNull();
  });

  it('shows no caption with the captions off, even during a cue', async () => {
    await show({ lines: BOTH, mode: 'off' });
    expect(caption()).toBeNull();
    expect(container.querySelector('.line')).toBeNull();
    expect(container.querySelector('.rb-captions')!.getAttribute('data-mode')).toBe('off');
    expect(ccButton().getAttribute('aria-label')).toBe('Subtitles: Off');
  });

  it('shows only the English line in English', async () => {
    await show({ mode: 'english' });
    expect(shownLines()).toEqual([['en', 'The wind feels so healing']]);
    expect(caption()!.getAttribute('aria-label')).toBe('Subtitles (drag, or use the arrow keys, to move them)');
    expect(ccButton().getAttribute('aria-label')).toBe('Subtitles: English');
  });

  it('shows only the Chinese line in Chinese', async () => {
    await show({ mode: 'chinese' });
    expect(shownLines()).toEqual([['zh-CN', '风吹过来真的好治愈']]);
    expect(ccButton().getAttribute('aria-label')).toBe('Subtitles: Chinese');
  });

  it('shows the English line, then the Chinese, in both', async () => {
    await show({ mode: 'both' });
    expect(shownLines()).toEqual([
      ['en', 'The wind feels so healing'],
      ['zh-CN', '风吹过来真的好治愈'],
    ]);
    expect(ccButton().getAttribute('aria-label')).toBe('Subtitles: English and Chinese');
  });

  it('shows the Chinese meanwhile, even in English, while the translation is on its way', async () => {
    await show({ lines: PENDING, mode: 'english' });
    expect(shownLines()).toEqual([['zh-CN', '风吹过来真的好治愈']]);
    await show({ lines: PENDING, mode: 'both' });
    expect(shownLines()).toEqual([['zh-CN', '风吹过来真的好治愈']]);
  });

  it('shows an English cue without Chinese in Chinese mode rather than nothing', async () => {
    await show({ lines: { ...BOTH, chinese: null }, mode: 'chinese' });
    expect(shownLines()).toEqual([['en', 'The wind feels so healing']]);
  });

  it('writes the cue as text, never as markup', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    await show({ lines: { start: 0, end: 1, english: { kind: 'text', text: markup }, chinese: `<b>${markup}</b>` }, mode: 'both' });
    expect(shownLines()).toEqual([
      ['en', markup],
      ['zh-CN', `<b>${markup}</b>`],
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });
});

describe('VideoCaptions: the CC menu', () => {
  it('opens the menu from the CC button, marking the mode in use', async () => {
    await show({ mode: 'chinese' });
    expect(menu()).toBeNull();
    expect(ccButton().getAttribute('aria-expanded')).toBe('false');
    expect(ccButton().getAttribute('aria-haspopup')).toBe('true');

    await openMenu();
    expect(ccButton().getAttribute('aria-expanded')).toBe('true');
    expect(menu()!.getAttribute('aria-label')).toBe('Subtitle language and size');
    const modes = [...menu()!.querySelectorAll<HTMLButtonElement>('button.mode')];
    expect(modes.map((button) => [button.getAttribute('data-mode'), button.textContent, button.getAttribute('aria-pressed')])).toEqual([
      ['english', 'English', 'false'],
      ['chinese', 'Chinese', 'true'],
      ['both', 'English and Chinese', 'false'],
      ['off', 'Off', 'false'],
    ]);

    // The button closes it again.
    await act(() => ccButton().click());
    expect(menu()).toBeNull();
    expect(ccButton().getAttribute('aria-expanded')).toBe('false');
  });

  it('switches the mode from the menu, closing it and going back to the CC button', async () => {
    const { onMode } = await show({ mode: 'english' });
    await openMenu();
    await act(() => modeButton('both').click());
    expect(onMode).toHaveBeenCalledTimes(1);
    expect(onMode).toHaveBeenCalledWith('both');
    expect(menu()).toBeNull();
    expect(ccButton().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(ccButton());

    await openMenu();
    await act(() => modeButton('off').click());
    expect(onMode).toHaveBeenLastCalledWith('off');
    expect(menu()).toBeNull();
  });

  it('closes the menu on Escape, back on the CC button, without choosing', async () => {
    const { onMode } = await show();
    await openMenu();
    modeButton('chinese').focus();
    await act(() => {
      key(modeButton('chinese'), 'Escape');
    });
    expect(menu()).toBeNull();
    expect(ccButton().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(ccButton());
    expect(onMode).not.toHaveBeenCalled();
    // The player does not see the key either.
    expect(pageEvents).not.toHaveBeenCalledWith('keydown');
  });

  it('sizes the text from the menu, one step at a time, keeping the menu open', async () => {
    const { onScale, onMode } = await show({ scale: 1.2 });
    await openMenu();
    expect(sizeButton('larger').getAttribute('aria-label')).toBe('Larger subtitles');
    expect(sizeButton('smaller').getAttribute('aria-label')).toBe('Smaller subtitles');

    await act(() => sizeButton('larger').click());
    expect(onScale).toHaveBeenLastCalledWith(1);
    expect(menu()).not.toBeNull();
    await act(() => sizeButton('smaller').click());
    expect(onScale).toHaveBeenLastCalledWith(-1);
    expect(onScale).toHaveBeenCalledTimes(2);
    expect(menu()).not.toBeNull();
    expect(ccButton().getAttribute('aria-expanded')).toBe('true');
    expect(onMode).not.toHaveBeenCalled();
  });

  it('sizes the caption by the reader’s scale', async () => {
    await show({ scale: 1.5 });
    expect(caption()!.style.fontSize).toBe('calc(var(--rb-caption-font, 16px) * 1.5)');
  });
});

describe('VideoCaptions: moving the caption', () => {
  it('moves the focused caption with the arrow keys, taking the keys from the page', async () => {
    const { onPlace } = await show({ place: { x: 0, y: 0 } });
    caption()!.focus();
    expect(document.activeElement).toBe(caption());
    expect(caption()!.tabIndex).toBe(0);

    const up = key(caption()!, 'ArrowUp');
    expect(onPlace).toHaveBeenLastCalledWith({ x: 0, y: -0.05 });
    expect(up.defaultPrevented).toBe(true);
    const down = key(caption()!, 'ArrowDown');
    expect(onPlace).toHaveBeenLastCalledWith({ x: 0, y: 0.05 });
    expect(down.defaultPrevented).toBe(true);
    const left = key(caption()!, 'ArrowLeft');
    expect(onPlace).toHaveBeenLastCalledWith({ x: -0.05, y: 0 });
    expect(left.defaultPrevented).toBe(true);
    const right = key(caption()!, 'ArrowRight');
    expect(onPlace).toHaveBeenLastCalledWith({ x: 0.05, y: 0 });
    expect(right.defaultPrevented).toBe(true);
    expect(onPlace).toHaveBeenCalledTimes(4);
    expect(pageEvents).not.toHaveBeenCalledWith('keydown');
  });

  it('moves from where the caption is now', async () => {
    const { onPlace } = await show({ place: { x: 0.1, y: -0.3 } });
    key(caption()!, 'ArrowRight');
    const [moved] = vi.mocked(onPlace).mock.calls[0]!;
    expect(moved.x).toBeCloseTo(0.15, 10);
    expect(moved.y).toBeCloseTo(-0.3, 10);
    expect(caption()!.style.transform).toBe('translate(calc(-50% + 10cqw), -30cqh)');
  });

  it('leaves other keys to the page', async () => {
    const { onPlace } = await show();
    const space = key(caption()!, ' ');
    expect(onPlace).not.toHaveBeenCalled();
    expect(space.defaultPrevented).toBe(false);
    expect(pageEvents).toHaveBeenCalledWith('keydown');
  });
});

describe('VideoCaptions: the player does not take the controls’ clicks', () => {
  it('keeps clicks on the CC button, the modes and the sizes from the player', async () => {
    await show();
    await openMenu();
    await act(() => sizeButton('larger').click());
    await act(() => sizeButton('smaller').click());
    await act(() => modeButton('chinese').click());
    expect(pageEvents).not.toHaveBeenCalled();
  });

  it('keeps clicks, double clicks and presses on the caption from the player', async () => {
    await show();
    caption()!.setPointerCapture = () => {};
    caption()!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    caption()!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    caption()!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerId: 1, clientX: 10, clientY: 10 }));
    caption()!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, pointerId: 1, clientX: 10, clientY: 10 }));
    expect(pageEvents).not.toHaveBeenCalled();
  });

  it('lets a click elsewhere in the page through (the test’s listener does hear clicks)', async () => {
    await show();
    document.body.click();
    expect(pageEvents).toHaveBeenCalledWith('click');
  });
});
