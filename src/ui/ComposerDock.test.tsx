// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComposerDock, type ComposerDockProps } from './ComposerDock';
import type { ReplyComposerApi } from './ReplyComposer';
import { settle } from '../../tests/unit/settle';

function fakeApi(): ReplyComposerApi {
  return {
    loadDraft: vi.fn(async () => ({ draft: null, tone: 'casual' as const })),
    saveDraft: vi.fn(async () => {}),
    discardDraft: vi.fn(async () => {}),
    translateReply: vi.fn(async () => ({ ok: false as const, error: { code: 'server' as const, message: 'unused' } })),
    checkReply: vi.fn(async () => ({ ok: false as const, error: { code: 'server' as const, message: 'unused' } })),
    rememberTone: vi.fn(async () => {}),
    translateComment: vi.fn(async () => ({ ok: true as const, translation: 'Hello', backend: 'google' as const, fromCache: false })),
    insert: vi.fn(() => ({ ok: true as const })),
    copy: vi.fn(async () => true),
  };
}

/** RedNote's engage bar, with a click listener of its own, around the dock. */
let page: HTMLElement;
let container: HTMLElement;
let pageClick: ReturnType<typeof vi.fn<(event: Event) => void>>;
let onOpenChange: ReturnType<typeof vi.fn<(open: boolean) => void>>;

beforeEach(() => {
  page = document.createElement('div');
  page.className = 'engage-bar';
  container = document.createElement('div');
  page.append(container);
  document.body.append(page);
  pageClick = vi.fn<(event: Event) => void>();
  page.addEventListener('click', pageClick);
  onOpenChange = vi.fn<(open: boolean) => void>();
});

afterEach(async () => {
  await act(() => render(null, container));
  page.remove();
});

async function show(props: Partial<ComposerDockProps> = {}): Promise<void> {
  await act(() => {
    render(
      <ComposerDock open={false} draftId="68f22fc000000000b2315042" target={null} api={fakeApi()} onOpenChange={onOpenChange} {...props} />,
      container,
    );
  });
  // The panel loads its draft: let that settle too.
  await settle();
}

const toggle = () => container.querySelector<HTMLButtonElement>('button.toggle')!;
const panel = () => container.querySelector('section[aria-label="RedBridge reply composer"]');

describe('ComposerDock', () => {
  it('has a "Reply in English" toggle, collapsed while closed, that asks to open', async () => {
    await show({ open: false });

    const button = toggle();
    expect(button.type).toBe('button');
    // The 文A icon is hidden from assistive tech: the name is the words.
    expect(button.querySelector('[aria-hidden="true"]')!.textContent).toBe('文A');
    expect(button.textContent!.replace('文A', '').trim()).toBe('Reply in English');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.hasAttribute('aria-controls')).toBe(false);
    expect(panel()).toBeNull();

    await act(() => button.click());
    expect(onOpenChange).toHaveBeenCalledTimes(1);
    expect(onOpenChange).toHaveBeenCalledWith(true);
  });

  it('shows the panel while open, expanded, and the toggle asks to close', async () => {
    await show({ open: true });

    const button = toggle();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel()).not.toBeNull();
    const controlled = document.getElementById(button.getAttribute('aria-controls')!);
    expect(controlled).not.toBeNull();
    expect(controlled!.contains(panel())).toBe(true);

    await act(() => button.click());
    expect(onOpenChange).toHaveBeenCalledTimes(1);
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('closes on Escape in the panel and gives the focus back to the toggle', async () => {
    await show({ open: true });
    const english = container.querySelector<HTMLTextAreaElement>('textarea[lang="en"]')!;
    expect(document.activeElement).toBe(english);

    await act(() => {
      english.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });

    expect(onOpenChange).toHaveBeenCalledTimes(1);
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(document.activeElement).toBe(toggle());
  });

  it('closes on × and gives the focus back to the toggle', async () => {
    await show({ open: true });
    expect(document.activeElement).not.toBe(toggle());

    await act(() => container.querySelector<HTMLButtonElement>('button[aria-label="Close reply composer"]')!.click());

    expect(onOpenChange).toHaveBeenCalledTimes(1);
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(document.activeElement).toBe(toggle());
  });

  it('keeps clicks in the dock from reaching the page', async () => {
    await show({ open: true });

    await act(() => toggle().click());
    await act(() => panel()!.querySelector('textarea')!.click());
    await act(() => container.querySelector<HTMLButtonElement>('button[aria-label="Close reply composer"]')!.click());
    expect(onOpenChange).toHaveBeenCalledTimes(2);
    expect(pageClick).not.toHaveBeenCalled();

    // A click next to the dock is the page's.
    await act(() => container.click());
    expect(pageClick).toHaveBeenCalledTimes(1);
  });

  it('says whom the reply goes to next to the closed toggle, and passes the target to the open panel', async () => {
    const target = { author: '晚風與你', text: '好想去！', mentions: [] };
    await show({ open: false, target });
    expect(container.querySelector('.replying')!.textContent).toBe('to 晚風與你');

    await show({ open: true, target });
    expect(container.querySelector('.replying')).toBeNull();
    expect(panel()!.querySelector('figcaption')!.textContent).toBe('Replying to 晚風與你');
  });
});
