// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeIntersectionObserver as FakeObserver } from '../../tests/unit/fake-intersection-observer';
import { createPageObserver } from '../dom/page-observer';
import type { MarkedText } from '../messaging/protocol';
import type { createTranslateClient } from '../messaging/translate-client';
import type { SiteAdapter } from '../sites/types';
import type { TranslateOutcome } from '../messaging/wire';
import { LOADING_DELAY_MS } from '../ui/overlay-state';
import { startInlineOverlays } from './inline-overlay';
import { createTabStats } from './tab-stats';

/** Units come within a screen of the window (the visibility queue's `near` observer). */
const comeNear = (elements: Element[], top: number) => FakeObserver.all.find((o) => o.rootMargin.startsWith('100%'))!.report(elements, top);

const adapter: SiteAdapter = {
  unitSelector: 'p.unit',
  kindOf: () => 'comment',
  readUnit: (element) => ({ text: element.textContent ?? '', mentions: [], tags: [] }),
  placementOf: () => 'block',
  overlaySlot: (element) => ({ parent: element.parentElement!, before: element.nextSibling }),
  scrollContainerFor: () => null,
};

const translated = (text: string, fromCache: boolean): TranslateOutcome => ({
  ok: true,
  translation: `EN ${text}`,
  backend: 'google',
  fromCache,
});

/** A client whose answers the test holds until it resolves them. */
function heldClient() {
  const translations = new Map<string, (outcome: TranslateOutcome) => void>();
  const lookups = new Map<string, (outcome: TranslateOutcome | null) => void>();
  const client = {
    translate: vi.fn(({ text }: MarkedText) => new Promise<TranslateOutcome>((resolve) => translations.set(text, resolve))),
    cached: vi.fn(({ text }: MarkedText) => new Promise<TranslateOutcome | null>((resolve) => lookups.set(text, resolve))),
  };
  return {
    client: client as unknown as ReturnType<typeof createTranslateClient>,
    translate: client.translate,
    answerLookup: (text: string, outcome: TranslateOutcome | null) => lookups.get(text)!(outcome),
    answerTranslation: (text: string, outcome: TranslateOutcome) => translations.get(text)!(outcome),
  };
}

function overlayOf(unit: Element): HTMLElement | null {
  const host = unit.nextElementSibling;
  return host instanceof HTMLElement && host.hasAttribute('data-redbridge-for') ? host : null;
}

/** Lets the promise callbacks queued so far run. */
const answersArrive = () => new Promise<void>((resolve) => queueMicrotask(() => setTimeout(resolve, 0)));

