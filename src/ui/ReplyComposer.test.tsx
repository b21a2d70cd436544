// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplyDraft } from '../drafts/draft';
import type { ReplyTranslation } from '../messaging/protocol';
import type { ReplyTone } from '../settings/schema';
import type { TranslateOutcome } from '../messaging/wire';
import { ReplyComposer, type ComposerTarget, type ReplyComposerApi } from './ReplyComposer';
import { settle } from '../../tests/unit/settle';

/* ------------------------------------------------------------------------------------------
 * A fake outside world, and helpers that drive the panel the way a user does. Everything the
 * panel does after an event (promises from the fake API, Preact re-renders and effects) is
 * settled inside `act`, so each assertion sees the panel at rest.
 * ------------------------------------------------------------------------------------------ */

const ok = (translation: string, extra: Partial<Extract<TranslateOutcome, { ok: true }>> = {}): TranslateOutcome => ({
  ok: true,
  translation,
  backend: 'google',
  fromCache: false,
  ...extra,
});

const failed = (message: string, code: 'server' | 'network' = 'server'): Extract<TranslateOutcome, { ok: false }> => ({
  ok: false,
  error: { code, message },
});

function translated(translation: string, back: string | TranslateOutcome, extra: Partial<Extract<ReplyTranslation, { ok: true }>> = {}) {
  return {
    ok: true,
    translation,
    backend: 'openai',
    toneApplied: true,
    check: typeof back === 'string' ? ok(back) : back,
    ...extra,
  } satisfies ReplyTranslation as ReplyTranslation;
}

const DRAFT: ReplyDraft = {
  english: 'Thanks for the guide!',
  chinese: '谢谢你的攻略！',
  backTranslation: 'Thank you for your guide!',
  tone: 'polite',
  updatedAt: 1_760_000_000_000,
};

function fakeApi() {
  return {
    loadDraft: vi.fn<ReplyComposerApi['loadDraft']>(async () => ({ draft: null, tone: 'casual' })),
    saveDraft: vi.fn<ReplyComposerApi['saveDraft']>(async () => {}),
    discardDraft: vi.fn<ReplyComposerApi['discardDraft']>(async () => {}),
    translateReply: vi.fn<ReplyComposerApi['translateReply']>(async () => translated('谢谢你的攻略！', 'Thank you for your guide!')),
    checkReply: vi.fn<ReplyComposerApi['checkReply']>(async () => ok('Thank you for the guide')),
    rememberTone: vi.fn<ReplyComposerApi['rememberTone']>(async () => {}),
    translateComment: vi.fn<ReplyComposerApi['translateComment']>(async () => ok('Is it easy to get around?')),
    insert: vi.fn<ReplyComposerApi['insert']>(() => ({ ok: true })),
    copy: vi.fn<ReplyComposerApi['copy']>(async () => true),
  } satisfies ReplyComposerApi;
}

type FakeApi = ReturnType<typeof fakeApi>;

let container: HTMLElement;
let api: FakeApi;
let onClose: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  api = fakeApi();
  onClose = vi.fn<() => void>();
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.useRealTimers();
});

async function mount(props: { target?: ComposerTarget | null; saveDelayMs?: number; maxUnsavedMs?: number } = {}): Promise<void> {
  await act(() => {
    render(
      <ReplyComposer
        target={props.target ?? null}
        api={api}
        onClose={onClose}
        saveDelayMs={props.saveDelayMs ?? 10_000}
        maxUnsavedMs={props.maxUnsavedMs ?? 60_000}
      />,
      container,
    );
  });
  await settle();
}

