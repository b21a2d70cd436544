// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabStats } from '../../messaging/content-messages';
import type { DisplayMode, ImageTranslationMode, VideoSubtitleMode } from '../../settings/schema';
import type { ServiceHealth } from '../../messaging/wire';
import { Popup, type PopupProps } from './Popup';
import { settle } from '../../../tests/unit/settle';

/* The popup's words come from the English messages.json, as the browser would give them: a
 * `popup_` message missing from it fails the test instead of showing its name. */
vi.mock('../i18n', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  type Message = { message: string; placeholders?: Record<string, { content: string }> };
  const messages = JSON.parse(
    readFileSync(join(process.cwd(), 'public/_locales/en/messages.json'), 'utf8'),
  ) as Record<string, Message>;
  return {
    t(key: string, substitutions?: string | string[]): string {
      const entry = messages[key];
      if (!entry) throw new Error(`no English message "${key}"`);
      const values = substitutions === undefined ? [] : [substitutions].flat();
      const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
      return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
        const placeholder = Object.entries(entry.placeholders ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
        return placeholder ? positional(placeholder[1].content) : whole;
      });
    },
  };
});

const STATS: TabStats = { found: 14, translated: 11, fromCache: 3, failed: 2, imagesRead: 0, subtitlesShown: 0, active: true };
const HEALTH: ServiceHealth = {
  backends: [
    { id: 'google', state: 'rate-limited', lastError: 'Google Translate is rate-limiting (HTTP 429)' },
    { id: 'microsoft', state: 'working' },
    { id: 'deepl', state: 'unused' },
  ],
  cache: { state: 'working' },
};

function fakeProps(overrides: Partial<PopupProps> = {}) {
  return {
    loadSettings: vi.fn<PopupProps['loadSettings']>(async () => ({
      enabled: true,
      display: 'bilingual',
      imageTranslation: 'auto',
      videoSubtitles: 'auto',
    })),
    saveEnabled: vi.fn<PopupProps['saveEnabled']>(async () => {}),
    saveDisplay: vi.fn<PopupProps['saveDisplay']>(async () => {}),
    saveImageTranslation: vi.fn<PopupProps['saveImageTranslation']>(async () => {}),
    saveVideoSubtitles: vi.fn<PopupProps['saveVideoSubtitles']>(async () => {}),
    health: vi.fn<PopupProps['health']>(async () => HEALTH),
    tabStats: vi.fn<PopupProps['tabStats']>(async () => STATS),
    openOptions: vi.fn<PopupProps['openOptions']>(),
    ...overrides,
  } satisfies PopupProps;
}

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.useRealTimers();
});

async function mount(props: PopupProps): Promise<void> {
  await act(() => render(<Popup {...props} />, container));
  await settle();
}

const radio = (mode: DisplayMode) => container.querySelector<HTMLInputElement>(`input[name="display"][value="${mode}"]`)!;
const imageRadio = (mode: ImageTranslationMode) =>
  container.querySelector<HTMLInputElement>(`input[name="imageTranslation"][value="${mode}"]`)!;
const videoRadio = (mode: VideoSubtitleMode) =>
  container.querySelector<HTMLInputElement>(`input[name="videoSubtitles"][value="${mode}"]`)!;
const onOff = () => container.querySelector<HTMLInputElement>('input[role="switch"]')!;
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? null;
const count = (key: string) => container.querySelector(`[data-stat="${key}"] dd`)?.textContent ?? null;
const statsText = () => container.querySelector('section.stats')!.textContent;

/** The visible text that labels a control (its `<label>` ancestor). */
const labelOf = (input: HTMLInputElement) => input.closest('label')!.textContent!.trim();

async function click(element: HTMLElement): Promise<void> {
  await act(() => element.click());
  await settle();
}

