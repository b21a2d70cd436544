// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expandAllReplies, loadPage, noteIds } from '../../../tests/unit/fixture-page';
import { parseDraftKey } from '../../drafts/draft';
import { xiaohongshuComposer as composerSite } from './composer';

const byFixtureId = (id: string) => {
  const element = document.querySelector(`[data-fixture-id="${id}"]`);
  if (!element) throw new Error(`no element with data-fixture-id="${id}"`);
  return element;
};

/** The `.comment-item` whose own content carries the fixture id (the id sits on `.content`). */
const commentItem = (id: string) => byFixtureId(id).closest('.comment-item')!;
/** A comment's own reply button (not one of its sub-comments'). */
const ownReplyButton = (item: Element) =>
  item.querySelector(':scope > .comment-inner-container > .right > .info > .interactions > .reply')!;

const theComposer = () => {
  const composers = document.querySelectorAll(composerSite.composerSelector);
  expect(composers).toHaveLength(1);
  return composers[0]!;
};

const startUrl = location.href;

beforeAll(() => {
  vi.useFakeTimers();
});

afterAll(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
  history.replaceState(null, '', startUrl);
  document.documentElement.innerHTML = '';
});

describe('xiaohongshu composer on note.html', () => {
  beforeAll(() => loadPage('note.html'));

  it('matches exactly one composer: the inner .engage-bar, not the outer .interactions.engage-bar', () => {
    expect(document.querySelectorAll('.engage-bar')).toHaveLength(2);
    const composer = theComposer();
    expect(composer.classList.contains('interactions')).toBe(false);
    expect(composer.parentElement!.classList.contains('engage-bar-container')).toBe(true);
    expect(composer.closest('.interactions.engage-bar')).not.toBe(composer);
    expect(composer.closest('.interactions.engage-bar')).not.toBeNull();
  });

  it('finds the contenteditable #content-textarea as the comment box', () => {
    const box = composerSite.commentBoxOf(theComposer());
    expect(box).not.toBeNull();
    expect(box).toBe(document.getElementById('content-textarea'));
    expect(box!.getAttribute('contenteditable')).toBe('true');
  });

  it('puts the host in the composer, right before the .input-box', () => {
    const composer = theComposer();
    const slot = composerSite.composerSlot(composer);
    expect(slot.parent).toBe(composer);
    expect(slot.before).not.toBeNull();
    expect((slot.before as Element).classList.contains('input-box')).toBe(true);
    expect(slot.before!.parentNode).toBe(composer);
  });

  it('tells when the composer answers a comment: only while a .reply-content child is there', () => {
    const composer = theComposer();
    expect(composerSite.isReplying(composer)).toBe(false);

    const quote = document.createElement('div');
    quote.className = 'reply-content';
    composer.prepend(quote);
    expect(composerSite.isReplying(composer)).toBe(true);
    quote.remove();
    expect(composerSite.isReplying(composer)).toBe(false);

    // A .reply-content deeper down (a comment's, say) is not the composer's.
    const nested = document.createElement('div');
    nested.className = 'reply-content';
    composer.querySelector('.input-box')!.append(nested);
    expect(composerSite.isReplying(composer)).toBe(false);
    nested.remove();
  });

  it("sees the page's own reply state: clicking a comment's reply button makes it replying", () => {
    const composer = theComposer();
    (ownReplyButton(commentItem('pub-n01-c02')) as HTMLElement).click();
    expect(composer.querySelector(':scope > .reply-content')).not.toBeNull();
    expect(composerSite.isReplying(composer)).toBe(true);
    // The page's 取消 puts it back.
    (composer.querySelector('.right-btn-area .btn.cancel') as HTMLElement).click();
    expect(composerSite.isReplying(composer)).toBe(false);
  });

  it("reads a comment's reply target: id without `comment-`, author, text without emoji images", () => {
    const item = commentItem('pub-n01-c01');
    // The comment holds an emoji image, which is not part of what is read.
    expect(item.querySelector(':scope > .comment-inner-container > .right > .content img')).not.toBeNull();
    const button = ownReplyButton(item);
    const target = composerSite.replyTargetOf(button);
    expect(target).toEqual({
      commentId: '68f38140000000009198b480',
      author: 'Momo在大理',
      text: '救命 这个攻略也太详细了吧！收藏了 下个月就去',
      mentions: [],
      element: item,
    });
    expect(item.id).toBe('comment-68f38140000000009198b480');
  });

  it('reads the same target from a click on an element inside the reply button', () => {
    const item = commentItem('pub-n01-c01');
    const inner = ownReplyButton(item).querySelector('.count')!;
    expect(composerSite.replyTargetOf(inner)?.commentId).toBe('68f38140000000009198b480');
    const icon = ownReplyButton(item).querySelector('svg')!;
    expect(composerSite.replyTargetOf(icon)?.commentId).toBe('68f38140000000009198b480');
  });

  it("reads a sub-comment's own id, author and text, not its parent's (no 作者 badge in the name)", () => {
    const sub = commentItem('pub-n01-c01-r1');
    expect(sub.classList.contains('comment-item-sub')).toBe(true);
    const target = composerSite.replyTargetOf(ownReplyButton(sub).querySelector('.count')!);
    expect(target).toEqual({
      commentId: '68f3814000000000610e3610',
      author: '一只爱旅行的阿柚',
      text: '冲鸭！五月的大理天气超好～记得带防晒',
      mentions: [],
      element: sub,
    });
  });

  it('returns null for clicks that are not on a comment reply button', () => {
    const item = commentItem('pub-n01-c01');
    expect(composerSite.replyTargetOf(byFixtureId('pub-n01-c01'))).toBeNull(); // the comment text
    expect(composerSite.replyTargetOf(item.querySelector('.interactions .like')!)).toBeNull();
    expect(composerSite.replyTargetOf(byFixtureId('pub-n01-c01-author'))).toBeNull();
    expect(composerSite.replyTargetOf(document.querySelector('#detail-desc')!)).toBeNull();
    expect(composerSite.replyTargetOf(document.getElementById('content-textarea')!)).toBeNull();
    expect(composerSite.replyTargetOf(document.body)).toBeNull();
  });

  it('tells a composer holds a comment of its own note, and not one outside it', () => {
    const composer = theComposer();
    expect(composerSite.holdsComment(composer, commentItem('pub-n01-c01'))).toBe(true);
    expect(composerSite.holdsComment(composer, commentItem('pub-n01-c01-r1'))).toBe(true);

    const stray = document.createElement('div');
    stray.className = 'comment-item';
    document.body.append(stray);
    expect(composerSite.holdsComment(composer, stray)).toBe(false);
    stray.remove();
  });

  it('recognizes the page send button 发送, and a click on a child of it, and nothing else', () => {
    const send = document.querySelector('.right-btn-area .btn.submit')!;
    expect(send.textContent).toBe('发送');
    expect(composerSite.isSendButton(send)).toBe(true);

    const child = document.createElement('span');
    send.append(child);
    expect(composerSite.isSendButton(child)).toBe(true);
    child.remove();

    expect(composerSite.isSendButton(document.querySelector('.right-btn-area .btn.cancel')!)).toBe(false);
    expect(composerSite.isSendButton(document.getElementById('content-textarea')!)).toBe(false);
    expect(composerSite.isSendButton(document.querySelector('.right-btn-area')!)).toBe(false);
  });

  it("reads the note id from an /explore/<id> address, and the path on a page without one", () => {
    const composer = theComposer();
    // The full-page note has no .note-detail-mask: only the address names the note.
    expect(composer.closest('.note-detail-mask')).toBeNull();

    history.pushState(null, '', `/explore/${noteIds.n01}?xsec_token=AB&xsec_source=pc_feed`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n01);

    history.pushState(null, '', `/discovery/item/${noteIds.n02}`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n02);

    history.pushState(null, '', '/user/profile/5a098bfddf9f8cdbd16a53d8');
    expect(composerSite.noteIdOf(composer)).toBe('/user/profile/5a098bfddf9f8cdbd16a53d8');

    // Not 24 hex digits: not a note id, so the path stands for the note.
    history.pushState(null, '', '/explore/not-a-note');
    expect(composerSite.noteIdOf(composer)).toBe('/explore/not-a-note');
  });

  it('reads the note id, not the user id, from a note opened in a profile: /user/profile/<userId>/<noteId>', () => {
    const composer = theComposer();
    const userId = '5a098bfddf9f8cdbd16a53d8';
    history.pushState(null, '', `/user/profile/${userId}/${noteIds.n01}?xsec_token=AB&xsec_source=pc_user`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n01);
    history.pushState(null, '', `/user/profile/${userId}/${noteIds.n02}`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n02);
    history.pushState(null, '', `/user/profile/${userId}/${noteIds.n02}/`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n02);
    history.pushState(null, '', `/discovery/item/${noteIds.n01}?xsec_source=pc_share`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n01);

    // A profile tab, or anything longer than an id, is no note.
    history.pushState(null, '', `/user/profile/${userId}?tab=fav`);
    expect(composerSite.noteIdOf(composer)).toBe(`/user/profile/${userId}`);
    history.pushState(null, '', `/user/profile/${userId}/${noteIds.n01}0`);
    expect(composerSite.noteIdOf(composer)).toBe(`/user/profile/${userId}/${noteIds.n01}0`);
  });

  it('gives a draft typed in a profile-opened note the same key as one typed at /explore/<noteId>', () => {
    const composer = theComposer();
    history.pushState(null, '', `/explore/${noteIds.n01}`);
    const fromExplore = { noteId: composerSite.noteIdOf(composer), replyTo: 'c1' };
    history.pushState(null, '', `/user/profile/5a098bfddf9f8cdbd16a53d8/${noteIds.n01}?xsec_source=pc_user`);
    const fromProfile = { noteId: composerSite.noteIdOf(composer), replyTo: 'c1' };
    expect(parseDraftKey(fromProfile)).toEqual(fromExplore);
  });

  it('turns an unusual path into a key a draft can be stored under', () => {
    const composer = theComposer();
    history.pushState(null, '', `/notes/${encodeURIComponent('大理 攻略')}/${'x'.repeat(300)}`);
    expect(location.pathname).toContain('%E5');
    const id = composerSite.noteIdOf(composer);
    expect(id.length).toBeLessThanOrEqual(200);
    expect(parseDraftKey({ noteId: id, replyTo: null })).toEqual({ noteId: id, replyTo: null });
  });

  describe('with every reply expanded', () => {
    beforeAll(() => expandAllReplies());

    it('reads a reply to a reply without its `回复 X : ` prefix, with its own id', () => {
      const sub = commentItem('pub-n01-c01-r3');
      expect(byFixtureId('pub-n01-c01-r3').textContent).toMatch(/^回复 橘子汽水🍊 : /);
      expect(composerSite.replyTargetOf(ownReplyButton(sub))).toEqual({
        commentId: '68f4d2c0000000003104fa3c',
        author: 'Momo在大理',
        text: '我也五月去！可以一起拼车呀',
        mentions: [],
        element: sub,
      });
    });
  });
});

