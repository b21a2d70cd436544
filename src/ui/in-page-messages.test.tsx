// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localeMessages, useLocaleMessages } from '../../tests/unit/fake-i18n';
import { ComposerDock } from './ComposerDock';
import { ReplyComposer, type ReplyComposerApi } from './ReplyComposer';
import { TranslationOverlay } from './TranslationOverlay';
import { settle } from '../../tests/unit/settle';

/* ------------------------------------------------------------------------------------------
 * The in-page UI's words (overlays, the selection popover, the reply composer) come from
 * `public/_locales/<language>/messages.json`, like the popup's and the options page's.
 * ------------------------------------------------------------------------------------------ */

const PREFIXES = /^(overlay|composer|selection)_/;
const en = localeMessages('en');
const zh = localeMessages('zh_CN');
const inPageKeys = (messages: Record<string, unknown>) => Object.keys(messages).filter((key) => PREFIXES.test(key)).sort();

/** Every non-test source file under `src/`. */
function sources(dir = join(process.cwd(), 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** Every `'overlay_…'`, `'composer_…'` and `'selection_…'` string literal in the source, with the files naming it. */
function writtenKeys(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const file of sources()) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(/'((?:overlay|composer|selection)_[A-Za-z0-9_]+)'/g)) {
      keys.set(key!, [...(keys.get(key!) ?? []), relative(process.cwd(), file)]);
    }
  }
  return keys;
}

describe('the in-page UI’s messages', () => {
  it('has every message the code names, in English', () => {
    const used = writtenKeys();
    expect(used.size).toBeGreaterThan(40);
    expect([...used.keys()].filter((key) => !(key in en))).toEqual([]);
  });

  it('names every message it has: none left over', () => {
    const used = writtenKeys();
    expect(inPageKeys(en).filter((key) => !used.has(key))).toEqual([]);
  });

  it('is named in the overlay, the composer and the selection popover alike', () => {
    const files = new Set([...writtenKeys().values()].flat());
    for (const file of [
      'src/ui/TranslationOverlay.tsx',
      'src/ui/ComposerDock.tsx',
      'src/ui/ReplyComposer.tsx',
      'src/features/selection-popover.ts',
      'src/messaging/translate-client.ts',
    ]) {
      expect(files, file).toContain(file);
    }
  });

  it('has the same messages and placeholders in Simplified Chinese, each translated', () => {
    expect(inPageKeys(zh)).toEqual(inPageKeys(en));
    for (const key of inPageKeys(en)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(Object.keys(zh[key]!.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      for (const [name, { content }] of Object.entries(en[key]!.placeholders ?? {})) {
        expect(en[key]!.message.toLowerCase(), key).toContain(`$${name}$`);
        expect(zh[key]!.message.toLowerCase(), key).toContain(`$${name}$`);
        expect(zh[key]!.placeholders![name]!.content, key).toBe(content);
      }
      expect(zh[key]!.message, key).not.toBe('');
      expect(zh[key]!.message, key).not.toBe(en[key]!.message);
    }
  });
});

/* --------------------------------------------------------------------------------------- */

function fakeApi(): ReplyComposerApi {
  return {
    loadDraft: vi.fn(async () => ({ draft: null, tone: 'casual' as const })),
    saveDraft: vi.fn(async () => {}),
    discardDraft: vi.fn(async () => {}),
    translateReply: vi.fn(async () => ({
      ok: true as const,
      translation: '五月见！',
      backend: 'google' as const,
      toneApplied: false,
      check: { ok: true as const, translation: 'See you in May!', backend: 'google' as const, fromCache: false },
    })),
    checkReply: vi.fn(async () => ({ ok: false as const, error: { code: 'server' as const, message: 'unused' } })),
    rememberTone: vi.fn(async () => {}),
    translateComment: vi.fn(async () => ({ ok: false as const, error: { code: 'server' as const, message: 'HTTP 500' } })),
    insert: vi.fn(() => ({ ok: false as const, found: 'nothing' })),
    copy: vi.fn(async () => true),
  };
}

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
});

const buttonNames = () => Array.from(container.querySelectorAll('button'), (b) => b.textContent!.trim());
const labels = () => Array.from(container.querySelectorAll('label'), (l) => l.textContent);

async function click(text: string): Promise<void> {
  const button = Array.from(container.querySelectorAll('button')).find((b) => b.textContent!.trim() === text);
  if (!button) throw new Error(`no button "${text}" in: ${container.textContent}`);
  await act(() => button.click());
  await settle();
}

