import { h } from 'preact';
import { SEARCH_TAG } from '../dom/own-nodes';
import type { PageObserver } from '../dom/page-observer';
import { sendToBackground } from '../messaging/send';
import type { ReplyTranslation } from '../messaging/protocol';
import type { TranslateOutcome } from '../messaging/wire';
import type { SearchSite } from '../sites/types';
import { notAnswered } from '../ui/composer/not-responding';
import { pinyinOf, searchThroughPage } from './search-submit';
import { SearchControl } from '../ui/search/SearchControl';
import { createSearchHost, type SearchHost } from '../ui/search/search-host';
import { canSubmit, INITIAL_SEARCH, queryOf, reduceSearch, type SearchAction } from '../ui/search/search-state';

/**
 * The English-search control beside the page's search box (EN→中, or Alt+Enter in the box):
 * the English in the box goes the reply's way (`translate-reply`, with its back-translation),
 * the panel shows the Chinese to edit and what it means, and Search types the Chinese into the
 * box and submits it through the page's own search. Nothing reaches the box before Search.
 */
export function startSearchBox(site: SearchSite, changes: PageObserver, signal: AbortSignal): void {
  let mounted: { input: HTMLInputElement; host: SearchHost } | null = null;
  let state = INITIAL_SEARCH;
  let open = false;
  /** Bumped by every request and by closing: an answer for an older one is dropped. */
  let generation = 0;
  /** Waits for the page's search to start; ended with the feature. */
  const stops: (() => void)[] = [];
  /** The pinyin of `of`, the Chinese it was read from: shown while the panel holds that Chinese. */
  let pinyin: { of: string; text: string } | null = null;

  function dispatch(action: SearchAction): void {
    state = reduceSearch(state, action);
    render();
  }

  function render(): void {
    mounted?.host.render(
      h(SearchControl, {
        open,
        state,
        pinyin: pinyin?.of === state.chinese ? pinyin.text : null,
        onStart: start,
        onChineseInput: (chinese: string) => dispatch({ type: 'chinese-edited', chinese }),
        onRetry: () => void translate(true),
        onCheck: () => void check(),
        onSearch: submit,
        onClose: close,
      }),
    );
  }

  function start(): void {
    if (!mounted) return;
    open = true;
    dispatch({ type: 'typed', english: mounted.input.value.trim() });
    if (state.english !== '') void translate(false);
  }

  async function translate(retry: boolean): Promise<void> {
    const asked = ++generation;
    dispatch({ type: 'translate-started' });
    // A query has no tone; the casual default is what machine translators give anyway.
    const answer: ReplyTranslation = await sendToBackground({ type: 'translate-reply', text: state.english, tone: 'casual', retry }).catch(notAnswered);
    if (asked !== generation) return;
    if (!answer.ok) return dispatch({ type: 'translate-failed', message: answer.error.message });
    const { check } = answer;
    void readPinyin(answer.translation);
    dispatch({
      type: 'translated',
      chinese: answer.translation,
      back: check.ok ? check.translation : null,
      checkError: check.ok ? undefined : check.error.message,
    });
  }

  async function check(): Promise<void> {
    const asked = ++generation;
    // The Chinese as it is now: an edit made while the check is away makes its answer stale.
    const chinese = state.chinese;
    dispatch({ type: 'check-started' });
    const outcome: TranslateOutcome = await sendToBackground({ type: 'check-reply', text: queryOf(state), retry: true }).catch(notAnswered);
    if (asked !== generation) return;
    dispatch(outcome.ok ? { type: 'checked', chinese, back: outcome.translation } : { type: 'check-failed', message: outcome.error.message });
    if (outcome.ok) void readPinyin(chinese);
  }

  async function readPinyin(chinese: string): Promise<void> {
    const text = await pinyinOf(chinese.trim());
    pinyin = text ? { of: chinese, text } : null;
    render();
  }

  function submit(): void {
    if (!mounted || !canSubmit(state)) return;
    const { input } = mounted;
    const query = queryOf(state);
    dispatch({ type: 'submitted' });
    close();
    stops.push(searchThroughPage(site, input, query));
  }

  function close(): void {
    generation++;
    open = false;
    render();
    mounted?.input.focus();
  }

  /** Mounts beside the page's box; follows the box when the page replaces or re-renders it. */
  function scan(): void {
    const input = site.searchInput(document);
    if (mounted && mounted.input !== input) {
      mounted.host.destroy();
      mounted = null;
      open = false;
    }
    if (!input) return;
    if (!mounted) {
      mounted = { input, host: createSearchHost(SEARCH_TAG) };
      render();
    }
    const slot = site.controlSlot(input);
    const { element } = mounted.host;
    if (element.parentNode !== slot.parent) slot.parent.insertBefore(element, slot.before);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (!mounted || event.target !== mounted.input || event.isComposing) return;
    if (event.key === 'Enter' && event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      // Before the page's own Enter handler: the English must not be searched as it is.
      event.preventDefault();
      event.stopImmediatePropagation();
      start();
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  }

  const unsubscribe = changes.subscribe(scan);
  document.addEventListener('keydown', onKeyDown, { capture: true, signal });
  signal.addEventListener('abort', () => {
    unsubscribe();
    for (const stop of stops) stop();
    mounted?.host.destroy();
    mounted = null;
  });
  scan();
}