describe('xiaohongshu composer on feed.html', () => {
  const fixture = () => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture;

  beforeAll(() => loadPage('feed.html'));

  it('finds no composer until a note is opened, then exactly the one in the modal', () => {
    expect(document.querySelectorAll(composerSite.composerSelector)).toHaveLength(0);
    fixture().openNote(noteIds.n01!);
    const composer = theComposer();
    expect(composer.closest(`.note-detail-mask[note-id="${noteIds.n01}"]`)).not.toBeNull();
    expect(composerSite.commentBoxOf(composer)).toBe(composer.querySelector('#content-textarea'));
  });

  it("reads the note id from the modal's note-id, whatever the address says", () => {
    fixture().openNote(noteIds.n01!);
    const composer = theComposer();
    expect(location.pathname).toBe(`/explore/${noteIds.n01}`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n01);

    // The modal wins over the address (and over an address without a note id).
    history.replaceState(history.state, '', `/explore/${noteIds.n02}`);
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n01);
    history.replaceState(history.state, '', '/explore');
    expect(composerSite.noteIdOf(composer)).toBe(noteIds.n01);
  });

  it("holds the comments of the modal's note", () => {
    fixture().openNote(noteIds.n01!);
    const composer = theComposer();
    const comment = document.querySelector('.note-detail-mask .comment-item')!;
    expect(comment).not.toBeNull();
    expect(composerSite.holdsComment(composer, comment)).toBe(true);
    // A feed card outside the modal is not one of its comments.
    expect(composerSite.holdsComment(composer, document.querySelector('section.note-item')!)).toBe(false);
  });
});
