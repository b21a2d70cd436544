// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import type { TranslateOutcome } from '../../messaging/wire';
import { useLocaleMessages } from '../../../tests/unit/fake-i18n';
import type { OptionsApi } from './options-api';
import { EXPORT_FILE_NAME, OptionsPage } from './OptionsPage';

/* ------------------------------------------------------------------------------------------
 * The page against a fake outside world, driven the way a user does: typing, clicking, choosing
 * a file. Every step is settled inside `act`, so each assertion sees the page at rest.
 * ------------------------------------------------------------------------------------------ */

const STORED: Settings = {
  ...DEFAULT_SETTINGS,
  fallbacks: ['microsoft', 'deepl'],
  backends: { ...DEFAULT_SETTINGS.backends, deepl: { apiKey: 'deepl-key:fx', apiUrl: '' } },
};

const LIBRE_403 = 'LibreTranslate refused the API key (HTTP 403): Invalid API key';

function fakeApi() {
  let listener: ((settings: Settings) => void) | null = null;
  return {
    load: vi.fn<OptionsApi['load']>(async () => structuredClone(STORED)),
    save: vi.fn<OptionsApi['save']>(async () => {}),
    watch: vi.fn<OptionsApi['watch']>((next) => {
      listener = next;
      return () => (listener = null);
    }),
    testBackend: vi.fn<OptionsApi['testBackend']>(
      async (backend): Promise<TranslateOutcome> => ({ ok: true, translation: 'Hello, what lovely weather today!', backend, fromCache: false }),
    ),
    cacheStats: vi.fn<OptionsApi['cacheStats']>(async () => ({ entries: 1234, bytes: 812_345, lookups: 40, hits: 30 })),
    clearCache: vi.fn<OptionsApi['clearCache']>(async () => {}),
    ocrStatus: vi.fn<OptionsApi['ocrStatus']>(async () => ({
      engine: { state: 'not-loaded', imagesRead: 0 },
      packagedBytes: 30_812_345,
      cached: { entries: 3, bytes: 9_000 },
    })),
    releaseOcr: vi.fn<OptionsApi['releaseOcr']>(async () => {}),
    download: vi.fn<OptionsApi['download']>(),
    /** Settings changed elsewhere (the popup, another options tab). */
    changeElsewhere: (settings: Settings) => listener?.(settings),
  };
}

let container: HTMLElement;
let api: ReturnType<typeof fakeApi>;

