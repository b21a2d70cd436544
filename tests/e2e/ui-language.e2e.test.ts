import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { composerControl, waitForPanel } from './composer';
import { setStoredSettings } from './probe';

/**
 * With the browser's UI in Simplified Chinese, a backend is named in Chinese wherever RedBridge
 * shows one: on a translation overlay, in the popup's list and in the reply composer's note.
 * (Unit tests check every message in both languages; this checks that the browsers pick them.)
 */
describe.each<BrowserName>(['chromium', 'firefox'])('backend names in %s in Simplified Chinese', (browserName) => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let google: FakeBackend;
  let probe: Page;

  beforeAll(async () => {
    [fixtures, google] = await Promise.all([startFixtureServer(), startFakeGoogle()]);
    ext = await launchWithExtension(browserName, { uiLanguage: 'zh-CN' });
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, {
      display: 'bilingual',
      backend: 'google',
      fallbacks: ['microsoft'],
      backends: {
        google: { host: google.url },
        // Never asked while the fake Google answers.
        microsoft: { authUrl: `${fixtures.url}/no-microsoft/auth`, translateUrl: `${fixtures.url}/no-microsoft/translate` },
      },
    });
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), google?.close()]);
  });

  it('on an overlay, in the reply composer and in the popup', async () => {
    const note = await ext.browser.newPage();
    await note.goto(`${fixtures.url}/xhs/note.html`);
    await note.waitForFunction(() => document.querySelector('redbridge-translation[data-state="done"]') !== null, {
      timeout: 30_000,
      polling: 100,
    });

    // The overlay: its label, its hover title, and the other backends to re-translate with.
    const overlay = await note.evaluate(async () => {
      const root = document.querySelector('redbridge-translation[data-state="done"]')!.shadowRoot!;
      const done = root.querySelector('[role="note"]')!;
      const other = root.querySelector<HTMLDetailsElement>('details.other')!;
      other.open = true;
      const deadline = Date.now() + 5_000;
      while (!root.querySelector('button.other-backend') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return {
        label: done.getAttribute('aria-label'),
        title: done.getAttribute('title'),
        summary: other.querySelector('summary')!.textContent,
        others: Array.from(root.querySelectorAll('button.other-backend'), (button) => button.textContent),
      };
    });
    expect(overlay).toEqual({
      label: '谷歌翻译 的译文',
      title: '由 RedBridge 使用 谷歌翻译 翻译',
      summary: '译自 谷歌翻译 · 重新翻译',
      others: ['微软翻译', 'DeepL', 'LibreTranslate', 'OpenAI 兼容 API', 'Chrome 设备端翻译'],
    });

    // The reply composer: Google cannot follow the tone, and says so by its Chinese name.
    await (await composerControl(note, 'button', '用英文回复')).click();
    await waitForPanel(note, (view) => view.open && view.ready);
    const english = await composerControl(note, 'textbox', '你的英文回复');
    await english.type('See you in May!');
    await (await composerControl(note, 'button', '翻译')).click();
    const panel = await waitForPanel(note, (view) => view.note !== null);
    expect(panel.note).toBe('谷歌翻译不区分语气，因此“随意”不会生效；OpenAI 兼容 API 会按语气翻译。');
    await note.close();

    // The popup, opened as a page of the extension (Firefox's puppeteer cannot go to one).
    await probe.evaluate(() => void (location.href = '/popup.html'));
    await probe.waitForFunction(() => document.querySelectorAll('li.backend').length === 2, { timeout: 10_000, polling: 100 });
    const backends = await probe.$$eval('li.backend', (items) =>
      items.map((item) => [item.getAttribute('data-backend'), item.querySelector('.backend-name')?.textContent]),
    );
    expect(backends).toEqual([
      ['google', '谷歌翻译'],
      ['microsoft', '微软翻译'],
    ]);
  });
});
