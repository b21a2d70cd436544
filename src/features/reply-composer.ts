import type { DraftKey } from '../drafts/draft';
import type { PageObserver } from '../dom/page-observer';
import { comparableText, copyText, editableText, typeIntoEditable } from '../dom/type-text';
import { sendToBackground } from '../messaging/send';
import { createTranslateClient } from '../messaging/translate-client';
import type { ComposerSite, ReplyTarget } from '../sites/types';
import { createComposerHost, type ComposerHost } from '../ui/composer-host';
import type { ReplyComposerApi } from '../ui/ReplyComposer';
import type { Feature } from './feature';

/** How long the page may take to post and empty its box after 发送. */
const POST_WAIT_MS = 3000;
const POST_POLL_MS = 100;

interface Mounted {
  composer: Element;
  host: ComposerHost;
  open: boolean;
  key: DraftKey;
  /** Bumped when a draft is posted, so the panel starts afresh. */
  generation: number;
  apis: Map<string, ReplyComposerApi>;
}

function sameKey(a: DraftKey, b: DraftKey): boolean {
  return a.noteId === b.noteId && a.replyTo === b.replyTo;
}

/**
 * The reply composer feature: a "Reply in English" dock in every comment composer on the
 * page (modal or full-page note), the comment being answered tracked from the page's own
 * reply buttons, and a draft removed once the page has posted exactly its Chinese.
 * RedBridge never presses 发送: it only watches for the user doing so.
 */