describe('the reply composer in Simplified Chinese', () => {
  it('speaks English by default in tests', async () => {
    await act(() => render(<ReplyComposer target={null} api={fakeApi()} onClose={() => {}} />, container));
    await settle();
    expect(container.querySelector('h2')!.textContent).toBe('Reply in English');
    expect(buttonNames()).toContain('Translate');
  });

  it('labels everything in Chinese when the browser speaks it', async () => {
    useLocaleMessages('zh_CN');
    const api = fakeApi();
    await act(() =>
      render(<ReplyComposer target={{ author: '晚風與你', text: '好想去！', mentions: [] }} api={api} onClose={() => {}} />, container),
    );
    await settle();

    expect(container.querySelector('section')!.getAttribute('aria-label')).toBe('RedBridge 回复编辑器');
    expect(container.querySelector('h2')!.textContent).toBe('用英文回复');
    expect(container.querySelector('button.close')!.getAttribute('aria-label')).toBe('关闭回复编辑器');
    expect(container.querySelector('figure')!.getAttribute('aria-label')).toBe('晚風與你 的评论');
    expect(container.querySelector('figcaption')!.textContent).toBe('回复 晚風與你');
    expect(container.querySelector('.target-translation')!.textContent).toBe('无法翻译这条评论：HTTP 500');
    expect(labels()).toEqual(['你的英文回复', '随意', '礼貌']);
    expect(container.querySelector('textarea')!.getAttribute('placeholder')).toBe('写下你想说的话…');
    expect(container.querySelector('legend')!.textContent).toBe('语气');
    expect(buttonNames()).toEqual(['×', '翻译', '丢弃草稿']);

    await click('翻译');
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('请先用英文写下你的回复。');

    const english = container.querySelector('textarea')!;
    english.value = 'See you in May!';
    await act(() => {
      english.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('翻译');
    expect(labels()).toContain('中文译文（可以修改）');
    expect(container.querySelector('p.back-label')!.textContent).toBe('回译');
    expect(container.querySelector('p.note')!.textContent).toBe(
      '谷歌翻译不区分语气，因此“随意”不会生效；OpenAI 兼容 API 会按语气翻译。',
    );
    expect(buttonNames()).toContain('插入评论框');

    await click('插入评论框');
    expect(container.querySelector('[role="alert"]')!.textContent).toBe(
      '小红书评论框没有接收这段文字。请复制中文，自己粘贴到评论框中。',
    );
    await click('复制中文');
    expect(container.querySelector('p.status')!.textContent).toBe('已复制。请粘贴到小红书评论框中（Ctrl+V）。');
    expect(container.textContent).not.toMatch(/composer_|overlay_/);
  });

  it('says in Chinese that RedBridge is not responding, keeping the detail word for word', async () => {
    useLocaleMessages('zh_CN');
    const api = fakeApi();
    vi.mocked(api.loadDraft).mockRejectedValue(new Error('Receiving end does not exist.'));
    await act(() => render(<ReplyComposer target={null} api={api} onClose={() => {}} />, container));
    await settle();
    expect(container.querySelector('[role="alert"]')!.textContent).toBe(
      '无法加载已保存的草稿：RedBridge 没有响应（Receiving end does not exist.），请重新加载页面后再试。 加载成功之前不会保存任何内容。 重新加载',
    );
  });

  it('names the dock’s button and the comment it answers in Chinese', async () => {
    useLocaleMessages('zh_CN');
    const dock = (author: string) => (
      <ComposerDock open={false} draftId="d" target={{ author, text: '好想去！', mentions: [] }} api={fakeApi()} onOpenChange={() => {}} />
    );
    await act(() => render(dock('晚風與你'), container));
    expect(container.querySelector('button.toggle')!.textContent!.replace('文A', '')).toBe('用英文回复');
    expect(container.querySelector('.replying')!.textContent).toBe('回复 晚風與你');
    await act(() => render(dock(''), container));
    expect(container.querySelector('.replying')!.textContent).toBe('回复这条评论');
  });
});

describe('the translation overlay in Simplified Chinese', () => {
  it('says it is translating, and why it could not, in Chinese', () => {
    useLocaleMessages('zh_CN');
    render(<TranslationOverlay state={{ status: 'loading' }} placement="block" language="en" onRetry={() => {}} />, container);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('EN正在翻译…');
    render(
      <TranslationOverlay state={{ status: 'error', message: 'HTTP 429' }} placement="block" language="en" onRetry={() => {}} />,
      container,
    );
    expect(container.querySelector('.message')!.textContent).toBe('无法翻译：HTTP 429');
    expect(container.querySelector('button.retry')!.textContent).toBe('重试');
  });

  it('names the backend, the slang and the re-translation in Chinese', async () => {
    useLocaleMessages('zh_CN');
    render(
      <TranslationOverlay
        state={{
          status: 'done',
          text: 'The best',
          tags: [],
          backend: '谷歌翻译',
          backendId: 'google',
          slang: [{ term: '绝绝子', meaning: 'Amazing, the best.' }],
        }}
        placement="block"
        language="en"
        onRetry={() => {}}
        retranslate={{ choices: ['google', 'microsoft', 'deepl', 'libretranslate', 'openai', 'chrome'], with: () => {} }}
      />,
      container,
    );
    const done = container.querySelector('[data-state="done"]')!;
    expect(done.getAttribute('aria-label')).toBe('谷歌翻译 的译文');
    expect(done.getAttribute('title')).toBe('由 RedBridge 使用 谷歌翻译 翻译');
    expect(container.querySelector('details.slang summary')!.textContent).toBe('网络用语：绝绝子');
    expect(container.querySelector('details.other summary')!.textContent).toBe('译自 谷歌翻译 · 重新翻译');
    const other = container.querySelector<HTMLDetailsElement>('details.other')!;
    other.open = true;
    other.dispatchEvent(new Event('toggle'));
    await settle();
    expect(container.querySelector('.other-list')!.getAttribute('aria-label')).toBe('改用以下服务重新翻译');
    // The other backends, by their Chinese names (DeepL's is the same in both).
    expect(Array.from(container.querySelectorAll('button.other-backend'), (b) => b.textContent)).toEqual([
      '微软翻译',
      'DeepL',
      'LibreTranslate',
      'OpenAI 兼容 API',
      'Chrome 设备端翻译',
    ]);
  });
});
