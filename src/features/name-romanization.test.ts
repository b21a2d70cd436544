// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground } from '../../tests/unit/pending-background';
import { isOwnNode } from '../dom/own-nodes';
import { createPageObserver } from '../dom/page-observer';
import { xiaohongshuNames } from '../sites/xiaohongshu/names';
import { romanize } from '../text/pinyin';
import { startNameRomanization, type Romanize } from './name-romanization';

/** RedNote's markup around a name, as the stored pages and ../shared/xhs/README.md §6 show it. */
const comment = (id: string, name: string) =>
  `<div class="comment-item" id="comment-${id}"><div class="comment-inner-container"><div class="right">` +
  `<div class="author-wrapper"><div class="author"><a class="name" href="/user/profile/${id}">${name}</a><span class="tag">作者</span></div></div>` +
  `<div class="content"><span class="note-text">好看</span></div></div></div></div>`;
const profile = (name: string) =>
  `<div class="user-info"><div class="user-basic"><div class="user-nickname"><div class="user-name">${name}</div></div></div></div>`;
const notification = (name: string) =>
  `<div class="container"><a class="user-avatar" href="/user/profile/9"></a><div class="main"><div class="info">` +
  `<div class="user-info"><a href="/user/profile/9">${name}</a><span class="user-tag">作者</span></div>` +
  `<div class="interaction-hint"><span>回复了你的评论</span></div></div></div></div>`;

const labelOf = (name: Element) => (name.nextElementSibling?.localName === 'redbridge-pinyin' ? name.nextElementSibling : null);
const labels = () => [...document.querySelectorAll('redbridge-pinyin')].map((label) => label.textContent);
const nameIn = (selector: string) => document.querySelector(`${selector}`)!;
/** Long enough for the observer, the answer and the slicer's turns. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

const asked: string[][] = [];
const readNames: Romanize = async (names) => {
  asked.push(names);
  return names.map((name) => romanize(name, 'name'));
};

let stop: (() => void) | null = null;
/** `romanize`: how names are read (the test's own); without it, through the background. */
const start = (romanizer: Romanize | null = readNames) => {
  const changes = createPageObserver();
  stop = startNameRomanization({ site: xiaohongshuNames, changes, ...(romanizer ? { romanize: romanizer } : {}) });
};

beforeEach(() => {
  asked.length = 0;
  document.body.innerHTML = '';
});

afterEach(() => {
  stop?.();
  stop = null;
  vi.restoreAllMocks();
});

