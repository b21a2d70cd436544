import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { messagesOf, startFakeOpenAi } from '../fakes/fake-openai';
import { FAKE_PREFIX, FAKE_REPLIES, FAKE_ZH_PREFIX } from '../fakes/fake-translation';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import {
  commentBox,
  composerControl,
  postedComments,
  readPanel,
  typeEnglish,
  waitForPanel,
} from './composer';
import { noteIdOf } from './expectations';
import { setStoredSettings } from './probe';

const { whereTaken, thanks } = FAKE_REPLIES;
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** The fixture's first comment on note n01, and what the fakes make of it. */
const COMMENT = {
  fixtureId: 'pub-n01-c01',
  text: '救命 这个攻略也太详细了吧！收藏了 下个月就去',
  translation: 'Help, this guide is so detailed! Saved it, going next month',
};

describe.each<BrowserName>(['chromium', 'firefox'])('replying in English in %s', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let probe: Page;
  let page: Page | null = null;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
  });

  beforeEach(async () => {
    google.setMode({ kind: 'ok' });
    await page?.close();
    page = null;
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  async function openNotePage(): Promise<Page> {
    page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    return page;
  }

  /** Clicks RedNote's own 发送 once it stands still (overlays arriving move the page). */
  async function pressSend(on: Page): Promise<void> {
    await on.locator('.right-btn-area .btn.submit').click();
  }

  async function openComposer(on: Page): Promise<void> {
    const toggle = await composerControl(on, 'button', 'Reply in English');
    await toggle.click();
    await waitForPanel(on, (view) => view.open && view.ready);
  }

  async function translateAndInsert(on: Page, english: string, chinese: string, back: string): Promise<void> {
    await typeEnglish(on, english);
    await (await composerControl(on, 'button', 'Translate')).click();
    const view = await waitForPanel(on, (v) => v.chinese === chinese && v.back === back);
    expect(view.english).toBe(english);
    await (await composerControl(on, 'button', 'Insert into comment box')).click();
    await waitForPanel(on, (v) => !!v.status?.includes('Inserted'));
  }

  it('translates an English comment, inserts the Chinese like typing, and the page posts exactly that Chinese', async () => {
    const on = await openNotePage();
    await openComposer(on);
    await translateAndInsert(on, whereTaken.english, whereTaken.chinese, whereTaken.backTranslation);
    // RedNote enables 发送 only after an input event: typing-like insertion must have sent one.
    expect(await commentBox(on)).toEqual({ text: whereTaken.chinese, sendEnabled: true });
    const caretAtEnd = await on.evaluate((typed) => {
      const box = document.querySelector('#content-textarea')!;
      const selection = document.getSelection()!;
      const range = document.createRange();
      range.selectNodeContents(box);
      return (
        selection.isCollapsed &&
        box.contains(selection.focusNode) &&
        range.comparePoint(selection.focusNode!, selection.focusOffset) === 0 &&
        range.toString().length === selection.toString().length + typed.length
      );
    }, whereTaken.chinese);
    expect(caretAtEnd).toBe(true);
    expect(await postedComments(on)).toEqual([]);
    if (browserName === 'chromium') {
      await (await on.$('.interaction-container'))!.screenshot({ path: `${SCREENSHOTS}composer-chromium.png` });
    }

    await pressSend(on);
    const posted = await postedComments(on);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ text: whereTaken.chinese, replyTo: null });

    // Posted: the draft is gone, so the next reply starts empty.
    await waitForPanel(on, (view) => !view.open);
    await openComposer(on);
    expect((await readPanel(on)).english).toBe('');
  });

  it('answers a comment: the panel shows the comment and its translation, and the post is a reply to it', async () => {
    const on = await openNotePage();
    const commentId = await on.$eval(`[data-fixture-id="${COMMENT.fixtureId}"]`, (content) => {
      const item = content.closest('.comment-item')!;
      item.querySelector<HTMLElement>('.interactions .reply')!.click();
      return item.id.replace(/^comment-/, '');
    });
    await openComposer(on);
    const view = await waitForPanel(on, (v) => !!v.target?.includes(COMMENT.translation));
    expect(view.target).toContain(COMMENT.text);

    await translateAndInsert(on, thanks.english, thanks.chinese, thanks.backTranslation);
    await pressSend(on);
    const posted = await postedComments(on);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toBe(thanks.chinese);
    expect(posted[0]!.replyTo).toMatchObject({ commentId });
  });

  it('keeps the English draft when the panel is closed and opened again, and after a reload', async () => {
    const on = await openNotePage();
    const english = 'Saving this for my trip next spring';
    await openComposer(on);
    await typeEnglish(on, english);
    await on.keyboard.press('Escape');
    await waitForPanel(on, (view) => !view.open);
    await openComposer(on);
    expect((await readPanel(on)).english).toBe(english);

    await on.reload();
    await openComposer(on);
    expect((await waitForPanel(on, (view) => view.english === english)).english).toBe(english);
    // Discarding is the user's way to let it go.
    await (await composerControl(on, 'button', 'Discard draft')).click();
    await on.reload();
    await openComposer(on);
    expect((await readPanel(on)).english).toBe('');
  });

  it('keeps each note’s draft across navigation to another note and back', async () => {
    page = await ext.browser.newPage();
    const on = page;
    await on.goto(`${fixtures.url}/xhs/feed.html`);
    const first = noteIdOf('n01');
    const second = noteIdOf('n02');
    const english = 'Which month is best for the cycling route?';

    await on.evaluate((id) => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(id), first);
    await openComposer(on);
    await typeEnglish(on, english);
    // Navigate away at once: the unsaved draft is saved as the note closes.
    await on.evaluate(() => (window as unknown as { __fixture: { closeNote(): void } }).__fixture.closeNote());
    await on.waitForFunction(() => !document.querySelector('.note-detail-mask'));

    await on.evaluate((id) => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(id), second);
    await on.waitForFunction((id) => document.querySelector('.note-detail-mask')?.getAttribute('note-id') === id, {}, second);
    await openComposer(on);
    expect((await readPanel(on)).english).toBe('');
    await on.evaluate(() => (window as unknown as { __fixture: { closeNote(): void } }).__fixture.closeNote());
    await on.waitForFunction(() => !document.querySelector('.note-detail-mask'));

    await on.evaluate((id) => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(id), first);
    await on.waitForFunction((id) => document.querySelector('.note-detail-mask')?.getAttribute('note-id') === id, {}, first);
    await openComposer(on);
    expect((await waitForPanel(on, (view) => view.english === english)).english).toBe(english);
  });

  it('keeps the English when the backend fails, and Retry translates it', async () => {
    const on = await openNotePage();
    const english = 'Is the guesthouse quiet at night?';
    google.setMode({ kind: 'fail', status: 500 });
    await openComposer(on);
    await typeEnglish(on, english);
    await (await composerControl(on, 'button', 'Translate')).click();
    const failed = await waitForPanel(on, (view) => !!view.status?.includes('Couldn’t translate'));
    expect(failed.english).toBe(english);
    expect(failed.chinese).toBeNull();
    expect(failed.status).toContain('Your English is kept');

    google.setMode({ kind: 'ok' });
    await (await composerControl(on, 'button', 'Retry')).click();
    const done = await waitForPanel(on, (view) => view.chinese === `${FAKE_ZH_PREFIX}${english}`);
    expect(done.english).toBe(english);
    expect(done.back).toBe(`${FAKE_PREFIX}${FAKE_ZH_PREFIX}${english}`);
    await (await composerControl(on, 'button', 'Discard draft')).click();
  });

  it('works with the keyboard alone, in the note modal, from RedNote’s comment box to a posted comment', async () => {
    page = await ext.browser.newPage();
    const on = page;
    await on.goto(`${fixtures.url}/xhs/feed.html`);
    await on.evaluate((id) => (window as unknown as { __fixture: { openNote(id: string): void } }).__fixture.openNote(id), noteIdOf('n02'));
    await on.waitForSelector('.note-detail-mask #content-textarea');
    const english = 'Can I bike around the lake in one day?';
    const chinese = `${FAKE_ZH_PREFIX}${english}`;
    // Start where a keyboard user writing a comment is: in RedNote's box.
    await on.focus('#content-textarea');
    await on.keyboard.down('Shift');
    await on.keyboard.press('Tab');
    await on.keyboard.up('Shift');
    expect((await readPanel(on)).focused).toBe('button.toggle');
    await on.keyboard.press('Enter');
    await waitForPanel(on, (view) => view.open && view.focused === 'textarea');

    await on.keyboard.type(english);
    await on.keyboard.down('Control');
    await on.keyboard.press('Enter');
    await on.keyboard.up('Control');
    await waitForPanel(on, (view) => view.chinese === chinese && view.back === `${FAKE_PREFIX}${chinese}`);

    // Escape closes the panel, not the note, and gives the focus back to "Reply in English".
    await on.keyboard.press('Escape');
    const closed = await waitForPanel(on, (view) => !view.open);
    expect(closed.focused).toBe('button.toggle');
    expect(await on.$('.note-detail-mask')).not.toBeNull();

    // Open again: the draft is all there. Tab on to "Insert into comment box" and press it.
    await on.keyboard.press('Enter');
    await waitForPanel(on, (view) => view.open && view.chinese === chinese);
    const insert = await composerControl(on, 'button', 'Insert into comment box');
    const insertFocused = () =>
      insert.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button);
    for (let i = 0; i < 15 && !(await insertFocused()); i++) await on.keyboard.press('Tab');
    expect(await insertFocused()).toBe(true);
    await on.keyboard.press('Enter');
    await waitForPanel(on, (view) => !!view.status?.includes('Inserted'));

    // The caret is now at the end of RedNote's box, whose own Enter posts.
    expect(await on.evaluate(() => document.activeElement?.id)).toBe('content-textarea');
    await on.keyboard.press('Enter');
    const posted = await postedComments(on);
    expect(posted.map((comment) => comment.text)).toEqual([chinese]);
  });

  // Only Chromium lets a test grant clipboard access; the tone is the backend's, not the browser's.
  if (browserName === 'chromium') {
    it(
      'offers the clipboard when RedNote’s box refuses the text, and never posts by itself',
      async () => {
        const on = await openNotePage();
        const context = ext.browser.defaultBrowserContext();
        await context.overridePermissions(fixtures.url, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        // A page that throws away whatever arrives in its box.
        await on.evaluate(() => {
          const box = document.querySelector<HTMLElement>('#content-textarea')!;
          box.addEventListener('input', () => (box.textContent = ''));
        });
        await openComposer(on);
        await typeEnglish(on, whereTaken.english);
        await (await composerControl(on, 'button', 'Translate')).click();
        await waitForPanel(on, (view) => view.chinese === whereTaken.chinese);
        await (await composerControl(on, 'button', 'Insert into comment box')).click();
        const refused = await waitForPanel(on, (view) => !!view.status?.includes('did not take the text'));
        expect(refused.english).toBe(whereTaken.english);
        expect((await commentBox(on)).text).toBe('');

        await (await composerControl(on, 'button', 'Copy Chinese')).click();
        await waitForPanel(on, (view) => !!view.status?.startsWith('Copied'));
        expect(await on.evaluate(() => navigator.clipboard.readText())).toBe(whereTaken.chinese);
        expect(await postedComments(on)).toEqual([]);
        await (await composerControl(on, 'button', 'Discard draft')).click();
      },
    );

    it(
      'asks an LLM for the polite tone, and says a machine backend does not follow one',
      async () => {
        const openai = await startFakeOpenAi();
        try {
          await setStoredSettings(probe, {
            backend: 'openai',
            fallbacks: [],
            backends: { google: { host: google.url }, openai: { baseUrl: `${openai.url}/v1`, apiKey: 'sk-test', model: 'fake-model' } },
          });
          const on = await openNotePage();
          await openComposer(on);
          await (await composerControl(on, 'radio', 'Polite')).click();
          await typeEnglish(on, whereTaken.english);
          await (await composerControl(on, 'button', 'Translate')).click();
          const polite = await waitForPanel(on, (view) => view.chinese === whereTaken.politeChinese);
          expect(polite.back).toBe(whereTaken.politeBackTranslation);
          expect(polite.note).toBeNull();
          const prompts = openai.requests.map((request) => messagesOf(request)[0]?.content ?? '');
          expect(prompts.some((prompt) => /Simplified Chinese/.test(prompt) && /polite/i.test(prompt))).toBe(true);

          // The tone picked here is the default for the next reply.
          await (await composerControl(on, 'button', 'Discard draft')).click();
          await on.reload();
          await openComposer(on);
          const radio = await composerControl(on, 'radio', 'Polite');
          expect(await radio.evaluate((input) => (input as HTMLInputElement).checked)).toBe(true);

          await setStoredSettings(probe, {
            backend: 'google',
            fallbacks: [],
            replyTone: 'polite',
            backends: { google: { host: google.url } },
          });
          await typeEnglish(on, whereTaken.english);
          await (await composerControl(on, 'button', 'Translate')).click();
          const machine = await waitForPanel(on, (view) => view.chinese === whereTaken.chinese);
          expect(machine.note).toContain('Google Translate translates without a tone');
          await (await composerControl(on, 'button', 'Discard draft')).click();
        } finally {
          await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
          await openai.close();
        }
      },
    );
  }
});