/** The form control a visible label names, through its `for`. */
function labelled(text: string): HTMLTextAreaElement {
  const label = Array.from(container.querySelectorAll('label')).find((l) => l.textContent === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = document.getElementById(label.htmlFor);
  if (!control) throw new Error(`label "${text}" names no element (#${label.htmlFor})`);
  return control as HTMLTextAreaElement;
}

const englishBox = () => labelled('Your reply in English');
const chineseBox = () => labelled('Chinese translation (you can edit it)');
const queryChineseBox = () => container.querySelector<HTMLTextAreaElement>('textarea[lang="zh-CN"]');

function button(text: string): HTMLButtonElement {
  const found = queryButton(text);
  if (!found) throw new Error(`no button "${text}" in: ${container.textContent}`);
  return found;
}
const queryButton = (text: string) =>
  Array.from(container.querySelectorAll('button')).find((b) => b.textContent?.trim() === text) ?? null;

const toneRadio = (tone: ReplyTone) => container.querySelector<HTMLInputElement>(`input[type="radio"][value="${tone}"]`)!;
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? null;
const statusText = () => container.querySelector('p.status[role="status"]')?.textContent ?? null;
const backText = () => container.querySelector('p.back')!.textContent;

async function type(box: HTMLTextAreaElement, value: string): Promise<void> {
  await act(() => {
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(element: HTMLElement): Promise<void> {
  await act(() => element.click());
  await settle();
}

async function key(element: HTMLElement, init: KeyboardEventInit): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
  await act(() => {
    element.dispatchEvent(event);
  });
  await settle();
  return event;
}

async function translate(english: string): Promise<void> {
  await type(englishBox(), english);
  await click(button('Translate'));
}

describe('ReplyComposer: the draft', () => {
  it('fills English, Chinese, back-translation and tone from the loaded draft', async () => {
    api.loadDraft.mockResolvedValue({ draft: DRAFT, tone: 'casual' });
    await mount();

    expect(api.loadDraft).toHaveBeenCalledTimes(1);
    expect(englishBox().value).toBe('Thanks for the guide!');
    expect(chineseBox().value).toBe('谢谢你的攻略！');
    expect(backText()).toBe('Thank you for your guide!');
    expect(container.querySelector('p.back')!.getAttribute('data-stale')).toBe('false');
    // The draft's tone, not the default the background offered.
    expect(toneRadio('polite').checked).toBe(true);
    expect(toneRadio('casual').checked).toBe(false);
    expect(container.querySelector('.saved')!.textContent).toBe('Draft saved');
    // Loading is not a change: nothing is saved back.
    expect(api.saveDraft).not.toHaveBeenCalled();
  });

  it('starts empty, with the default tone from loadDraft, when there is no draft', async () => {
    api.loadDraft.mockResolvedValue({ draft: null, tone: 'polite' });
    await mount();

    expect(englishBox().value).toBe('');
    expect(queryChineseBox()).toBeNull();
    expect(toneRadio('polite').checked).toBe(true);
    expect(toneRadio('casual').checked).toBe(false);
    expect(container.querySelector('section')!.getAttribute('data-ready')).toBe('true');
    expect(button('Translate').disabled).toBe(false);
  });

  it('keeps Translate disabled until the draft has loaded', async () => {
    let resolve!: (value: { draft: ReplyDraft | null; tone: ReplyTone }) => void;
    api.loadDraft.mockReturnValue(new Promise((r) => (resolve = r)));
    await mount();
    expect(button('Translate').disabled).toBe(true);
    expect(container.querySelector('section')!.getAttribute('data-ready')).toBe('false');
    await act(() => resolve({ draft: null, tone: 'casual' }));
    await settle();
    expect(button('Translate').disabled).toBe(false);
  });

  it('saves one draft a while after the last keystroke, with the English and tone', async () => {
    vi.useFakeTimers();
    await mount({ saveDelayMs: 100 });

    await type(englishBox(), 'T');
    await act(() => {
      vi.advanceTimersByTime(60);
    });
    await type(englishBox(), 'Th');
    await act(() => {
      vi.advanceTimersByTime(60);
    });
    await type(englishBox(), 'Thanks!');
    await act(() => {
      vi.advanceTimersByTime(99);
    });
    expect(api.saveDraft).not.toHaveBeenCalled();
    expect(container.querySelector('.saved')!.textContent).toBe('');

    await act(() => {
      vi.advanceTimersByTime(1);
    });
    await settle();
    expect(api.saveDraft).toHaveBeenCalledTimes(1);
    expect(api.saveDraft.mock.calls[0]![0]).toMatchObject({
      english: 'Thanks!',
      chinese: '',
      backTranslation: '',
      tone: 'casual',
    });
    expect(typeof api.saveDraft.mock.calls[0]![0].updatedAt).toBe('number');
    expect(container.querySelector('.saved')!.textContent).toBe('Draft saved');

    // Nothing changed since: no more saves.
    await act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(api.saveDraft).toHaveBeenCalledTimes(1);
  });

  it('saves at least once a second while the user keeps typing, so an extension update loses at most that', async () => {
    vi.useFakeTimers();
    await mount({ saveDelayMs: 400, maxUnsavedMs: 1000 });

    const words = 'I love this cafe so much, the light is perfect';
    // A key every 250 ms for 2.5 s: the quiet-time save alone would wait until the end.
    for (let keys = 1; keys <= 10; keys++) {
      await type(englishBox(), words.slice(0, keys * 4));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(250);
      });
    }
    expect(api.saveDraft.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(api.saveDraft.mock.calls[0]![0].english).toBe(words.slice(0, 16));
  });

  it('saves at once when unmounted with unsaved changes', async () => {
    await mount({ saveDelayMs: 60_000 });
    await type(englishBox(), 'See you in May');
    expect(api.saveDraft).not.toHaveBeenCalled();

    await act(() => render(null, container));
    await settle();
    expect(api.saveDraft).toHaveBeenCalledTimes(1);
    expect(api.saveDraft.mock.calls[0]![0]).toMatchObject({ english: 'See you in May', tone: 'casual' });
  });

  it('does not save on unmount when nothing changed', async () => {
    api.loadDraft.mockResolvedValue({ draft: DRAFT, tone: 'casual' });
    await mount();
    await act(() => render(null, container));
    await settle();
    expect(api.saveDraft).not.toHaveBeenCalled();
  });

  it('discards the draft: calls discardDraft and empties the fields', async () => {
    api.loadDraft.mockResolvedValue({ draft: DRAFT, tone: 'casual' });
    await mount({ saveDelayMs: 10 });
    expect(button('Discard draft').disabled).toBe(false);

    await click(button('Discard draft'));

    expect(api.discardDraft).toHaveBeenCalledTimes(1);
    expect(englishBox().value).toBe('');
    expect(queryChineseBox()).toBeNull();
    expect(container.querySelector('p.back')).toBeNull();
    expect(statusText()).toBe('Draft discarded.');
    expect(container.querySelector('.saved')!.textContent).toBe('');
    expect(button('Discard draft').disabled).toBe(true);
    // The emptied fields are not saved back as a draft.
    await act(() => new Promise((r) => setTimeout(r, 30)));
    await act(() => render(null, container));
    await settle();
    expect(api.saveDraft).not.toHaveBeenCalled();
  });
});

describe('ReplyComposer: translating', () => {
  it('calls translateReply(english, tone, false) and shows the editable Chinese and the back-translation', async () => {
    await mount();
    await translate('Thanks for the guide!');

    expect(api.translateReply).toHaveBeenCalledTimes(1);
    expect(api.translateReply).toHaveBeenCalledWith('Thanks for the guide!', 'casual', false);
    const chinese = chineseBox();
    expect(chinese.tagName).toBe('TEXTAREA');
    expect(chinese.readOnly).toBe(false);
    expect(chinese.disabled).toBe(false);
    expect(chinese.value).toBe('谢谢你的攻略！');
    expect(backText()).toBe('Thank you for your guide!');
    expect(container.querySelector('p.back')!.getAttribute('data-stale')).toBe('false');
    expect(queryButton('Check meaning')).toBeNull();
    expect(alertText()).toBeNull();
    // The English stays as written.
    expect(englishBox().value).toBe('Thanks for the guide!');
  });

  it('shows a translation that looks like HTML as text, creating no element', async () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    api.translateReply.mockResolvedValue(translated(hostile, `${hostile} back`));
    await mount();
    await translate('hi');

    expect(container.querySelector('img, b')).toBeNull();
    expect(chineseBox().value).toBe(hostile);
    expect(backText()).toBe(`${hostile} back`);
  });

  it.each([
    ['Ctrl+Enter', { ctrlKey: true }],
    ['Meta+Enter', { metaKey: true }],
  ])('translates on %s in the English box', async (_name, modifiers) => {
    await mount();
    await type(englishBox(), 'See you there');
    const event = await key(englishBox(), { key: 'Enter', ...modifiers });

    expect(api.translateReply).toHaveBeenCalledWith('See you there', 'casual', false);
    expect(event.defaultPrevented).toBe(true);
    expect(chineseBox().value).toBe('谢谢你的攻略！');
  });

  it('does not translate on a plain Enter (a new line)', async () => {
    await mount();
    await type(englishBox(), 'See you there');
    await key(englishBox(), { key: 'Enter' });
    expect(api.translateReply).not.toHaveBeenCalled();
  });

  it.each([['empty', ''], ['blank', '  \n ']])('asks for English instead of translating %s English', async (_name, english) => {
    await mount();
    await type(englishBox(), english);
    await click(button('Translate'));

    expect(api.translateReply).not.toHaveBeenCalled();
    expect(alertText()).toBe('Write your reply in English first.');
    expect(document.activeElement).toBe(englishBox());
  });

  it('keeps the English on a failed translation, shows why, and Retry asks again with retry=true', async () => {
    api.translateReply
      .mockResolvedValueOnce(failed('OpenAI-compatible API answered HTTP 500'))
      .mockResolvedValueOnce(translated('五月见！', 'See you in May!'));
    await mount();
    await translate('See you in May!');

    expect(englishBox().value).toBe('See you in May!');
    expect(alertText()).toContain('OpenAI-compatible API answered HTTP 500');
    expect(alertText()).toContain('Your English is kept.');
    expect(queryChineseBox()).toBeNull();

    await click(button('Retry'));

    expect(api.translateReply).toHaveBeenCalledTimes(2);
    expect(api.translateReply).toHaveBeenLastCalledWith('See you in May!', 'casual', true);
    expect(alertText()).toBeNull();
    expect(chineseBox().value).toBe('五月见！');
    expect(backText()).toBe('See you in May!');
  });

  it('says why in one clean sentence, without doubled full stops', async () => {
    api.translateReply.mockResolvedValueOnce(failed('Google Translate answered HTTP 500.'));
    await mount();
    await translate('See you in May!');

    expect(alertText()).toContain('Google Translate answered HTTP 500. Your English is kept.');
    expect(alertText()).not.toContain('..');
  });

  it('ignores Ctrl+Enter while a translation is on its way, so answers cannot arrive out of order', async () => {
    let answer: (value: ReplyTranslation) => void = () => {};
    api.translateReply.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    await mount();
    await type(englishBox(), 'See you in May!');
    await key(englishBox(), { key: 'Enter', ctrlKey: true });
    await key(englishBox(), { key: 'Enter', ctrlKey: true });

    expect(api.translateReply).toHaveBeenCalledTimes(1);
    await act(async () => answer(translated('五月见！', 'See you in May!')));
    await settle();
    expect(chineseBox().value).toBe('五月见！');
  });

  it('says when the draft could not be loaded, saves nothing over it, and loads it on Retry loading', async () => {
    api.loadDraft.mockRejectedValueOnce(new Error('Extension context invalidated.')).mockResolvedValueOnce({ draft: DRAFT, tone: 'casual' });
    vi.useFakeTimers();
    await mount({ saveDelayMs: 100 });

    expect(alertText()).toContain('Couldn’t load your saved draft');
    await type(englishBox(), 'Typed before the draft loaded');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    // The stored draft was never seen: it must not be overwritten.
    expect(api.saveDraft).not.toHaveBeenCalled();

    await click(button('Retry loading'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(api.loadDraft).toHaveBeenCalledTimes(2);
    expect(alertText()).toBeNull();
    // The user's newer words win, and are saved now that the draft loaded.
    expect(englishBox().value).toBe('Typed before the draft loaded');
    expect(api.saveDraft).toHaveBeenCalledWith(expect.objectContaining({ english: 'Typed before the draft loaded' }));
  });

  it('keeps the English and says so when the background does not answer', async () => {
    api.translateReply.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await mount();
    await translate('See you in May!');

    expect(englishBox().value).toBe('See you in May!');
    expect(alertText()).toContain('RedBridge is not responding');
    expect(alertText()).toContain('Receiving end does not exist.');
    expect(queryButton('Retry')).not.toBeNull();
    expect(queryChineseBox()).toBeNull();
  });

  it('shows the Chinese when only the back-translation failed, and "Retry check" asks checkReply(chinese, true)', async () => {
    api.translateReply.mockResolvedValue(translated('五月见！', failed('DeepL quota exceeded')));
    api.checkReply.mockResolvedValue(ok('See you in May!'));
    await mount();
    await translate('See you in May!');

    expect(chineseBox().value).toBe('五月见！');
    expect(alertText()).toContain('Couldn’t back-translate: DeepL quota exceeded');
    expect(backText()).toBe('—');

    await click(button('Retry check'));

    expect(api.checkReply).toHaveBeenCalledTimes(1);
    expect(api.checkReply).toHaveBeenCalledWith('五月见！', true);
    expect(backText()).toBe('See you in May!');
    expect(alertText()).toBeNull();
    expect(container.querySelector('p.back')!.getAttribute('data-stale')).toBe('false');
  });

  it('marks the back-translation stale after an edit of the Chinese, and "Check meaning" checks the edited text', async () => {
    api.checkReply.mockResolvedValue(ok('Thanks a lot for the guide!'));
    await mount();
    await translate('Thanks for the guide!');
    expect(queryButton('Check meaning')).toBeNull();

    await type(chineseBox(), '非常感谢你的攻略！');

    const back = container.querySelector('p.back')!;
    expect(back.getAttribute('data-stale')).toBe('true');
    expect(container.querySelector('p.back-label')!.textContent).toBe('Back-translation (of the Chinese before your edit)');
    expect(backText()).toBe('Thank you for your guide!');

    await click(button('Check meaning'));

    expect(api.checkReply).toHaveBeenCalledWith('非常感谢你的攻略！', false);
    expect(backText()).toBe('Thanks a lot for the guide!');
    expect(container.querySelector('p.back')!.getAttribute('data-stale')).toBe('false');
    expect(container.querySelector('p.back-label')!.textContent).toBe('Back-translation');
    expect(queryButton('Check meaning')).toBeNull();
    expect(chineseBox().value).toBe('非常感谢你的攻略！');
  });

  it('notes that the tone is not applied by a machine backend, naming it', async () => {
    api.translateReply.mockResolvedValue(translated('五月见！', 'See you in May!', { backend: 'google', toneApplied: false }));
    await mount();
    await translate('See you in May!');

    const note = container.querySelector('p.note');
    expect(note).not.toBeNull();
    expect(note!.textContent).toContain('Google Translate translates without a tone');
    expect(note!.textContent).toContain('“Casual” is not applied');
  });

  it('has no "not applied" note when the backend followed the tone', async () => {
    api.translateReply.mockResolvedValue(translated('五月见！', 'See you in May!', { backend: 'openai', toneApplied: true }));
    await mount();
    await translate('See you in May!');

    expect(chineseBox().value).toBe('五月见！');
    expect(container.querySelector('p.note')).toBeNull();
    expect(container.textContent).not.toContain('is not applied');
  });
});

describe('ReplyComposer: tone', () => {
  it('remembers a chosen tone and translates with it next', async () => {
    await mount();
    expect(toneRadio('casual').checked).toBe(true);

    await click(toneRadio('polite'));

    expect(api.rememberTone).toHaveBeenCalledTimes(1);
    expect(api.rememberTone).toHaveBeenCalledWith('polite');
    expect(toneRadio('polite').checked).toBe(true);
    expect(toneRadio('casual').checked).toBe(false);

    await translate('Could you share the homestay name?');
    expect(api.translateReply).toHaveBeenCalledWith('Could you share the homestay name?', 'polite', false);
  });

  it('names both tones in one radio group', async () => {
    await mount();
    const radios = Array.from(container.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual(['Casual', 'Polite']);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(container.querySelector('fieldset legend')!.textContent).toBe('Tone');
  });
});

describe('ReplyComposer: inserting', () => {
  it('inserts the Chinese into the comment box and says so', async () => {
    await mount();
    await translate('Thanks for the guide!');
    await type(chineseBox(), '谢谢你的攻略！[赞R]');

    await click(button('Insert into comment box'));

    expect(api.insert).toHaveBeenCalledTimes(1);
    expect(api.insert).toHaveBeenCalledWith('谢谢你的攻略！[赞R]');
    expect(statusText()).toContain('Inserted into RedNote’s comment box');
    expect(queryButton('Copy Chinese')).toBeNull();
  });

  it('offers "Copy Chinese" when the box did not take the text, and reports the copy', async () => {
    api.insert.mockReturnValue({ ok: false, found: '' });
    await mount();
    await translate('Thanks for the guide!');

    await click(button('Insert into comment box'));

    expect(alertText()).toContain('RedNote’s comment box did not take the text');
    await click(button('Copy Chinese'));
    expect(api.copy).toHaveBeenCalledWith('谢谢你的攻略！');
    expect(statusText()).toContain('Copied.');
    expect(alertText()).toBeNull();
  });

  it('says so when the browser refuses to copy', async () => {
    api.insert.mockReturnValue({ ok: false, found: '别的' });
    api.copy.mockResolvedValue(false);
    await mount();
    await translate('Thanks for the guide!');
    await click(button('Insert into comment box'));

    await click(button('Copy Chinese'));

    expect(api.copy).toHaveBeenCalledWith('谢谢你的攻略！');
    expect(alertText()).toContain('The browser did not allow copying');
    expect(statusText()).toBeNull();
  });
});

describe('ReplyComposer: keys and closing', () => {
  it('closes on Escape without letting the key reach the page', async () => {
    const pageKeydown = vi.fn();
    document.body.addEventListener('keydown', pageKeydown);
    container.addEventListener('keydown', pageKeydown);
    try {
      await mount();
      const event = await key(englishBox(), { key: 'Escape' });
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(event.defaultPrevented).toBe(true);
      expect(pageKeydown).not.toHaveBeenCalled();

      // Other keys typed in the panel stay in it too.
      await key(englishBox(), { key: 'a' });
      expect(pageKeydown).not.toHaveBeenCalled();
      expect(onClose).toHaveBeenCalledTimes(1);

      // The listeners do hear keys from outside the panel.
      await key(container, { key: 'Escape' });
      expect(pageKeydown).toHaveBeenCalledTimes(2);
      expect(onClose).toHaveBeenCalledTimes(1);
    } finally {
      document.body.removeEventListener('keydown', pageKeydown);
    }
  });

  it('closes on the × button', async () => {
    await mount();
    const close = container.querySelector<HTMLButtonElement>('button[aria-label="Close reply composer"]')!;
    expect(close.type).toBe('button');
    await click(close);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('focuses the English box when it opens', async () => {
    await mount();
    expect(document.activeElement).toBe(englishBox());
  });
});

describe('ReplyComposer: the comment being answered', () => {
  const target: ComposerTarget = { author: '晚風與你', text: '好想去！請問騎行租電動車大概多少錢一天？', mentions: [] };

  it('shows who and what is answered, with the comment translated', async () => {
    api.translateComment.mockResolvedValue(ok('I really want to go! How much is an e-bike a day?'));
    await mount({ target });

    expect(api.translateComment).toHaveBeenCalledWith({ text: '好想去！請問騎行租電動車大概多少錢一天？', mentions: [] });
    expect(container.querySelector('figcaption')!.textContent).toBe('Replying to 晚風與你');
    expect(container.querySelector('blockquote')!.textContent).toBe('好想去！請問騎行租電動車大概多少錢一天？');
    expect(container.querySelector('.target-translation')!.textContent).toBe(
      'I really want to go! How much is an e-bike a day?',
    );
  });

  it("shows the comment translation's error when it fails", async () => {
    api.translateComment.mockResolvedValue(failed('Google Translate is rate-limiting requests (HTTP 429)'));
    await mount({ target });

    expect(container.querySelector('blockquote')!.textContent).toBe(target.text);
    expect(container.querySelector('.target-translation')!.textContent).toBe(
      'Couldn’t translate this comment: Google Translate is rate-limiting requests (HTTP 429)',
    );
  });

  it('shows no comment and translates none when answering the note', async () => {
    await mount({ target: null });
    expect(container.querySelector('figure')).toBeNull();
    expect(container.textContent).not.toContain('Replying to');
    expect(api.translateComment).not.toHaveBeenCalled();
  });

  it('renders a comment that looks like HTML as text', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    api.translateComment.mockResolvedValue(ok(hostile));
    await mount({ target: { author: '<b>x</b>', text: hostile, mentions: [] } });
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.querySelector('figcaption')!.textContent).toBe('Replying to <b>x</b>');
    expect(container.querySelector('blockquote')!.textContent).toBe(hostile);
    expect(container.querySelector('.target-translation')!.textContent).toBe(hostile);
  });
});

describe('ReplyComposer: accessible names', () => {
  it('labels the English box "Your reply in English" through label[for]', async () => {
    await mount();
    const label = Array.from(container.querySelectorAll('label')).find((l) => l.textContent === 'Your reply in English')!;
    expect(label).toBeDefined();
    const box = englishBox();
    expect(box.tagName).toBe('TEXTAREA');
    expect(box.id).not.toBe('');
    expect(label.htmlFor).toBe(box.id);
    expect(box.getAttribute('lang')).toBe('en');
  });

  it('names the Translate and Insert buttons exactly', async () => {
    await mount();
    await translate('Thanks!');
    const names = Array.from(container.querySelectorAll('button'), (b) => b.textContent);
    expect(names).toContain('Translate');
    expect(names).toContain('Insert into comment box');
    expect(container.querySelector('section')!.getAttribute('aria-label')).toBe('RedBridge reply composer');
  });
});