beforeEach(async () => {
  useLocaleMessages('en');
  container = document.createElement('div');
  document.body.append(container);
  api = fakeApi();
  await act(() => render(<OptionsPage api={api} />, container));
  await settle();
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

const field = <T extends HTMLElement = HTMLInputElement>(id: string) => container.querySelector<T>(`#${id}`)!;
const byLabel = <T extends HTMLElement = HTMLInputElement>(text: string, within: ParentNode = container): T => {
  const label = [...within.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no label "${text}"`);
  return container.querySelector<T>(`#${label.htmlFor}`)!;
};
const button = (name: string, within: ParentNode = container) => {
  const found = [...within.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const backendBox = (backend: string) => container.querySelector<HTMLElement>(`section.backend[data-backend="${backend}"]`)!;
const text = (selector: string, within: ParentNode = container) => within.querySelector(selector)?.textContent ?? null;

async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function choose(select: HTMLSelectElement | HTMLInputElement, value?: string): Promise<void> {
  await act(() => {
    if (select instanceof HTMLInputElement && select.type === 'checkbox') select.checked = !select.checked;
    else if (value !== undefined) select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function click(element: HTMLElement): Promise<void> {
  await act(() => element.click());
  await settle();
}

async function save(): Promise<void> {
  await click(button('Save'));
}

describe('OptionsPage: fields', () => {
  it('shows the stored settings, every control with its label and its help', () => {
    expect(field('field-enabled').checked).toBe(true);
    expect(field('field-display-bilingual').checked).toBe(true);
    expect(byLabel('Hover delay (ms)').value).toBe('400');
    expect(byLabel<HTMLSelectElement>('Translate with').value).toBe('google');
    expect(byLabel('Server URL', backendBox('libretranslate')).value).toBe('http://localhost:5000');

    for (const control of container.querySelectorAll<HTMLElement>('input, select')) {
      expect(container.querySelector(`label[for="${control.id}"]`), `label for #${control.id}`).not.toBeNull();
      for (const id of (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)) {
        expect(container.querySelector(`[id="${id}"]`)?.textContent, `help #${id} of #${control.id}`).toBeTruthy();
      }
    }
    // No message key left untranslated.
    expect(container.textContent).not.toMatch(/options_/);
  });

  it('speaks Chinese when the browser does', async () => {
    await act(() => render(null, container));
    useLocaleMessages('zh_CN');
    await act(() => render(<OptionsPage api={api} />, container));
    await settle();
    expect(text('h1')).toBe('RedBridge 设置');
    expect(button('测试 LibreTranslate').textContent).toBe('测试');
    expect(text('[data-stat="hit-rate"]')).toBe('75%（40 次中 30 次）');
    expect(container.textContent).not.toMatch(/options_/);
  });

  it('masks API keys until Show is pressed', async () => {
    const key = byLabel('API key', backendBox('deepl'));
    expect(key.type).toBe('password');
    expect(key.value).toBe('deepl-key:fx');
    await click(button('Show the DeepL API key'));
    expect(key.type).toBe('text');
    expect(button('Hide the DeepL API key').textContent).toBe('Hide');
    await click(button('Hide the DeepL API key'));
    expect(key.type).toBe('password');
  });

  it('saves the whole validated settings object and says Saved', async () => {
    await choose(byLabel<HTMLSelectElement>('Translate with'), 'libretranslate');
    await type(byLabel('Server URL', backendBox('libretranslate')), ' http://127.0.0.1:5000 ');
    await type(byLabel('API key', backendBox('libretranslate')), 'libre-key');
    await click(field('field-display-hover'));
    await type(byLabel('Hover delay (ms)'), '250');
    await choose(byLabel<HTMLSelectElement>('Reply in'), 'zh-TW');
    await choose(byLabel('Explain RedNote slang'));
    expect(text('.save-status')).toBe('Unsaved changes');

    await save();

    expect(api.save).toHaveBeenCalledTimes(1);
    expect(api.save.mock.calls[0]![0]).toEqual({
      ...STORED,
      backend: 'libretranslate',
      display: 'hover',
      hoverDelayMs: 250,
      replyLanguage: 'zh-TW',
      slangNotes: false,
      backends: { ...STORED.backends, libretranslate: { url: 'http://127.0.0.1:5000', apiKey: 'libre-key' } },
    });
    expect(text('.save-status')).toBe('Saved');
    // The form shows what was stored.
    expect(byLabel('Server URL', backendBox('libretranslate')).value).toBe('http://127.0.0.1:5000');
  });

  it('saves when the text on images is translated, beside the display mode', async () => {
    expect(field('field-imageTranslation-auto').checked).toBe(true);
    expect(field('field-imageTranslation-auto').closest('fieldset')!.querySelector('legend')!.textContent).toBe('Text on images');
    expect(text('label[for="field-imageTranslation-button"]')).toBe('When I click EN');
    await click(field('field-imageTranslation-button'));
    await save();
    expect(api.save.mock.calls[0]![0]).toEqual({ ...STORED, imageTranslation: 'button' });
  });

  it('saves whether video subtitles are shown, and in which language over the video', async () => {
    expect(field('field-videoSubtitles-auto').checked).toBe(true);
    expect(field('field-videoSubtitles-auto').closest('fieldset')!.querySelector('legend')!.textContent).toBe('Video subtitles');
    expect(text('label[for="field-videoSubtitles-auto"]')).toBe("Show RedNote's subtitles in English");
    const language = byLabel<HTMLSelectElement>('Subtitle language');
    expect(language.value).toBe('english');
    expect([...language.options].map((option) => option.textContent)).toEqual(['English', 'Chinese', 'English and Chinese']);
    await click(field('field-videoSubtitles-off'));
    await choose(language, 'both');
    await save();
    expect(api.save.mock.calls[0]![0]).toEqual({ ...STORED, videoSubtitles: 'off', subtitleLanguage: 'both' });
  });

  it('saves nothing while a field is invalid: marks it, explains it and moves the focus there', async () => {
    await type(byLabel('Hover delay (ms)'), '9000');
    await type(byLabel('Server URL', backendBox('libretranslate')), 'localhost:5000');
    await save();

    expect(api.save).not.toHaveBeenCalled();
    expect(text('.save-error[role="alert"]')).toBe('Not saved: fix the highlighted fields (2).');
    const delay = byLabel('Hover delay (ms)');
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(delay.getAttribute('aria-describedby')).toBe('field-hoverDelayMs-error field-hoverDelayMs-help');
    expect(text('#field-hoverDelayMs-error')).toBe('Enter a whole number of milliseconds from 0 to 5000.');
    expect(text('#field-backends-libretranslate-url-error')).toBe('Enter a full URL starting with http:// or https://.');
    expect(document.activeElement).toBe(delay);

    // Fixing a field clears its error; the next Save stores.
    await type(delay, '500');
    expect(delay.getAttribute('aria-invalid')).toBeNull();
    expect(container.querySelector('#field-hoverDelayMs-error')).toBeNull();
    await type(byLabel('Server URL', backendBox('libretranslate')), 'http://localhost:5001');
    await save();
    expect(api.save).toHaveBeenCalledTimes(1);
    expect(text('.save-status')).toBe('Saved');
  });

  it('unfolds a folded backend to show its invalid field', async () => {
    const libre = backendBox('libretranslate');
    expect(libre.querySelector<HTMLElement>('.body')!.hidden).toBe(true);
    await type(byLabel('Server URL', libre), 'localhost');
    await save();
    expect(libre.querySelector<HTMLElement>('.body')!.hidden).toBe(false);
    expect(document.activeElement).toBe(byLabel('Server URL', libre));
  });

  it('reports a failed save with its reason', async () => {
    api.save.mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await save();
    expect(text('.save-error[role="alert"]')).toBe('Not saved: QUOTA_BYTES quota exceeded');
  });

  it('follows changes made elsewhere, unless the form has unsaved changes', async () => {
    api.changeElsewhere({ ...STORED, display: 'off' });
    await settle();
    expect(field('field-display-off').checked).toBe(true);

    await type(byLabel('Model'), 'deepseek-chat');
    api.changeElsewhere({ ...STORED, display: 'hover' });
    await settle();
    expect(field('field-display-off').checked).toBe(true);
    expect(byLabel('Model').value).toBe('deepseek-chat');
  });
});

describe('OptionsPage: the Test button', () => {
  it('tests a backend with the form’s unsaved values and shows the translation', async () => {
    await type(byLabel('Server URL', backendBox('libretranslate')), 'http://127.0.0.1:5000');
    await type(byLabel('API key', backendBox('libretranslate')), 'libre-key');
    await click(button('Test LibreTranslate'));

    expect(api.testBackend).toHaveBeenCalledTimes(1);
    const [backend, settings] = api.testBackend.mock.calls[0]!;
    expect(backend).toBe('libretranslate');
    expect(settings.backends.libretranslate).toEqual({ url: 'http://127.0.0.1:5000', apiKey: 'libre-key' });
    expect(text('.test-status[role="status"]', backendBox('libretranslate'))).toBe('Works: Hello, what lovely weather today!');
    expect(backendBox('libretranslate').querySelector('[role="alert"]')).toBeNull();
    // Nothing was saved by testing.
    expect(api.save).not.toHaveBeenCalled();
  });

  it('shows the backend’s exact error message', async () => {
    api.testBackend.mockResolvedValue({ ok: false, error: { code: 'auth', message: LIBRE_403 } });
    await click(button('Test LibreTranslate'));
    expect(text('.test-error[role="alert"]', backendBox('libretranslate'))).toBe(LIBRE_403);
    expect(text('.test-status', backendBox('libretranslate'))).toBe('');

    // A later success replaces the error.
    api.testBackend.mockResolvedValue({ ok: true, translation: 'Hi', backend: 'libretranslate', fromCache: false });
    await click(button('Test LibreTranslate'));
    expect(backendBox('libretranslate').querySelector('[role="alert"]')).toBeNull();
    expect(text('.test-status', backendBox('libretranslate'))).toBe('Works: Hi');
  });

  it('says Testing… while the backend works', async () => {
    let answer!: (outcome: TranslateOutcome) => void;
    api.testBackend.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    await click(button('Test Google Translate'));
    expect(text('.test-status', backendBox('google'))).toBe('Testing…');
    expect(button('Test Google Translate').disabled).toBe(true);
    await act(() => answer({ ok: true, translation: 'Hello', backend: 'google', fromCache: false }));
    await settle();
    expect(text('.test-status', backendBox('google'))).toBe('Works: Hello');
  });

  it('says so when the background cannot be reached', async () => {
    api.testBackend.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await click(button('Test DeepL'));
    expect(text('[role="alert"]', backendBox('deepl'))).toBe(
      'RedBridge\'s background did not answer (Could not establish connection. Receiving end does not exist.); reload the extension and try again.',
    );
  });

  it('does not test a backend whose fields are invalid, and marks them', async () => {
    await type(byLabel('Server URL', backendBox('libretranslate')), 'not a url');
    await type(byLabel('Hover delay (ms)'), 'soon');
    await click(button('Test LibreTranslate'));

    expect(api.testBackend).not.toHaveBeenCalled();
    expect(text('[role="alert"]', backendBox('libretranslate'))).toBe("Fix this service's highlighted fields first.");
    expect(byLabel('Server URL', backendBox('libretranslate')).getAttribute('aria-invalid')).toBe('true');
    // Only the fields that matter to this backend.
    expect(byLabel('Hover delay (ms)').getAttribute('aria-invalid')).toBeNull();
    // Other backends can still be tested.
    await click(button('Test Google Translate'));
    expect(api.testBackend).toHaveBeenCalledTimes(1);
  });
});

describe('OptionsPage: fallback order', () => {
  const names = () => [...container.querySelectorAll('.fallbacks li .name')].map((li) => li.textContent);

  it('moves, removes and adds fallbacks from the keyboard, the focus following the backend', async () => {
    expect(names()).toEqual(['Microsoft Translator', 'DeepL']);

    await click(button('Move DeepL up'));
    expect(names()).toEqual(['DeepL', 'Microsoft Translator']);
    // DeepL is at the top: its Move up is disabled, so its Move down has the focus.
    expect(document.activeElement).toBe(button('Move DeepL down'));
    expect(text('.fallbacks [role="status"]')).toBe('DeepL moved to position 1');

    await click(button('Remove DeepL'));
    expect(names()).toEqual(['Microsoft Translator']);
    expect(document.activeElement).toBe(button('Remove Microsoft Translator'));

    // The primary (Google) is never offered.
    const add = byLabel<HTMLSelectElement>('Add a fallback');
    expect([...add.options].map((option) => option.value)).toEqual(['deepl', 'libretranslate', 'openai', 'chrome']);
    await choose(add, 'openai');
    await click(button('Add'));
    expect(names()).toEqual(['Microsoft Translator', 'OpenAI-compatible API']);

    await save();
    expect(api.save.mock.calls[0]![0].fallbacks).toEqual(['microsoft', 'openai']);
  });

  it('can be emptied, and says what that means', async () => {
    await click(button('Remove Microsoft Translator'));
    await click(button('Remove DeepL'));
    expect(container.querySelector('.fallbacks ol')).toBeNull();
    expect(text('.fallbacks .empty')).toBe('No fallback: when the service fails, the page says why.');
    expect(document.activeElement).toBe(byLabel('Add a fallback'));
    await save();
    expect(api.save.mock.calls[0]![0].fallbacks).toEqual([]);
  });

  it('lists the backends in the order they are tried, each marked, the others folded', async () => {
    const boxes = () => [...container.querySelectorAll<HTMLElement>('section.backend')];
    const isOpen = (box: HTMLElement) => box.querySelector('button.disclosure')!.getAttribute('aria-expanded') === 'true';
    expect(boxes().map((box) => [box.dataset.backend, text('.role', box), isOpen(box)])).toEqual([
      ['google', 'First choice', true],
      ['microsoft', 'Fallback 1', true],
      ['deepl', 'Fallback 2', true],
      ['libretranslate', null, false],
      ['openai', null, false],
      ['chrome', null, false],
    ]);
    expect(backendBox('openai').querySelector<HTMLElement>('.body')!.hidden).toBe(true);

    await choose(byLabel<HTMLSelectElement>('Translate with'), 'openai');
    expect(boxes().map((box) => box.dataset.backend)).toEqual(['openai', 'microsoft', 'deepl', 'google', 'libretranslate', 'chrome']);
    expect(isOpen(backendBox('openai'))).toBe(true);
    expect(backendBox('openai').querySelector<HTMLElement>('.body')!.hidden).toBe(false);
    expect(isOpen(backendBox('google'))).toBe(false);
  });

  it('folds and unfolds a backend from its heading button', async () => {
    const toggle = backendBox('chrome').querySelector<HTMLButtonElement>('button.disclosure')!;
    expect(toggle.getAttribute('aria-controls')).toBe('backend-chrome-body');
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(container.querySelector<HTMLElement>('#backend-chrome-body')!.hidden).toBe(false);
    await click(toggle);
    expect(container.querySelector<HTMLElement>('#backend-chrome-body')!.hidden).toBe(true);
  });
});

describe('OptionsPage: cache', () => {
  it('shows entries, size and hit rate', () => {
    expect(text('[data-stat="entries"]')).toBe((1234).toLocaleString());
    expect(text('[data-stat="size"]')).toBe('812.3 kB');
    expect(text('[data-stat="hit-rate"]')).toBe('75% (30 of 40)');
  });

  it('clears only after the confirmation, then shows the new statistics', async () => {
    await click(button('Clear cache…'));
    expect(api.clearCache).not.toHaveBeenCalled();
    expect(text('#cache-confirm-text')).toBe(
      `Remove all ${(1234).toLocaleString()} cached translations? Notes are translated again when you next read them.`,
    );
    expect(document.activeElement).toBe(button('Clear cache'));

    await click(button('Cancel'));
    expect(container.querySelector('#cache-confirm-text')).toBeNull();
    expect(document.activeElement).toBe(button('Clear cache…'));
    expect(api.clearCache).not.toHaveBeenCalled();

    api.cacheStats.mockResolvedValue({ entries: 0, bytes: 0, lookups: 0, hits: 0 });
    await click(button('Clear cache…'));
    await click(button('Clear cache'));
    expect(api.clearCache).toHaveBeenCalledTimes(1);
    expect(text('.card .status[role="status"]')).toBe('Cache cleared.');
    expect(text('[data-stat="entries"]')).toBe('0');
    expect(text('[data-stat="hit-rate"]')).toBe('No lookups yet');
  });
});

describe('OptionsPage: text on images', () => {
  it('shows how text recognition is doing, after the cache', () => {
    expect(api.ocrStatus).toHaveBeenCalledTimes(1);
    const headings = [...container.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings.indexOf('Text on images')).toBe(headings.indexOf('Translation cache') + 1);
    expect(text('[data-stat="state"]')).toBe('Not loaded — loads on the first image');
    expect(text('[data-stat="packaged"]')).toBe('30.8 MB');
  });
});

describe('OptionsPage: export and import', () => {
  it('exports the form’s settings without API keys unless the box is ticked', async () => {
    await type(byLabel('API key', backendBox('libretranslate')), 'libre-key');
    await click(button('Export settings'));
    expect(api.download).toHaveBeenCalledTimes(1);
    const [name, plain] = api.download.mock.calls[0]!;
    expect(name).toBe(EXPORT_FILE_NAME);
    expect(plain).not.toMatch(/apiKey|libre-key|deepl-key/);
    expect(JSON.parse(plain).fallbacks).toEqual(['microsoft', 'deepl']);
    expect(text('.transfer-status')).toBe('Exported redbridge-settings.json, without API keys.');

    await choose(byLabel('Include API keys'));
    await click(button('Export settings'));
    const withKeys = JSON.parse(api.download.mock.calls[1]![1]) as Settings;
    expect(withKeys.backends.libretranslate.apiKey).toBe('libre-key');
    expect(withKeys.backends.deepl.apiKey).toBe('deepl-key:fx');
  });

  it('does not export an invalid form', async () => {
    await type(byLabel('Model'), ' ');
    await click(button('Export settings'));
    expect(api.download).not.toHaveBeenCalled();
    expect(byLabel('Model').getAttribute('aria-invalid')).toBe('true');
    expect(text('#transfer-heading ~ [role="alert"]')).toBe('Fix the highlighted fields first: the export holds what the form shows.');
  });

  async function importFile(name: string, content: string): Promise<void> {
    const input = byLabel('Import settings from a file');
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([content], name, { type: 'application/json' })] });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
  }

  it('imports a file into the form, keeping keys the file lacks, and reports invalid values', async () => {
    await importFile(
      'backup.json',
      JSON.stringify({ backend: 'deepl', hoverDelayMs: 99999, backends: { deepl: { apiUrl: 'https://api.deepl.com' } } }),
    );
    expect(byLabel<HTMLSelectElement>('Translate with').value).toBe('deepl');
    expect(byLabel('API URL', backendBox('deepl')).value).toBe('https://api.deepl.com');
    expect(byLabel('API key', backendBox('deepl')).value).toBe('deepl-key:fx');
    expect(byLabel('Hover delay (ms)').value).toBe('400');
    expect(text('.transfer-status')).toBe('Read 2 settings from backup.json. Check them, then press Save to keep them.');
    expect(text('.warnings[role="alert"] li')).toBe('hoverDelayMs: 99999');
    expect(text('.save-status')).toBe('Unsaved changes');
    expect(api.save).not.toHaveBeenCalled();

    await save();
    expect(api.save.mock.calls[0]![0]).toMatchObject({
      backend: 'deepl',
      hoverDelayMs: 400,
      backends: { deepl: { apiKey: 'deepl-key:fx', apiUrl: 'https://api.deepl.com' } },
    });
  });

  it('refuses a file that is not JSON settings', async () => {
    await importFile('notes.txt', 'hello');
    expect(text('#transfer-heading ~ [role="alert"]')).toBe('notes.txt is not a JSON file.');
    await importFile('list.json', '[1, 2]');
    expect(text('#transfer-heading ~ [role="alert"]')).toBe('list.json does not hold RedBridge settings (a JSON object).');
    expect(byLabel<HTMLSelectElement>('Translate with').value).toBe('google');
  });
});
