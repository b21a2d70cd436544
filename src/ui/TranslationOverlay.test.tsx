// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settle } from '../../tests/unit/settle';
import { TranslationOverlay } from './TranslationOverlay';
import { BACKEND_IDS } from '../settings/schema';

const container = document.createElement('div');
document.body.append(container);
afterEach(() => render(null, container));

describe('TranslationOverlay', () => {
  it('renders a translation that looks like HTML as plain text', () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    render(
      <TranslationOverlay
        state={{ status: 'done', text: hostile, tags: ['<i>tag</i>'], backend: 'google', slang: [] }}
        placement="block"
        language="en"
        onRetry={() => {}}
      />,
      container,
    );
    expect(container.querySelector('img, b, i')).toBeNull();
    expect(container.querySelector('.text')!.textContent).toBe(hostile);
    expect(container.querySelector('.tag')!.textContent).toBe('#<i>tag</i>');
  });

  it('isolates the direction of the translation and of each tag, so neither can re-order what is around it', () => {
    render(
      <TranslationOverlay
        state={{ status: 'done', text: 'Hello', tags: ['travel'], backend: 'google', slang: [] }}
        placement="block"
        language="en"
        onRetry={() => {}}
      />,
      container,
    );
    expect(container.querySelector('.text')!.getAttribute('dir')).toBe('auto');
    expect(container.querySelector('.tag')!.getAttribute('dir')).toBe('auto');
  });

  it('shows a busy status while translating', () => {
    render(<TranslationOverlay state={{ status: 'loading' }} placement="block" language="en" onRetry={() => {}} />, container);
    const status = container.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(status.textContent).toContain('Translating');
  });

  it('shows the error and a Retry button that calls onRetry without reaching the page', () => {
    const onRetry = vi.fn();
    const pageClick = vi.fn();
    container.addEventListener('click', pageClick);
    render(
      <TranslationOverlay
        state={{ status: 'error', message: 'Google Translate is rate-limiting requests (HTTP 429)' }}
        placement="caption"
        language="en"
        onRetry={onRetry}
      />,
      container,
    );
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('rate-limiting requests (HTTP 429)');
    const retry = container.querySelector<HTMLButtonElement>('button.retry')!;
    expect(retry.type).toBe('button');
    retry.click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(pageClick).not.toHaveBeenCalled();
    container.removeEventListener('click', pageClick);
  });

  it('labels the translation with its language and backend', () => {
    render(
      <TranslationOverlay state={{ status: 'done', text: 'Hello', tags: [], backend: 'google', slang: [] }} placement="block" language="en" onRetry={() => {}} />,
      container,
    );
    const done = container.querySelector('[data-state="done"]')!;
    expect(done.getAttribute('lang')).toBe('en');
    expect(done.querySelector('.badge')!.textContent).toBe('EN');
    expect(done.getAttribute('title')).toContain('google');
  });

  it('lists the slang found, closed until the reader opens it, only under notes and comments', () => {
    const slang = [
      { term: '绝绝子', meaning: 'Amazing, the best.' },
      { term: 'yyds', meaning: 'GOAT.' },
    ];
    const state = { status: 'done' as const, text: 'This lipstick is truly the best', tags: [], backend: 'Google Translate', slang };
    render(<TranslationOverlay state={state} placement="block" language="en" onRetry={() => {}} />, container);
    const details = container.querySelector('details.slang') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Slang: 绝绝子, yyds');
    expect(Array.from(details.querySelectorAll('dt'), (dt) => dt.textContent)).toEqual(['绝绝子', 'yyds']);
    expect(Array.from(details.querySelectorAll('dd'), (dd) => dd.textContent)).toEqual(['Amazing, the best.', 'GOAT.']);

    render(<TranslationOverlay state={state} placement="caption" language="en" onRetry={() => {}} />, container);
    expect(container.querySelector('details.slang')).toBeNull();
  });

  it('offers every other backend of the choices for a re-translation, calling it with its id', async () => {
    const onRetranslate = vi.fn();
    render(
      <TranslationOverlay
        state={{ status: 'done', text: 'Hi', tags: [], backend: 'Google Translate', backendId: 'google', slang: [] }}
        placement="block"
        language="en"
        onRetry={() => {}}
        retranslate={{ choices: [...BACKEND_IDS], with: onRetranslate }}
      />,
      container,
    );
    expect(container.querySelector('details.other summary')!.textContent).toBe('by Google Translate · Re-translate');
    // Closed, it holds no buttons: thousands of overlays in a long thread stay light.
    expect(container.querySelectorAll('button.other-backend')).toHaveLength(0);
    const details = container.querySelector<HTMLDetailsElement>('details.other')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await settle();
    const buttons = Array.from(container.querySelectorAll<HTMLButtonElement>('button.other-backend'));
    expect(buttons.map((button) => button.textContent)).not.toContain('Google Translate');
    expect(buttons).toHaveLength(5);
    buttons.find((button) => button.textContent === 'DeepL')!.click();
    expect(onRetranslate).toHaveBeenCalledWith('deepl');
  });

  it('offers no re-translation in a caption over a feed cover', () => {
    render(
      <TranslationOverlay
        state={{ status: 'done', text: 'Hi', tags: [], backend: 'Google Translate', backendId: 'google', slang: [] }}
        placement="caption"
        language="en"
        onRetry={() => {}}
        retranslate={{ choices: [...BACKEND_IDS], with: () => {} }}
      />,
      container,
    );
    expect(container.querySelector('details.other')).toBeNull();
  });
});