describe('Popup', () => {
  it('shows the stored settings with labelled controls', async () => {
    await mount(
      fakeProps({ loadSettings: async () => ({ enabled: false, display: 'hover', imageTranslation: 'button', videoSubtitles: 'off' }) }),
    );
    expect(onOff().checked).toBe(false);
    expect(labelOf(onOff())).toBe('Translate RedNote');
    expect(radio('hover').checked).toBe(true);
    expect(radio('bilingual').checked).toBe(false);
    expect(Array.from(container.querySelectorAll('fieldset legend'), (legend) => legend.textContent)).toEqual([
      'Display',
      'Text on images',
      'Video subtitles',
    ]);
    expect(['bilingual', 'hover', 'off'].map((mode) => radio(mode as DisplayMode).closest('label')!.querySelector('.mode-name')!.textContent)).toEqual([
      'Bilingual',
      'Hover',
      'Off',
    ]);
    // Each mode's explanation is tied to its radio.
    const help = document.getElementById(radio('off').getAttribute('aria-describedby')!);
    expect(help?.textContent).toBeTruthy();
    expect(imageRadio('button').checked).toBe(true);
    expect(imageRadio('auto').checked).toBe(false);
    expect((['auto', 'button', 'off'] as const).map((mode) => labelOf(imageRadio(mode)))).toEqual([
      'Translate automatically',
      'When I click EN',
      'Off',
    ]);
    expect(videoRadio('off').checked).toBe(true);
    expect(videoRadio('auto').checked).toBe(false);
    expect((['auto', 'off'] as const).map((mode) => labelOf(videoRadio(mode)))).toEqual(['Show in English', 'Off']);
  });

  it('saves when the text on images is translated, and shows it picked', async () => {
    const props = fakeProps();
    await mount(props);
    expect(imageRadio('auto').checked).toBe(true);
    await click(imageRadio('button'));
    expect(props.saveImageTranslation).toHaveBeenCalledWith('button');
    expect(imageRadio('button').checked).toBe(true);
    expect(imageRadio('auto').checked).toBe(false);
    // The display mode is a choice of its own.
    expect(radio('bilingual').checked).toBe(true);
    expect(props.saveDisplay).not.toHaveBeenCalled();
    await click(imageRadio('off'));
    expect(props.saveImageTranslation).toHaveBeenLastCalledWith('off');
    expect(alertText()).toBeNull();
  });

  it('puts the image choice back and says why when it cannot be saved', async () => {
    const props = fakeProps({ saveImageTranslation: vi.fn(async () => Promise.reject(new Error('QUOTA_BYTES exceeded'))) });
    await mount(props);
    await click(imageRadio('off'));
    expect(imageRadio('auto').checked).toBe(true);
    expect(alertText()).toContain('QUOTA_BYTES exceeded');
  });

  it("saves whether videos' subtitles are shown, and shows it picked", async () => {
    const props = fakeProps();
    await mount(props);
    expect(videoRadio('auto').checked).toBe(true);
    await click(videoRadio('off'));
    expect(props.saveVideoSubtitles).toHaveBeenCalledWith('off');
    expect(videoRadio('off').checked).toBe(true);
    expect(videoRadio('auto').checked).toBe(false);
    // A choice of its own: the image one stays as it was.
    expect(imageRadio('auto').checked).toBe(true);
    expect(props.saveImageTranslation).not.toHaveBeenCalled();
    await click(videoRadio('auto'));
    expect(props.saveVideoSubtitles).toHaveBeenLastCalledWith('auto');
    expect(alertText()).toBeNull();
  });

  it('puts the subtitle choice back and says why when it cannot be saved', async () => {
    const props = fakeProps({ saveVideoSubtitles: vi.fn(async () => Promise.reject(new Error('QUOTA_BYTES exceeded'))) });
    await mount(props);
    await click(videoRadio('off'));
    expect(videoRadio('auto').checked).toBe(true);
    expect(alertText()).toContain('QUOTA_BYTES exceeded');
  });

  it('saves the display mode the user picks, and shows it picked', async () => {
    const props = fakeProps();
    await mount(props);
    await click(radio('off'));
    expect(props.saveDisplay).toHaveBeenCalledWith('off');
    expect(radio('off').checked).toBe(true);
    expect(radio('bilingual').checked).toBe(false);
    await click(radio('hover'));
    expect(props.saveDisplay).toHaveBeenLastCalledWith('hover');
    expect(props.saveDisplay).toHaveBeenCalledTimes(2);
    expect(alertText()).toBeNull();
  });

  it('puts the mode back and says why when it cannot be saved', async () => {
    const props = fakeProps({ saveDisplay: vi.fn(async () => Promise.reject(new Error('QUOTA_BYTES exceeded'))) });
    await mount(props);
    await click(radio('off'));
    expect(props.saveDisplay).toHaveBeenCalledWith('off');
    expect(radio('bilingual').checked).toBe(true);
    expect(alertText()).toContain('QUOTA_BYTES exceeded');
  });

  it('turns RedBridge off and on with the switch', async () => {
    const props = fakeProps();
    await mount(props);
    expect(onOff().checked).toBe(true);
    await click(onOff());
    expect(props.saveEnabled).toHaveBeenCalledWith(false);
    expect(onOff().checked).toBe(false);
    await click(onOff());
    expect(props.saveEnabled).toHaveBeenLastCalledWith(true);
  });

  it('shows each backend with its health and the last error, fallbacks marked', async () => {
    await mount(fakeProps());
    const rows = Array.from(container.querySelectorAll('li.backend'), (row) => ({
      name: row.querySelector('.backend-name')!.textContent,
      fallback: !!row.querySelector('.role'),
      health: row.querySelector('.health')!.textContent,
      error: row.querySelector('.backend-error')?.textContent ?? null,
    }));
    expect(rows).toEqual([
      { name: 'Google Translate', fallback: false, health: 'Rate-limited', error: 'Google Translate is rate-limiting (HTTP 429)' },
      { name: 'Microsoft Translator', fallback: true, health: 'Working', error: null },
      { name: 'DeepL', fallback: true, health: 'Not used yet', error: null },
    ]);
  });

  it('says how long a paused backend rests', async () => {
    await mount(
      fakeProps({
        health: async () => ({
          backends: [{ id: 'google', state: 'paused', lastError: 'HTTP 503', pausedForMs: 90_000 }],
          cache: { state: 'working' },
        }),
      }),
    );
    expect(container.querySelector('.health')!.textContent).toBe('Paused for 2 min');
    expect(container.querySelector('.backend-error')!.textContent).toBe('HTTP 503');
  });

  it('says nothing about the cache while it works', async () => {
    await mount(fakeProps());
    expect(container.querySelector('.cache-failing')).toBeNull();
  });

  it('says once, under the services, when the cache is failing, with its error', async () => {
    await mount(
      fakeProps({
        health: async () => ({ ...HEALTH, cache: { state: 'failing', lastError: 'DatabaseClosedError: Database has been closed' } }),
      }),
    );
    const notices = container.querySelectorAll('.cache-failing');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.textContent).toBe(
      'The translation cache is not working: RedBridge translates without it, and nothing is saved for next time. DatabaseClosedError: Database has been closed',
    );
  });

  it("shows the tab's counts", async () => {
    await mount(fakeProps());
    expect([count('found'), count('translated'), count('fromCache'), count('failed')]).toEqual(['14', '11', '3', '2']);
    expect(statsText()).toContain('Found');
    expect(statsText()).toContain('From cache');
  });

  it('says how many images were read, only once there are some', async () => {
    await mount(fakeProps());
    expect(count('imagesRead')).toBeNull();
    expect(statsText()).not.toContain('Images read');
    await act(() => render(null, container));
    await mount(fakeProps({ tabStats: async () => ({ ...STATS, imagesRead: 3 }) }));
    expect(count('imagesRead')).toBe('3');
    expect(container.querySelector('[data-stat="imagesRead"] dt')!.textContent).toBe('Images read');
  });

  it('says how many videos had subtitles, only once there are some', async () => {
    await mount(fakeProps());
    expect(count('subtitlesShown')).toBeNull();
    expect(statsText()).not.toContain('Videos with subtitles');
    await act(() => render(null, container));
    await mount(fakeProps({ tabStats: async () => ({ ...STATS, subtitlesShown: 2 }) }));
    expect(count('subtitlesShown')).toBe('2');
    expect(container.querySelector('[data-stat="subtitlesShown"] dt')!.textContent).toBe('Videos with subtitles');
    // Images read still wait for an image of their own.
    expect(count('imagesRead')).toBeNull();
  });

  it('asks for a RedNote page when the tab has none', async () => {
    await mount(fakeProps({ tabStats: async () => null }));
    expect(count('found')).toBeNull();
    expect(statsText()).toContain('Open a RedNote page to see counts');
  });

  it('says when RedBridge is off in this tab only', async () => {
    await mount(fakeProps({ tabStats: async () => ({ ...STATS, active: false }) }));
    expect(container.querySelector('.notice')!.textContent).toContain('Alt+T');
  });

  it('says so when the background does not answer', async () => {
    await mount(fakeProps({ health: () => Promise.reject(new Error('no answer')) }));
    expect(container.querySelector('section.backends .error')).not.toBeNull();
  });

  it('reads health and counts again every second while open, and stops when closed', async () => {
    vi.useFakeTimers();
    let translated = 11;
    const props = fakeProps({ tabStats: vi.fn(async () => ({ ...STATS, translated })) });
    await mount(props);
    expect(count('translated')).toBe('11');
    translated = 12;
    await act(() => {
      vi.advanceTimersByTime(1000);
    });
    await settle();
    expect(count('translated')).toBe('12');
    expect(props.health).toHaveBeenCalledTimes(2);
    await act(() => render(null, container));
    await act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(props.tabStats).toHaveBeenCalledTimes(2);
  });

  it('opens the options page from the Settings button', async () => {
    const props = fakeProps();
    await mount(props);
    const settings = Array.from(container.querySelectorAll('button')).find((b) => b.textContent === 'Settings')!;
    expect(settings.type).toBe('button');
    await click(settings);
    expect(props.openOptions).toHaveBeenCalledTimes(1);
  });
});
