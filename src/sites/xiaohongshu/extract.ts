import type { UnitContent, UnitKind } from '../types';
import { OVERLAY_TAG } from '../../dom/own-nodes';
import { englishHint } from './notification-hints';
import { REPLY_PREFIX, SELECTORS } from './selectors';

/**
 * Inside a unit, these are not part of its words: emoji images (no alt text) and the nickname
 * of a reply's addressee. Mentions, hashtags and links stay in place: translation keeps them
 * byte-identical (hashtags are also collected on their own, to be translated as tags).
 */
const LEFT_OUT = [SELECTORS.emoji, SELECTORS.replyToNickname]
  .map((selector) => `:is(${selector})`)
  .join(', ');

function textOf(root: Element): string {
  let text = '';
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      if (element.localName === OVERLAY_TAG || element.matches(LEFT_OUT)) return NodeFilter.FILTER_REJECT;
      if (element.localName === 'br') return NodeFilter.FILTER_ACCEPT;
      return NodeFilter.FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    text += node.nodeType === Node.TEXT_NODE ? node.nodeValue : '\n';
  }
  return text;
}

/** The mentions RedNote marked (`a.note-content-user`, text `@name`): only these are names. */
function mentionsOf(root: Element): string[] {
  return Array.from(root.querySelectorAll(SELECTORS.mention), (mention) => (mention.textContent ?? '').trim()).filter(
    (mention) => mention.length > 0,
  );
}

function hashtagsOf(root: Element): string[] {
  return Array.from(root.querySelectorAll(SELECTORS.hashtag), (tag) =>
    (tag.textContent ?? '').trim().replace(/^#/, ''),
  ).filter((tag) => tag.length > 0);
}

/** Reads a unit's own words: titles as they are; bodies and comments without the extras. */
export function readUnitContent(element: Element, kind: UnitKind): UnitContent {
  switch (kind) {
    case 'card-title':
    case 'note-title':
    case 'profile-tag':
      return { text: textOf(element).trim(), mentions: [], tags: [] };
    case 'profile-bio':
      return { text: textOf(element).trim(), mentions: mentionsOf(element), tags: hashtagsOf(element) };
    case 'notification-text':
    case 'notification-quote':
      return { text: textOf(element).trim(), mentions: mentionsOf(element), tags: [] };
    case 'notification-hint': {
      // A known hint gets its fixed English beside it (labels.ts): nothing to translate.
      const hint = textOf(element).trim();
      return { text: englishHint(hint) === null ? hint : '', mentions: [], tags: [] };
    }
    case 'note-desc':
      return { text: textOf(element).trim(), mentions: mentionsOf(element), tags: hashtagsOf(element) };
    case 'comment': {
      // The reply prefix `回复 X : ` sits before `.note-text`; older markup may inline it.
      const body = element.querySelector(SELECTORS.noteText);
      const text = body ? textOf(body) : textOf(element).replace(REPLY_PREFIX, '');
      return { text: text.trim(), mentions: mentionsOf(body ?? element), tags: hashtagsOf(element) };
    }
  }
}