function startReplyComposer(site: ComposerSite, changes: PageObserver, signal: AbortSignal): void {
  const readClient = createTranslateClient();
  const mounted = new Map<Element, Mounted>();
  /** Watches for a post to go through (`onSendAttempt`); stopped with the feature. */
  const postWatches = new Set<ReturnType<typeof setInterval>>();
  let lastTarget: ReplyTarget | null = null;

  function targetOf(composer: Element): ReplyTarget | null {
    if (!lastTarget || !site.isReplying(composer) || !lastTarget.element.isConnected) return null;
    return site.holdsComment(composer, lastTarget.element) ? lastTarget : null;
  }

  function apiFor(entry: Mounted, key: DraftKey): ReplyComposerApi {
    return {
      loadDraft: () => sendToBackground({ type: 'get-draft', key }),
      saveDraft: (draft) => sendToBackground({ type: 'save-draft', key, draft }).then(() => undefined),
      discardDraft: () => sendToBackground({ type: 'discard-draft', key }).then(() => undefined),
      translateReply: (text, tone, retry) => sendToBackground({ type: 'translate-reply', text, tone, retry }),
      checkReply: (text, retry) => sendToBackground({ type: 'check-reply', text, retry }),
      rememberTone: (tone) => sendToBackground({ type: 'set-reply-tone', tone }).then(() => undefined),
      translateComment: (comment) => readClient.translate(comment),
      insert: (text) => {
        const box = site.commentBoxOf(entry.composer);
        return box ? typeIntoEditable(box, text) : { ok: false, found: '' };
      },
      copy: (text) => copyText(text, entry.host.element.shadowRoot ?? entry.host.element),
    };
  }

  function render(entry: Mounted): void {
    const slot = site.composerSlot(entry.composer);
    // The page may rebuild the composer's children; put the dock back where it belongs.
    if (entry.host.element.parentNode !== slot.parent) slot.parent.insertBefore(entry.host.element, slot.before);
    const target = targetOf(entry.composer);
    const key: DraftKey = { noteId: site.noteIdOf(entry.composer), replyTo: target?.commentId ?? null };
    entry.key = key;
    const draftId = `${key.noteId}|${key.replyTo ?? ''}|${entry.generation}`.replace(/[^\w-]+/g, '-');
    let api = entry.apis.get(draftId);
    if (!api) {
      api = apiFor(entry, key);
      entry.apis.set(draftId, api);
    }
    entry.host.render({
      open: entry.open,
      draftId,
      target: target ? { author: target.author, text: target.text, mentions: target.mentions } : null,
      api,
      onOpenChange: (open) => {
        entry.open = open;
        render(entry);
      },
    });
  }

  function mount(composer: Element): void {
    const entry: Mounted = {
      composer,
      host: createComposerHost(),
      open: false,
      key: { noteId: '', replyTo: null },
      generation: 0,
      apis: new Map(),
    };
    mounted.set(composer, entry);
    render(entry);
  }

  function unmount(entry: Mounted): void {
    entry.host.destroy();
    mounted.delete(entry.composer);
  }

  /** Drops composers that left the page and mounts those in `roots` (the whole page at start). */
  function scan(roots: Iterable<ParentNode> = [document]): void {
    for (const entry of [...mounted.values()]) if (!entry.composer.isConnected) unmount(entry);
    // A closed note must not stay alive through the comment last answered in it.
    if (lastTarget && !lastTarget.element.isConnected) lastTarget = null;
    for (const root of roots) {
      if (root instanceof Element && root.matches(site.composerSelector) && !mounted.has(root)) mount(root);
      for (const composer of root.querySelectorAll(site.composerSelector)) {
        if (!mounted.has(composer)) mount(composer);
      }
    }
  }

  /**
   * New or closed notes, and RedNote adding or removing `.reply-content` in a composer. Only
   * what was added is searched: a document-wide query on every change would cost a long
   * thread's page more than the rest of RedBridge.
   */
  function onPageChanges(records: readonly MutationRecord[]): void {
    const added = new Set<Element>();
    let childList = false;
    for (const record of records) {
      if (record.type !== 'childList') continue;
      childList = true;
      for (const node of record.addedNodes) if (node instanceof Element && node.isConnected) added.add(node);
    }
    if (!childList) return;
    scan(added);
    for (const entry of mounted.values()) {
      if (records.some((record) => record.target === entry.composer && record.type === 'childList')) render(entry);
    }
  }

  function entryHolding(element: Element): Mounted | null {
    for (const entry of mounted.values()) if (entry.composer.contains(element)) return entry;
    return null;
  }

  /** The user pressed 发送 (or Enter in the box): once the page has posted, drop the draft it came from. */
  function onSendAttempt(entry: Mounted): void {
    const box = site.commentBoxOf(entry.composer);
    if (!box) return;
    const sent = comparableText(editableText(box));
    if (sent === '') return;
    const key = entry.key;
    const started = Date.now();
    const poll = setInterval(() => {
      const posted = box.isConnected && comparableText(editableText(box)) === '';
      if (!posted && Date.now() - started < POST_WAIT_MS) return;
      clearInterval(poll);
      postWatches.delete(poll);
      if (posted) void dropPostedDraft(entry, key, sent);
    }, POST_POLL_MS);
    postWatches.add(poll);
  }

  async function dropPostedDraft(entry: Mounted, key: DraftKey, sent: string): Promise<void> {
    try {
      const { draft } = await sendToBackground({ type: 'get-draft', key });
      // The user may have added to the Chinese in RedNote's box (an emoji, a mention) before posting.
      const chinese = draft ? comparableText(draft.chinese) : '';
      if (chinese === '' || !sent.includes(chinese)) return;
      await sendToBackground({ type: 'discard-draft', key });
    } catch (error) {
      console.warn('[RedBridge] could not clear the posted reply draft', error);
      return;
    }
    if (!mounted.has(entry.composer)) return;
    if (sameKey(entry.key, key)) entry.open = false;
    entry.generation++;
    render(entry);
  }

  function onClick(event: MouseEvent): void {
    if (!(event.target instanceof Element)) return;
    const target = site.replyTargetOf(event.target);
    // Remembered before the page reacts: its `.reply-content` makes our observer re-render.
    if (target) lastTarget = target;
    if (site.isSendButton(event.target)) {
      const entry = entryHolding(event.target);
      if (entry) onSendAttempt(entry);
    }
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (!(event.target instanceof HTMLElement) || !event.target.isContentEditable) return;
    const entry = entryHolding(event.target);
    if (entry && site.commentBoxOf(entry.composer)?.contains(event.target)) onSendAttempt(entry);
  }

  const unsubscribe = changes.subscribe(onPageChanges);
  document.addEventListener('click', onClick, { capture: true, signal });
  document.addEventListener('keydown', onKeyDown, { capture: true, signal });
  signal.addEventListener('abort', () => {
    unsubscribe();
    for (const poll of postWatches) clearInterval(poll);
    postWatches.clear();
    for (const entry of [...mounted.values()]) unmount(entry);
  });
  scan();
}

/**
 * The reply composer, while RedBridge is on: settings changes leave it (and an open panel) as
 * it is. Its dock is the page's first UI text, and Chrome loads the extension's messages on that
 * first use (10–20 ms here): in one task with the reading features' start, that was the longest
 * task RedBridge ran, so it starts in a task of its own, after them.
 */
export const replyComposer: Feature = {
  name: 'reply composer',
  ownTask: true,
  runsWith: () => 'on',
  start: ({ sites, changes, signal }) => startReplyComposer(sites.composer, changes, signal),
};
