import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_VERSION } from './migrations';
import { DEFAULT_SETTINGS, SETTINGS_STORAGE_KEY, type Settings } from './schema';
import { loadSettings, updateSettings, watchSettings } from './store';

// WxtVitest replaces `browser` with @webext-core/fake-browser: in-memory storage, reset per test.
beforeEach(() => {
  fakeBrowser.reset();
});

const stored = async (): Promise<unknown> => (await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];

describe('updateSettings', () => {
  it('changes the patched settings and keeps the rest as stored, unknown keys from a newer version included', async () => {
    const before = { version: SETTINGS_VERSION + 1, backend: 'deepl', replyTone: 'casual', futureOption: { on: true } };
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: before });

    await updateSettings({ replyTone: 'polite' });

    expect(await stored()).toEqual({ ...before, replyTone: 'polite' });
  });

  it('stores settings from before versions with today’s version, their values kept', async () => {
    const before = { backend: 'deepl', replyTone: 'casual' };
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: before });

    await updateSettings({ replyTone: 'polite' });

    expect(await stored()).toEqual({ version: SETTINGS_VERSION, backend: 'deepl', replyTone: 'polite' });
  });

  it('writes only the patch when nothing was stored, so the defaults still apply to the rest', async () => {
    await updateSettings({ replyTone: 'polite' });

    expect(await stored()).toEqual({ version: SETTINGS_VERSION, replyTone: 'polite' });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, replyTone: 'polite' });
  });

  it.each([
    ['a string', 'garbage'],
    ['an array', ['polite']],
    ['null', null],
  ])('starts from nothing when the stored settings are %s', async (_what, value) => {
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: value });

    await updateSettings({ replyTone: 'polite' });

    expect(await stored()).toEqual({ version: SETTINGS_VERSION, replyTone: 'polite' });
  });

  it('leaves other storage keys, such as reply drafts, alone', async () => {
    const draft = { english: 'Hi', chinese: '嗨', backTranslation: '', tone: 'casual', updatedAt: 1 };
    await browser.storage.local.set({ 'draft:note-1|': draft });

    await updateSettings({ replyTone: 'polite' });

    expect((await browser.storage.local.get('draft:note-1|'))['draft:note-1|']).toEqual(draft);
  });

  it('is seen by watchSettings listeners', async () => {
    const seen: Settings[] = [];
    const unsubscribe = watchSettings((settings) => seen.push(settings));

    await updateSettings({ replyTone: 'polite' });
    unsubscribe();

    expect(seen.map((settings) => settings.replyTone)).toEqual(['polite']);
  });
});
