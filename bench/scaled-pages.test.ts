// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isChinese } from '../src/text/detect';
import { loadHtml, usePageTimers } from '../tests/unit/fixture-page';
import { DEFAULT_DELAY_MS, INITIAL_FEED_CARDS, isBenchUnit, mustTranslate, scaledFeedPage, scaledNotePage } from './scaled-pages';

/** What the fixture pages expose for driving them (see the page script). */
interface PageFixture {
  loadMore(): boolean;
  loadMoreComments(): boolean;
}
const fixture = () => (window as unknown as { __fixture: PageFixture }).__fixture;

const COMMENT_CONTENT = '.comment-item .right > .content';
const HAN = /\p{Script=Han}/u;

/** Calls `load` and lets its timer fire until it has nothing more to load; returns the number of loads. */
function loadAll(load: () => boolean): number {
  let loads = 0;
  while (load()) {
    vi.advanceTimersByTime(DEFAULT_DELAY_MS);
    loads += 1;
    if (loads > 1000) throw new Error('the page never stopped loading');
  }
  return loads;
}

/** Fixture id and shown text (without the "回复 <nickname> : " prefix) of every comment unit. */
function commentUnits(): { id: string; text: string }[] {
  return Array.from(document.querySelectorAll(COMMENT_CONTENT), (element) => ({
    id: element.getAttribute('data-fixture-id') ?? '',
    text: element.querySelector('.note-text')?.textContent ?? '',
  }));
}

function cardTitles(): { id: string; text: string }[] {
  return Array.from(document.querySelectorAll('section.note-item a.title[data-fixture-id^="bench-"]'), (element) => ({
    id: element.getAttribute('data-fixture-id') ?? '',
    text: element.textContent ?? '',
  }));
}

/** Units that must be translated hold Chinese; the others hold none (by the extension's own detector). */
function expectLanguages(units: { id: string; text: string }[]): void {
  for (const { id, text } of units) {
    if (mustTranslate(id)) {
      expect(HAN.test(text) && isChinese(text), `${id} is Chinese: ${text}`).toBe(true);
    } else {
      expect(isChinese(text), `${id} is not Chinese: ${text}`).toBe(false);
    }
  }
}

usePageTimers();

describe('scaledNotePage', () => {
  const page = scaledNotePage({ comments: 300, pageSize: 50, seed: 7 });
  let units: { id: string; text: string }[] = [];

  beforeAll(() => {
    loadHtml(page.html);
  });

  it('renders the first page, then exactly all comments page by page', () => {
    expect(document.querySelectorAll(COMMENT_CONTENT)).toHaveLength(50);
    expect(fixture().loadMoreComments()).toBe(true);
    vi.advanceTimersByTime(DEFAULT_DELAY_MS);
    expect(document.querySelectorAll(COMMENT_CONTENT)).toHaveLength(100);

    const loads = 1 + loadAll(() => fixture().loadMoreComments());
    units = commentUnits();
    expect(units).toHaveLength(300);
    expect(loads).toBe(page.pages - 1);
    expect(document.querySelectorAll('.parent-comment')).toHaveLength(page.topLevel);
    expect(document.querySelector('.end-container')?.textContent).toBe('- THE END -');
    expect(document.querySelector('.comments-container > .total')?.textContent).toBe('共 300 条评论');
    expect(document.querySelector('.show-more')).toBeNull();
  });

  it('gives every comment unit its own bench fixture id, with the counts the generator reports', () => {
    expect(units.every((unit) => isBenchUnit(unit.id)), units.find((unit) => !isBenchUnit(unit.id))?.id).toBe(true);
    expect(new Set(units.map((unit) => unit.id)).size).toBe(300);
    const translate = units.filter((unit) => mustTranslate(unit.id)).length;
    expect({ translate, skip: units.length - translate }).toEqual(page.units);
    expect(page.units.skip / 300).toBeGreaterThan(0.03);
    expect(page.units.skip / 300).toBeLessThan(0.15);
  });

  it('keeps the note itself and has replies, replies to replies and the author among the commenters', () => {
    expect(document.querySelector('#detail-title')?.getAttribute('data-fixture-id')).toBe('pub-n01-title');
    expect(document.querySelectorAll('.comment-item-sub').length).toBeGreaterThan(50);
    expect(document.querySelectorAll(`${COMMENT_CONTENT} > .nickname`).length).toBeGreaterThan(10);
    expect(document.querySelectorAll('.comment-item .author .tag').length).toBeGreaterThan(0);
  });

  it('marks Chinese texts for translation and nothing else', () => {
    expectLanguages(units);
  });

  it('repeats a few short comments word for word, as the real site does, and nothing else', () => {
    const seen = new Map<string, number>();
    for (const { text } of units) seen.set(text, (seen.get(text) ?? 0) + 1);
    const duplicates = units.filter(({ text }) => (seen.get(text) ?? 0) > 1).length;
    expect(duplicates / units.length).toBeGreaterThanOrEqual(0.02);
    expect(duplicates / units.length).toBeLessThanOrEqual(0.08);
  });

  it('is a pure function of its options', () => {
    expect(scaledNotePage({ comments: 300, pageSize: 50, seed: 7 }).html).toBe(page.html);

    loadHtml(scaledNotePage({ comments: 300, pageSize: 50, seed: 8 }).html);
    const other = commentUnits();
    const initial = units.slice(0, other.length);
    const same = other.filter((unit, i) => unit.text === initial[i]?.text).length;
    expect(same / other.length).toBeLessThan(0.2);
  });

  it('replaces the stored comment delay', () => {
    expect(page.html).toContain(`}, ${DEFAULT_DELAY_MS});`);
    expect(page.html).not.toContain('}, 400);');
    expect(scaledNotePage({ comments: 10, pageSize: 5, pageDelayMs: 1234 }).html).toContain('}, 1234);');
  });
});

