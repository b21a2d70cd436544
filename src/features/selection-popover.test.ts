// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground, type PendingBackground } from '../../tests/unit/pending-background';
import { createSelectionPopover } from './selection-popover';

let background: PendingBackground;
const popovers = () => document.querySelectorAll('redbridge-popover');
const popoverText = () => popovers()[0]?.shadowRoot?.querySelector('.text')?.textContent ?? null;
const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
const mouseDownOn = (target: Element) => target.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));

async function answer(translation: string): Promise<void> {
  background.last().answer([{ ok: true, translation, backend: 'google', fromCache: false }]);
  await vi.waitFor(() => expect(popoverText()).toBe(translation));
}

beforeEach(() => {
  background = fakeBackground();
  document.body.innerHTML = '<p id="page">日落</p>';
});

afterEach(() => {
  press('Escape');
  vi.restoreAllMocks();
});

describe('createSelectionPopover', () => {
  it('shows one translation at a time: a new one replaces the one shown', async () => {
    const popover = createSelectionPopover();
    popover.show('日落', 'en');
    expect(background.last().request).toMatchObject({ type: 'translate', texts: ['日落'] });
    await answer('Sunset');
    popover.show('洱海', 'en');
    expect(popovers()).toHaveLength(1);
    await answer('Erhai');
  });

  it('stays open on a click inside it, closes on a click elsewhere or Escape', async () => {
    const popover = createSelectionPopover();
    popover.show('日落', 'en');
    await answer('Sunset');
    mouseDownOn(popovers()[0]!);
    expect(popovers()).toHaveLength(1);
    mouseDownOn(document.getElementById('page')!);
    expect(popovers()).toHaveLength(0);
    popover.show('日落', 'en');
    press('Escape');
    expect(popovers()).toHaveLength(0);
  });
});