describe('startInlineOverlays', () => {
  let stop: (() => void) | null = null;
  let held: ReturnType<typeof heldClient>;
  let stats: ReturnType<typeof createTabStats>;

  function start(...texts: string[]): HTMLElement[] {
    document.body.innerHTML = '';
    const units = texts.map((text) => {
      const unit = document.body.appendChild(document.createElement('p'));
      unit.className = 'unit';
      unit.textContent = text;
      return unit;
    });
    stats = createTabStats();
    stop = startInlineOverlays({ adapter, client: held.client, targetLanguage: 'en', backendChoices: ['google', 'microsoft', 'deepl'], stats, changes: createPageObserver() });
    return units;
  }

  beforeEach(() => {
    FakeObserver.all = [];
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    held = heldClient();
  });

  afterEach(() => {
    stop?.();
    stop = null;
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('looks a unit up in the cache when it is found, and shows the answer in the task it comes near, asking for no translation', async () => {
    const [unit] = start('你好');
    held.answerLookup('你好', translated('你好', true));
    await answersArrive();
    // Found far from the screen: nothing is shown before it comes near.
    expect(overlayOf(unit!)).toBeNull();

    comeNear([unit!], 1500);

    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
    expect(overlayOf(unit!)?.shadowRoot?.textContent).toContain('EN 你好');
    expect(held.translate).not.toHaveBeenCalled();
  });

  it('shows a late cache answer at once for a unit that came near while the lookup was on its way', async () => {
    const [unit] = start('你好');
    comeNear([unit!], 1500);
    expect(overlayOf(unit!)).toBeNull();

    held.answerLookup('你好', translated('你好', true));
    await answersArrive();

    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
    // It left the queue: coming closer does not ask for it again.
    comeNear([unit!], 100);
    expect(held.translate).not.toHaveBeenCalled();
  });

  it('shows the cache answer that comes first for a unit asked for while its lookup was on the way', async () => {
    const [unit] = start('你好');
    // About to be seen before the cache has answered: its translation is asked for at once.
    comeNear([unit!], 100);
    expect(held.translate).toHaveBeenCalledTimes(1);

    held.answerLookup('你好', translated('你好', true));
    await answersArrive();
    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
    expect(stats.counts).toEqual({ found: 1, translated: 1, fromCache: 1, failed: 0, imagesRead: 0, subtitlesShown: 0 });

    // The translation's answer comes after: dropped, nothing counted or drawn twice.
    held.answerTranslation('你好', { ok: true, translation: 'EN later', backend: 'google', fromCache: false });
    await answersArrive();
    expect(overlayOf(unit!)?.shadowRoot?.textContent).toContain('EN 你好');
    expect(document.querySelectorAll('[data-redbridge-for]')).toHaveLength(1);
    expect(stats.counts).toEqual({ found: 1, translated: 1, fromCache: 1, failed: 0, imagesRead: 0, subtitlesShown: 0 });
  });

  it('asks for a translation of a unit the cache does not have once it is about to be seen', async () => {
    const [unit] = start('谢谢');
    held.answerLookup('谢谢', null);
    await answersArrive();

    comeNear([unit!], 100);

    expect(held.translate).toHaveBeenCalledWith({ text: '谢谢', mentions: [] }, false, undefined);
    held.answerTranslation('谢谢', translated('谢谢', false));
    await answersArrive();
    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
  });

  it(`says "Translating…" only once a translation has taken ${LOADING_DELAY_MS} ms`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const [slow, fast] = start('很慢', '很快');
    held.answerLookup('很慢', null);
    held.answerLookup('很快', null);
    await Promise.resolve();
    await Promise.resolve();
    comeNear([slow!, fast!], 100);

    held.answerTranslation('很快', translated('很快', false));
    await Promise.resolve();
    await Promise.resolve();
    vi.advanceTimersByTime(LOADING_DELAY_MS - 1);
    // The fast one appears once, translated; the slow one shows nothing yet.
    expect(overlayOf(fast!)?.getAttribute('data-state')).toBe('done');
    expect(overlayOf(slow!)).toBeNull();

    vi.advanceTimersByTime(1);
    expect(overlayOf(slow!)?.getAttribute('data-state')).toBe('loading');
  });

  it('puts the overlays of a batch of answers in slices, giving the page a turn between them', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `第${i}条评论`);
    const units = start(...texts);
    for (const text of texts) held.answerLookup(text, null);
    await answersArrive();
    comeNear(units, 100);
    expect(held.translate).toHaveBeenCalledTimes(20);

    // Each render seems to take 2 ms: the slice's 8 ms budget holds a few of them.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 2));
    for (const text of texts) held.answerTranslation(text, translated(text, false));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const inFirstTask = units.filter((unit) => overlayOf(unit)?.getAttribute('data-state') === 'done').length;
    expect(inFirstTask).toBeGreaterThan(0);
    expect(inFirstTask).toBeLessThan(5);

    await vi.waitFor(() => expect(units.every((unit) => overlayOf(unit)?.getAttribute('data-state') === 'done')).toBe(true));
    // In the units' order, none twice.
    expect(units.map((unit) => overlayOf(unit)!.shadowRoot!.textContent)).toEqual(texts.map((text) => expect.stringContaining(`EN ${text}`)));
  });

  it('forgets a unit the page removes, and shows it again from the cache when the very element comes back', async () => {
    const [unit] = start('你好');
    held.answerLookup('你好', translated('你好', true));
    await answersArrive();
    comeNear([unit!], 100);
    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
    expect(stats.counts).toEqual({ found: 1, translated: 1, fromCache: 1, failed: 0, imagesRead: 0, subtitlesShown: 0 });

    // A virtual list drops the element, then puts the same one back.
    unit!.remove();
    await vi.waitFor(() => expect(stats.counts.found).toBe(0));
    expect(document.querySelectorAll('[data-redbridge-for]')).toHaveLength(0);
    document.body.append(unit!);
    await vi.waitFor(() => expect(held.client.cached).toHaveBeenCalledTimes(2));
    held.answerLookup('你好', translated('你好', true));
    await answersArrive();
    comeNear([unit!], 100);

    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
    expect(document.querySelectorAll('[data-redbridge-for]')).toHaveLength(1);
    expect(held.translate).not.toHaveBeenCalled();
    expect(stats.counts).toEqual({ found: 1, translated: 1, fromCache: 1, failed: 0, imagesRead: 0, subtitlesShown: 0 });
  });

  it('translates a unit the page inserts empty once its words arrive, with one overlay', async () => {
    const [unit] = start('');
    await answersArrive();
    expect(held.client.cached).not.toHaveBeenCalled();

    unit!.append(document.createElement('span'));
    unit!.firstElementChild!.textContent = '晚点到的评论';
    await vi.waitFor(() => expect(held.client.cached).toHaveBeenCalledWith({ text: '晚点到的评论', mentions: [] }));
    held.answerLookup('晚点到的评论', null);
    await answersArrive();
    comeNear([unit!], 100);
    expect(held.translate).toHaveBeenCalledWith({ text: '晚点到的评论', mentions: [] }, false, undefined);
    held.answerTranslation('晚点到的评论', translated('晚点到的评论', false));
    await answersArrive();

    expect(overlayOf(unit!)?.getAttribute('data-state')).toBe('done');
    expect(document.querySelectorAll('[data-redbridge-for]')).toHaveLength(1);
    expect(stats.counts).toEqual({ found: 1, translated: 1, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0 });
  });

  it('translates a unit that came near before it was read, though it never comes near again', async () => {
    start('第一条');
    const later = Array.from({ length: 400 }, (_, i) => {
      const unit = document.createElement('p');
      unit.className = 'unit';
      unit.textContent = `第${i}条回复`;
      return unit;
    });
    document.body.append(...later);
    await Promise.resolve();
    const last = later.at(-1)!;
    // Watched in the page's task that added it, read only a few slices later.
    const near = FakeObserver.all.find((o) => o.rootMargin.startsWith('100%'))!;
    expect(near.observed.has(last)).toBe(true);
    expect(held.client.cached).not.toHaveBeenCalledWith({ text: '第399条回复', mentions: [] });
    // The reader scrolls it past on a busy page before RedBridge has read it.
    comeNear([last], 100);
    await vi.waitFor(() => expect(held.translate).toHaveBeenCalledWith({ text: '第399条回复', mentions: [] }, false, undefined));
    held.answerTranslation('第399条回复', translated('第399条回复', false));
    await answersArrive();
    expect(overlayOf(last)?.getAttribute('data-state')).toBe('done');
    // Only that one: the others wait until they come near.
    expect(held.translate).toHaveBeenCalledTimes(1);
  });

  it('stops watching a unit once it is read and has no Chinese', async () => {
    const [english, chinese] = start('hello there', '你好');
    await answersArrive();
    const near = FakeObserver.all.find((o) => o.rootMargin.startsWith('100%'))!;
    expect(near.observed.has(english!)).toBe(false);
    expect(near.observed.has(chinese!)).toBe(true);
  });
});
