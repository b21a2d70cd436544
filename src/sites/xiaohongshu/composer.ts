import type { ComposerSite, ReplyTarget } from '../types';
import { readUnitContent } from './extract';
import { NOTE_PATH, SELECTORS } from './selectors';

function noteContainerOf(element: Element): Element | null {
  return element.closest(SELECTORS.noteContainer) ?? element.closest(SELECTORS.noteModal);
}

/** RedNote's comment composer (the engage bar), in the feed's note modal and on the full-page note. */
export const xiaohongshuComposer: ComposerSite = {
  composerSelector: SELECTORS.composer,

  noteIdOf(composer) {
    const modalId = composer.closest(SELECTORS.noteModal)?.getAttribute('note-id');
    if (modalId) return modalId;
    const fromPath = NOTE_PATH.exec(location.pathname)?.[1];
    // A page without a note id in its address still holds one note: its path names it (made
    // safe for a draft key: no escapes or unusual characters, at most 200 characters).
    return fromPath ?? location.pathname.replace(/[^\w./:-]+/g, '-').slice(0, 200);
  },

  commentBoxOf(composer) {
    return composer.querySelector<HTMLElement>(SELECTORS.commentBox);
  },

  composerSlot(composer) {
    // Above the input row: the page adds its `.reply-content` quote at the very top, before us.
    const inputBox = composer.querySelector(SELECTORS.composerInputBox);
    return { parent: composer, before: inputBox };
  },

  isReplying(composer) {
    return composer.querySelector(SELECTORS.composerReplyTo) !== null;
  },

  replyTargetOf(clicked): ReplyTarget | null {
    const button = clicked.closest(SELECTORS.commentReplyButton);
    const item = button?.closest(SELECTORS.commentItem);
    if (!item) return null;
    const content = item.querySelector(SELECTORS.commentOwnContent);
    const commentId = item.id.replace(/^comment-/, '');
    if (!content || !commentId) return null;
    const { text, mentions } = readUnitContent(content, 'comment');
    return {
      commentId,
      author: item.querySelector(SELECTORS.commentOwnAuthor)?.textContent?.trim() ?? '',
      text,
      mentions,
      element: item,
    };
  },

  holdsComment(composer, comment) {
    const container = noteContainerOf(composer);
    return container !== null && container.contains(comment);
  },

  isSendButton(clicked) {
    return clicked.closest(SELECTORS.sendButton) !== null;
  },
};
