// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground, type PendingBackground } from '../../tests/unit/pending-background';
import { settle } from '../../tests/unit/settle';
import { createPageObserver } from '../dom/page-observer';
import { xiaohongshuSearch } from '../sites/xiaohongshu/search';
import { startSearchBox } from './search-box';

const HEADER = `<header><div class="input-box"><input type="text" id="search-input" placeholder="搜索小红书">
  <div class="input-button"><div class="search-icon"></div></div></div><div class="header-right"></div></header>`;

const TRANSLATED = {
  ok: true,
  translation: '新手露营装备',
  backend: 'google',
  toneApplied: false,
  check: { ok: true, translation: 'Camping equipment for beginners', backend: 'google', fromCache: false },
};

let background: PendingBackground;
let lifetime: AbortController;
/** What the page's own listeners saw: the box's value at each `input` event and at each Enter. */
let seen: { inputs: string[]; enters: string[]; searchClicks: number };

const box = () => document.querySelector<HTMLInputElement>('#search-input')!;
const shadow = () => document.querySelector('redbridge-search')!.shadowRoot!;
const buttonNamed = (text: string) => Array.from(shadow().querySelectorAll('button')).find((button) => button.textContent === text);
const panelText = () => shadow().querySelector('.panel')?.textContent ?? null;

beforeEach(() => {
  document.body.innerHTML = HEADER;
  seen = { inputs: [], enters: [], searchClicks: 0 };
  box().addEventListener('input', () => seen.inputs.push(box().value));
  box().addEventListener('keydown', (event) => {
    if (event.key === 'Enter') seen.enters.push(box().value);
  });
  document.querySelector('.search-icon')!.addEventListener('click', () => seen.searchClicks++);
  background = fakeBackground();
  lifetime = new AbortController();
  startSearchBox(xiaohongshuSearch, createPageObserver(), lifetime.signal);
});

afterEach(() => {
  lifetime.abort();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function translateTyped(english: string): Promise<void> {
  box().value = english;
  buttonNamed('EN→中')!.click();
  await settle();
}

describe('searching in English from the page’s search box', () => {
  it('puts a labelled EN→中 button beside the box, naming its shortcut', () => {
    const start = buttonNamed('EN→中')!;
    expect(start.getAttribute('aria-label')).toContain('Alt+Enter');
    expect(document.querySelector('redbridge-search')!.previousElementSibling?.className).toBe('input-box');
  });

  it('translates the English the reply’s way, then types the Chinese into the box and presses Enter', async () => {
    await translateTyped('camping gear for beginners');
    expect(background.last().request).toMatchObject({ type: 'translate-reply', text: 'camping gear for beginners', retry: false });
    background.last().answer(TRANSLATED);
    await settle();
    expect(shadow().querySelector<HTMLInputElement>('.chinese input')!.value).toBe('新手露营装备');
    expect(panelText()).toContain('Camping equipment for beginners');
    // Nothing reached the page's box before Search.
    expect(seen).toEqual({ inputs: [], enters: [], searchClicks: 0 });

    buttonNamed('Search')!.click();
    await settle();
    expect(seen.inputs).toEqual(['新手露营装备']);
    expect(seen.enters).toEqual(['新手露营装备']);
    expect(box().value).toBe('新手露营装备');
    expect(panelText()).toBeNull();
  });

  it('shows the query’s pinyin (the background’s romanize, read as a text) while the Chinese is unchanged', async () => {
    await translateTyped('camping gear for beginners');
    background.last().answer(TRANSLATED);
    await settle();
    expect(background.last().request).toEqual({ type: 'romanize', texts: ['新手露营装备'], as: 'text' });
    background.last().answer({ pinyin: ['xīn shǒu lù yíng zhuāng bèi'] });
    await settle();
    expect(shadow().querySelector('.pinyin')?.textContent).toBe('xīn shǒu lù yíng zhuāng bèi');
    const chinese = shadow().querySelector<HTMLInputElement>('.chinese input')!;
    chinese.value = '露营装备';
    chinese.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(shadow().querySelector('.pinyin')).toBeNull();
  });

  it('presses the page’s search icon when Enter did not search', async () => {
    await translateTyped('camping gear for beginners');
    background.last().answer(TRANSLATED);
    await settle();
    vi.useFakeTimers();
    buttonNamed('Search')!.click();
    vi.advanceTimersByTime(1000);
    expect(seen.searchClicks).toBe(1);
  });

  it('starts on Alt+Enter in the box, which the page never sees', async () => {
    box().value = 'hiking boots';
    box().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', altKey: true, bubbles: true, cancelable: true }));
    await settle();
    expect(background.last().request).toMatchObject({ type: 'translate-reply', text: 'hiking boots' });
    expect(seen.enters).toEqual([]);
    expect(panelText()).toContain('Translating into Chinese');
  });

  it('keeps the English when the translation fails, says why, and Retry asks again', async () => {
    await translateTyped('camping gear for beginners');
    background.last().answer({ ok: false, error: { code: 'server', message: 'Google answered 500' } });
    await settle();
    expect(panelText()).toContain('Couldn’t translate: Google answered 500. Your English stays in the search box.');
    expect(box().value).toBe('camping gear for beginners');
    expect(buttonNamed('Search')).toBeUndefined();

    buttonNamed('Retry')!.click();
    await settle();
    expect(background.last().request).toMatchObject({ type: 'translate-reply', text: 'camping gear for beginners', retry: true });
    background.last().answer(TRANSLATED);
    await settle();
    expect(shadow().querySelector<HTMLInputElement>('.chinese input')!.value).toBe('新手露营装备');
  });

  it('closes on Escape and gives the focus back to the box', async () => {
    await translateTyped('camping gear for beginners');
    background.last().answer(TRANSLATED);
    await settle();
    shadow().querySelector<HTMLInputElement>('.chinese input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(panelText()).toBeNull();
    expect(document.activeElement).toBe(box());
    expect(seen.enters).toEqual([]);
  });

  it('takes its control out of the page when it ends', () => {
    lifetime.abort();
    expect(document.querySelector('redbridge-search')).toBeNull();
  });
});