describe('startNameRomanization', () => {
  it('puts the pinyin after a comment author’s, a profile header’s and a notification sender’s name, leaving the names as they are', async () => {
    document.body.innerHTML = comment('1', '曾小贤') + profile('单田芳') + notification('解晓东');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(3));
    const author = nameIn('.comment-item a.name');
    expect(labelOf(author)?.textContent).toBe('Zēng xiǎo xián');
    expect(labelOf(nameIn('.user-name'))?.textContent).toBe('Shàn tián fāng');
    expect(labelOf(nameIn('.user-info > a'))?.textContent).toBe('Xiè xiǎo dōng');
    expect(author.textContent).toBe('曾小贤');
    expect(nameIn('.user-name').textContent).toBe('单田芳');
    // The author badge stays where it was, after the name and its pinyin.
    expect(labelOf(author)?.nextElementSibling?.className).toBe('tag');
  });

  it('marks the pinyin as RedBridge’s own, in pinyin, not to be translated', async () => {
    document.body.innerHTML = comment('1', '曾小贤');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(1));
    const label = labelOf(nameIn('a.name')) as HTMLElement;
    expect(isOwnNode(label)).toBe(true);
    expect(label.lang).toBe('zh-Latn-pinyin');
    expect(label.getAttribute('translate')).toBe('no');
  });

  it('adds nothing to a name with no Chinese, and never asks for it', async () => {
    document.body.innerHTML = comment('1', 'Lily🌸') + comment('2', 'さくら') + comment('3', '芋泥波波奶茶');
    start();
    await vi.waitFor(() => expect(labels()).toEqual(['Yù ní bō bō nǎi chá']));
    expect(asked).toEqual([['芋泥波波奶茶']]);
  });

  it('gives a mixed name the pinyin of its Chinese only', async () => {
    document.body.innerHTML = comment('1', 'Momo在大理');
    start();
    await vi.waitFor(() => expect(labels()).toEqual(['Zài dà lǐ']));
  });

  it('labels names the page adds later, asking for those of one task in one message, each text once', async () => {
    document.body.innerHTML = '<div class="comments"></div>';
    start();
    await settle();
    expect(asked).toEqual([]);
    const list = document.querySelector('.comments')!;
    // A thread with a nested reply by the same author, added in one task.
    list.insertAdjacentHTML('beforeend', comment('1', '林深见鹿') + comment('2', '烤肠仙人'));
    list.querySelector('#comment-1 .right')!.insertAdjacentHTML('beforeend', comment('3', '烤肠仙人'));
    await vi.waitFor(() => expect(labels()).toHaveLength(3));
    expect(asked).toEqual([['林深见鹿', '烤肠仙人']]);
  });

  it('labels a name met again from what it knows, with no new message', async () => {
    document.body.innerHTML = comment('1', '林深见鹿');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(1));
    document.body.insertAdjacentHTML('beforeend', comment('2', '林深见鹿'));
    await vi.waitFor(() => expect(labels()).toHaveLength(2));
    expect(asked).toHaveLength(1);
  });

  it('never labels a name twice, however often it is seen', async () => {
    document.body.innerHTML = comment('1', '曾小贤');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(1));
    const author = nameIn('a.name');
    // The page touches the name's text without changing it, and its row around it.
    author.firstChild!.nodeValue = '曾小贤';
    author.parentElement!.append(document.createElement('i'));
    await settle();
    expect(labels()).toEqual(['Zēng xiǎo xián']);
  });

  it('labels a name element the page put in place of the old one, once', async () => {
    document.body.innerHTML = comment('1', '曾小贤');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(1));
    const old = nameIn('a.name');
    const fresh = old.cloneNode(true) as Element;
    old.replaceWith(fresh);
    await settle();
    expect(labels()).toEqual(['Zēng xiǎo xián']);
    expect(labelOf(fresh)).not.toBeNull();
  });

  it('follows a name the page changed, and takes the pinyin of one it removed', async () => {
    document.body.innerHTML = comment('1', '曾小贤') + comment('2', '单田芳');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(2));
    nameIn('#comment-1 a.name').textContent = '解晓东';
    nameIn('#comment-2 a.name').remove();
    await vi.waitFor(() => expect(labels()).toEqual(['Xiè xiǎo dōng']));
    nameIn('#comment-1 a.name').textContent = 'Lily🌸';
    await vi.waitFor(() => expect(labels()).toEqual([]));
  });

  it('removes every label when it stops, and adds none after', async () => {
    document.body.innerHTML = comment('1', '曾小贤') + profile('单田芳');
    start();
    await vi.waitFor(() => expect(labels()).toHaveLength(2));
    stop!();
    stop = null;
    expect(labels()).toEqual([]);
    document.body.insertAdjacentHTML('beforeend', comment('2', '林深见鹿'));
    await settle();
    expect(labels()).toEqual([]);
    expect(nameIn('#comment-1 a.name').textContent).toBe('曾小贤');
  });

  it('adds nothing for an answer that comes after it stopped', async () => {
    let answer: (pinyin: (string | null)[]) => void = () => {};
    document.body.innerHTML = comment('1', '曾小贤');
    start(() => new Promise((resolve) => (answer = resolve)));
    await settle();
    stop!();
    stop = null;
    answer(['Zēng xiǎo xián']);
    await settle();
    expect(labels()).toEqual([]);
  });

  it('asks the background with a romanize message for names', async () => {
    const background = fakeBackground();
    document.body.innerHTML = comment('1', '曾小贤') + comment('2', 'Kiki_') + notification('解晓东');
    start(null);
    await vi.waitFor(() => expect(background.sent).toHaveLength(1));
    expect(background.last().request).toEqual({ type: 'romanize', texts: ['曾小贤', '解晓东'], as: 'name' });
    background.last().answer({ pinyin: ['Zēng xiǎo xián', 'Xiè xiǎo dōng'] });
    await vi.waitFor(() => expect(labels()).toEqual(['Zēng xiǎo xián', 'Xiè xiǎo dōng']));
  });
});
