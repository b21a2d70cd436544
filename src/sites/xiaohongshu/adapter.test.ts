// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isChinese } from '../../text/detect';
import type { UnitContent, UnitKind } from '../types';
import { expandAllReplies, expectations, loadPage, noteIds, usePageTimers, type FixtureItem } from '../../../tests/unit/fixture-page';
import { xiaohongshu } from './adapter';

const UNIT_KINDS: Record<string, UnitKind> = {
  'card-title': 'card-title',
  'note-title': 'note-title',
  'note-desc': 'note-desc',
  comment: 'comment',
  reply: 'comment',
};

const byFixtureId = (id: string) => document.querySelector(`[data-fixture-id="${id}"]`);

function read(element: Element): UnitContent {
  const kind = xiaohongshu.kindOf(element);
  if (!kind) throw new Error(`${element.getAttribute('data-fixture-id')} is not a unit`);
  return xiaohongshu.readUnit(element, kind);
}

const hasChinese = (content: UnitContent) =>
  isChinese(content.text, content.mentions) || content.tags.some((tag) => isChinese(tag, []));

/** The page's fixture items whose element is in the document now. */
function presentItems(page: 'feed.html' | 'note.html'): (FixtureItem & { element: Element })[] {
  const elements = new Map<string, Element>();
  for (const element of document.querySelectorAll('[data-fixture-id]')) {
    elements.set(element.getAttribute('data-fixture-id')!, element);
  }
  return expectations.pages[page].items.flatMap((item) => {
    const element = elements.get(item.id);
    return element ? [{ ...item, element }] : [];
  });
}

/**
 * The checks every loaded state of a page must pass: the selector finds exactly the unit
 * elements, each with its kind; the Chinese ones read as Chinese, the others do not; and
 * names and site chrome are never units.
 */