describe('scaledFeedPage', () => {
  const page = scaledFeedPage({ cards: 100, batchSize: 20, seed: 7 });

  beforeAll(() => {
    loadHtml(page.html);
  });

  it('keeps the initial cards and ends with exactly all cards after the last batch', () => {
    expect(document.querySelectorAll('section.note-item')).toHaveLength(INITIAL_FEED_CARDS);
    const loads = loadAll(() => fixture().loadMore());
    expect(loads).toBe(page.batches);
    expect(page.batches).toBe(Math.ceil((100 - INITIAL_FEED_CARDS) / 20));
    expect(document.querySelectorAll('section.note-item')).toHaveLength(100);
  });

  it('follows the initial cards as units, keeping their stored titles and what the fixture expects of them', () => {
    const initial = cardTitles().slice(0, INITIAL_FEED_CARDS);
    expect(initial.map((title) => title.id)).toEqual(
      Array.from({ length: INITIAL_FEED_CARDS }, (_, i) => expect.stringMatching(new RegExp(`^bench-card-(zh|skip)-${i + 1}-title$`))),
    );
    // Stored titles: the first is Chinese, the fifth is not (see expectations.json).
    expect(initial[0]).toEqual({ id: 'bench-card-zh-1-title', text: '大理三天两夜保姆级攻略🌊人均1500玩到爽' });
    expect(initial[4]!.id).toBe('bench-card-skip-5-title');
    expectLanguages(initial);
  });

  it('titles every card, with the counts the generator reports, Chinese only where marked', () => {
    const titles = cardTitles();
    expect(titles).toHaveLength(100);
    expect(titles.every((title) => isBenchUnit(title.id))).toBe(true);
    const translate = titles.filter((title) => mustTranslate(title.id)).length;
    expect({ translate, skip: titles.length - translate }).toEqual(page.units);
    expectLanguages(titles);
  });

  it('is a pure function of its options', () => {
    expect(scaledFeedPage({ cards: 100, batchSize: 20, seed: 7 }).html).toBe(page.html);
    expect(scaledFeedPage({ cards: 100, batchSize: 20, seed: 8 }).html).not.toBe(page.html);
  });
});

describe('fixture ids', () => {
  it('tell units from their companions, and Chinese from the rest', () => {
    expect(isBenchUnit('bench-zh-12')).toBe(true);
    expect(isBenchUnit('bench-skip-3')).toBe(true);
    expect(isBenchUnit('bench-card-zh-4-title')).toBe(true);
    expect(isBenchUnit('bench-zh-12-author')).toBe(false);
    expect(isBenchUnit('bench-card-zh-4-author')).toBe(false);
    expect(isBenchUnit('pub-n01-c01')).toBe(false);
    expect(mustTranslate('bench-zh-12')).toBe(true);
    expect(mustTranslate('bench-card-zh-4-title')).toBe(true);
    expect(mustTranslate('bench-skip-3')).toBe(false);
    expect(mustTranslate('bench-card-skip-4-title')).toBe(false);
  });
});
