// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteAdapter } from '../sites/types';
import type { TranslateOutcome } from '../messaging/wire';
import { startHoverTranslation } from './hover-translation';
import type { MarkedText } from '../messaging/protocol';

/** A page of two comments, one Chinese, one English: units are `.unit`, their text is their words. */
const adapter: SiteAdapter = {
  unitSelector: '.unit',
  kindOf: () => 'comment',
  readUnit: (element) => ({ text: element.textContent ?? '', mentions: [], tags: [] }),
  placementOf: () => 'block',
  overlaySlot: (element) => ({ parent: element.parentElement!, before: element.nextSibling }),
  scrollContainerFor: () => null,
};

function fakeClient() {
  return {
    translate: vi.fn(async ({ text }: MarkedText): Promise<TranslateOutcome> => ({ ok: true, translation: `EN: ${text}`, backend: 'google', fromCache: false })),
  };
}

let client: ReturnType<typeof fakeClient>;
let stop: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<p class="unit" id="zh">好看</p><p class="unit" id="en">Looks good</p><p id="other">elsewhere</p>';
  client = fakeClient();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

function start(key: 'none' | 'Alt' = 'none') {
  stop = startHoverTranslation({ adapter, client: client as never, targetLanguage: 'en', delayMs: 400, key });
}

function pointAt(id: string, init: MouseEventInit = {}): void {
  document.getElementById(id)!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, ...init }));
}

async function settle(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

const popoverText = () => document.querySelector('redbridge-popover')?.shadowRoot?.querySelector('.text')?.textContent ?? null;

describe('startHoverTranslation', () => {
  it('shows a Chinese unit’s translation only after the pointer rested for the delay, and hides it on leaving', async () => {
    start();
    pointAt('zh');
    await settle(399);
    expect(document.querySelector('redbridge-popover')).toBeNull();
    expect(client.translate).not.toHaveBeenCalled();
    await settle(1);
    expect(popoverText()).toBe('EN: 好看');

    pointAt('other');
    expect(document.querySelector('redbridge-popover')).toBeNull();
  });

  it('never translates a unit that is not Chinese', async () => {
    start();
    pointAt('en');
    await settle(1000);
    expect(document.querySelector('redbridge-popover')).toBeNull();
    expect(client.translate).not.toHaveBeenCalled();
  });

  it('needs the hover key held when one is set, also when it is pressed while resting', async () => {
    start('Alt');
    pointAt('zh');
    await settle(1000);
    expect(document.querySelector('redbridge-popover')).toBeNull();

    // Alt pressed while the pointer rests on the unit: shown after the dwell.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Alt', altKey: true, bubbles: true }));
    await settle(399);
    expect(document.querySelector('redbridge-popover')).toBeNull();
    await settle(1);
    expect(popoverText()).toBe('EN: 好看');
  });

  it('removes everything when stopped', async () => {
    start();
    pointAt('zh');
    await settle(400);
    stop();
    stop = () => {};
    expect(document.querySelector('redbridge-popover')).toBeNull();
  });
});