function checkPage(page: 'feed.html' | 'note.html'): void {
  const items = presentItems(page);
  const expectedUnits = items.filter((item) => item.category === 'content' && item.kind in UNIT_KINDS);
  expect(expectedUnits.length).toBeGreaterThan(0);

  // Every matched element is a fixture unit, and every fixture unit is matched.
  const units = new Set(document.querySelectorAll(xiaohongshu.unitSelector));
  const matched = Array.from(units, (element) => element.getAttribute('data-fixture-id'));
  expect(matched.sort()).toEqual(expectedUnits.map((item) => item.id).sort());

  for (const item of expectedUnits) {
    expect(xiaohongshu.kindOf(item.element), item.id).toBe(UNIT_KINDS[item.kind]);
  }

  const contents = new Map(Array.from(units, (element) => [element, read(element)]));
  const shown = (element: Element) => JSON.stringify(contents.get(element));

  // Recall: what should be translated is a unit with Chinese to translate.
  for (const item of items.filter((i) => i.expect === 'translate' && !i.parent && i.category === 'content')) {
    expect(units.has(item.element), `${item.id} is a unit`).toBe(true);
    expect(hasChinese(contents.get(item.element)!), `${item.id} reads as Chinese: ${shown(item.element)}`).toBe(true);
  }

  // Hashtags are collected by the unit they sit in.
  for (const item of items.filter((i) => i.kind === 'hashtag' && i.expect === 'translate')) {
    const parent = items.find((i) => i.id === item.parent)?.element;
    expect(parent && units.has(parent), `${item.id}'s parent ${item.parent} is a unit`).toBe(true);
    expect(contents.get(parent!)!.tags, item.id).toContain(item.text!.replace(/^#/, ''));
  }

  // Precision: units that must be skipped have no Chinese in what the adapter reads.
  for (const item of items.filter((i) => i.expect === 'skip' && i.category === 'content' && units.has(i.element))) {
    expect(hasChinese(contents.get(item.element)!), `${item.id} reads as not Chinese: ${shown(item.element)}`).toBe(
      false,
    );
  }

  // Names and site chrome are never units.
  for (const item of items.filter((i) => i.expect === 'skip' && i.category !== 'content')) {
    expect(units.has(item.element), `${item.id} (${item.kind}) is not a unit`).toBe(false);
  }
}

usePageTimers();

describe('xiaohongshu adapter on note.html', () => {
  beforeAll(() => loadPage('note.html'));

  it('finds exactly the units, with their kinds, and reads Chinese only where it should', () => {
    checkPage('note.html');
  });

  it('reads the body with its mentions and hashtags in place, without emoji images, keeping its line breaks', () => {
    const { text, tags } = read(byFixtureId('pub-n01-desc')!);

    expect(text.startsWith('姐妹们！刚从大理回来，趁热乎整理了一份保姆级攻略\nDay1 古城→人民路→洋人街')).toBe(true);
    expect(text).toContain('看到都会回～ @小鹿今天不加班 下次一起去！');
    expect(text).toMatch(/下次一起去！\s*#大理旅行\s*#旅行攻略\s*#洱海\s*#小众旅行地$/);
    expect(tags).toEqual(['大理旅行', '旅行攻略', '洱海', '小众旅行地']);
    expect(read(byFixtureId('pub-n01-desc')!).mentions).toEqual(['@小鹿今天不加班']);
  });

  it('reads a title as it is', () => {
    expect(read(byFixtureId('pub-n01-title')!)).toEqual({ text: '大理三天两夜保姆级攻略🌊人均1500玩到爽', mentions: [], tags: [] });
  });

  it('reads a comment without its emoji images', () => {
    expect(read(byFixtureId('pub-n01-c01')!)).toEqual({ text: '救命 这个攻略也太详细了吧！收藏了 下个月就去', mentions: [], tags: [] });
  });

  it('reads a mention-only comment as just the mention the page marked, which is not Chinese to translate', () => {
    const comment = byFixtureId('pub-n01-c13')!;
    const content = read(comment);
    expect(content).toEqual({ text: '@小熊软糖', mentions: ['@小熊软糖'], tags: [] });
    expect(isChinese(content.text, content.mentions)).toBe(false);
  });

  it('reads plain text after an @ as words when the page marked no mention there', () => {
    const original = byFixtureId('pub-n01-c01')!;
    const comment = original.cloneNode(true) as Element;
    const words = Object.assign(document.createElement('span'), { textContent: '@一下他们哈哈哈' });
    comment.querySelector('.note-text')!.replaceChildren(words);
    original.after(comment);
    try {
      const content = read(comment);
      expect(content).toEqual({ text: '@一下他们哈哈哈', mentions: [], tags: [] });
      expect(isChinese(content.text, content.mentions)).toBe(true);
    } finally {
      comment.remove();
    }
  });

  it('finds the note column as the scroll container of a comment', () => {
    const comment = byFixtureId('pub-n01-c01')!;
    expect(xiaohongshu.scrollContainerFor(comment)).toBe(comment.closest('.note-scroller'));
    expect(xiaohongshu.scrollContainerFor(comment)).not.toBeNull();
  });

  describe('with every reply expanded', () => {
    beforeAll(() => expandAllReplies());

    it('finds the lazily loaded replies too', () => {
      expect(byFixtureId('pub-n01-c01-r4')).not.toBeNull();
      checkPage('note.html');
    });

    it('reads a reply to a reply without its `回复 X : ` prefix', () => {
      const reply = byFixtureId('pub-n01-c01-r3')!;
      expect(reply.textContent).toMatch(/^回复 橘子汽水🍊 : /);
      expect(read(reply)).toEqual({ text: '我也五月去！可以一起拼车呀', mentions: [], tags: [] });
    });
  });
});

describe('xiaohongshu adapter on feed.html', () => {
  const fixture = () => (window as unknown as { __fixture: { openNote(id: string): void; loadMore(): boolean } }).__fixture;

  beforeAll(() => loadPage('feed.html'));

  it('finds exactly the card titles of the first screen', () => {
    expect(document.querySelectorAll(xiaohongshu.unitSelector)).toHaveLength(12);
    checkPage('feed.html');
  });

  it('lets a card title scroll with the window', () => {
    // The fixture's .feeds-page does not scroll by itself, so the window is the container.
    expect(xiaohongshu.scrollContainerFor(byFixtureId('pub-card-01-title')!)).toBeNull();
  });

  it('finds the cards added by infinite scroll', () => {
    while (fixture().loadMore()) vi.advanceTimersByTime(500);
    expect(byFixtureId('pub-card-28-title')).not.toBeNull();
    checkPage('feed.html');
  });

  it.each(Object.entries(noteIds))('finds the units of note %s opened in the modal', (_n, noteId) => {
    fixture().openNote(noteId);
    expandAllReplies();
    expect(document.querySelector(`.note-detail-mask[note-id="${noteId}"]`)).not.toBeNull();
    checkPage('feed.html');
  });

  it('places a card title caption over the cover, other units in a block after the text', () => {
    const title = byFixtureId('pub-card-01-title')!;
    expect(xiaohongshu.placementOf('card-title')).toBe('caption');
    expect(xiaohongshu.overlaySlot(title, 'card-title')).toEqual({
      parent: title.closest('section.note-item')!.querySelector('a.cover'),
      before: null,
    });

    fixture().openNote(noteIds.n01!);
    const comment = byFixtureId('pub-n01-c01')!;
    expect(xiaohongshu.placementOf('comment')).toBe('block');
    expect(xiaohongshu.overlaySlot(comment, 'comment')).toEqual({ parent: comment.parentElement, before: comment.nextSibling });
  });
});

describe('xiaohongshu readUnit on markup variants', () => {
  function comment(contentHtml: string): Element {
    document.body.innerHTML = `<div class="comment-item"><div class="right"><div class="content">${contentHtml}</div></div></div>`;
    return document.querySelector('.content')!;
  }

  it('keeps an @mention in place in a comment with other words', () => {
    const element = comment(
      '<span class="note-text"><span>一起去吗 </span><a class="note-content-user" href="/user/profile/1">@小熊软糖</a><span> 五月</span></span>',
    );
    expect(read(element).text).toBe('一起去吗 @小熊软糖 五月');
  });

  it('drops a reply prefix written inline, without .note-text', () => {
    expect(read(comment('回复 小熊软糖 : 好呀好呀')).text).toBe('好呀好呀');
  });

  it('keeps a link in a comment as written', () => {
    expect(read(comment('<span class="note-text">看这个 <a href="https://xhslink.com/a/1">https://xhslink.com/a/1</a></span>')).text).toBe(
      '看这个 https://xhslink.com/a/1',
    );
  });

  it('turns <br> into a line break', () => {
    expect(read(comment('<span class="note-text">第一行<br>第二行</span>')).text).toBe('第一行\n第二行');
  });
});

describe('xiaohongshu adapter on the live site’s variants', () => {
  it('puts every card caption over the cover box of video and live cards and of a cover that is a plain div', () => {
    loadPage('feed.html', 'cards=media');
    const cards = Array.from(document.querySelectorAll('section.note-item'));
    const kinds = { video: 0, live: 0, plain: 0 };
    for (const card of cards) {
      const title = card.querySelector(xiaohongshu.unitSelector);
      if (!title) continue;
      const { parent, before } = xiaohongshu.overlaySlot(title, 'card-title');
      // The box with the card's image, never the footer the masonry measures.
      expect(before).toBeNull();
      expect(parent.querySelector(':scope > img')).toBe(card.querySelector('img'));
      expect(parent.closest('.footer')).toBeNull();
      expect(parent.nextElementSibling?.classList.contains('footer')).toBe(true);
      if (parent.querySelector('.play-icon')) kinds.video += 1;
      if (parent.querySelector('.xhs-live-note-item-badge')) kinds.live += 1;
      if (parent.localName === 'div' && !parent.classList.contains('cover')) kinds.plain += 1;
    }
    expect(kinds).toEqual({ video: 3, live: 2, plain: 1 });
    // A live card has no a.cover at all.
    expect(document.querySelector('.xhs-live-note-item-badge')!.closest('section')!.querySelector('a.cover')).toBeNull();
  });

  it('finds the same units on pages with the English interface of www.rednote.com, and no UI label', () => {
    loadPage('note.html', 'ui=en');
    expect(document.querySelector('[data-fixture-id="ui-nav-explore"]')!.textContent).toBe('Explore');
    expect(document.querySelector('.comments-container > .total')!.textContent).toBe('26 comments');
    checkPage('note.html');
    loadPage('feed.html', 'ui=en&cards=media');
    checkPage('feed.html');
  });

  it('reads a comment whose text the page writes late as empty first, then as its words', () => {
    loadPage('note.html', 'commentText=late');
    const comment = byFixtureId('pub-n01-c01')!;
    expect(read(comment)).toEqual({ text: '', mentions: [], tags: [] });
    vi.advanceTimersByTime(600);
    expect(read(comment)).toEqual({ text: '救命 这个攻略也太详细了吧！收藏了 下个月就去', mentions: [], tags: [] });
    checkPage('note.html');
  });
});
