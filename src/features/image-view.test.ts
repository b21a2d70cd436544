// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground, type PendingBackground } from '../../tests/unit/pending-background';
import type { MarkedText } from '../messaging/protocol';
import type { createTranslateClient } from '../messaging/translate-client';
import type { ImageBlock, ImageLanguage } from '../ocr/image-reading';
import type { SiteImage } from '../sites/types';
import type { TranslateOutcome } from '../messaging/wire';
import { createImageView, type ImageView } from './image-view';
import { createTabStats } from './tab-stats';

/* ---------------------------------------------------------------------------------------------
 * The background, faked (tests/unit/pending-background.ts): each message waits until the test
 * answers it.
 * ------------------------------------------------------------------------------------------- */

let background: PendingBackground;

/** A translate client whose answers the test holds; `translate` records each call. */
function heldClient() {
  const waiting: { text: string; retry: boolean; resolve: (outcome: TranslateOutcome) => void }[] = [];
  const translate = vi.fn(
    (unit: MarkedText, retry = false) =>
      new Promise<TranslateOutcome>((resolve) => {
        waiting.push({ text: unit.text, retry, resolve });
      }),
  );
  return {
    client: { translate } as unknown as ReturnType<typeof createTranslateClient>,
    translate,
    /** Answers the oldest waiting call for `text`. */
    answer(text: string, outcome: TranslateOutcome): void {
      const index = waiting.findIndex((call) => call.text === text);
      if (index < 0) throw new Error(`no translation of ${text} is waiting`);
      waiting.splice(index, 1)[0]!.resolve(outcome);
    },
  };
}

const ok = (translation: string): TranslateOutcome => ({ ok: true, translation, backend: 'google', fromCache: false });
const rateLimited: TranslateOutcome = { ok: false, error: { code: 'rate-limited', message: 'Google Translate is rate-limiting requests (HTTP 429)' } };

const BLOCKS: ImageBlock[] = [
  { text: '大理三天两夜', bounds: { x: 100, y: 100, width: 600, height: 80 } },
  { text: '人均1500玩到爽', bounds: { x: 100, y: 700, width: 500, height: 60 } },
];

const readingAnswer = (language: ImageLanguage, blocks: ImageBlock[] = []) => ({
  ok: true,
  reading: { width: 1000, height: 1000, language, blocks },
});
const errorAnswer = (code: string, message: string) => ({ ok: false, error: { code, message } });

const FETCH_MESSAGE = 'RedNote’s server refused the image (HTTP 403).';
const BAD_ANSWER = 'RedBridge’s background sent an answer about this image that RedBridge cannot read.';

/** Lets every promise callback queued so far run. */
const answersArrive = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/* ---------------------------------------------------------------------------------------------
 * The page: one note image.
 * ------------------------------------------------------------------------------------------- */

const URL_1 = 'https://sns-webpic-qc.xhscdn.com/202511100211/5b0e3d0c/1040g2sg31mb9l5c1k4705o4kqv0g8j9k2m3n4p5!nd_dft_wlteh_webp_3';
const KEY_1 = 'xhs-image:1040g2sg31mb9l5c1k4705o4kqv0g8j9k2m3n4p5';

function addImage(url = URL_1, key = KEY_1): SiteImage {
  const box = document.body.appendChild(document.createElement('div'));
  const element = box.appendChild(document.createElement('img'));
  element.src = url;
  return { element, url, key };
}

const hostOf = (view: ImageView) => view.image.element.nextElementSibling as HTMLElement;
const shadowOf = (view: ImageView) => hostOf(view).shadowRoot!;
const enButton = (view: ImageView) => shadowOf(view).querySelector<HTMLButtonElement>('[data-en-button]')!;
const retryButtons = (view: ImageView) => [...shadowOf(view).querySelectorAll<HTMLButtonElement>('[role="alert"] button.retry')];
const panelTexts = (view: ImageView) => [...shadowOf(view).querySelectorAll('[data-block]')].map((panel) => panel.textContent);
const listEnglish = (view: ImageView) => [...shadowOf(view).querySelectorAll('[data-text-list] li .en')].map((item) => item.textContent);

let views: ImageView[] = [];
let held: ReturnType<typeof heldClient>;
let stats: ReturnType<typeof createTabStats>;

function view(image: SiteImage = addImage(), capturable = () => false): ImageView {
  const created = createImageView(image, { client: held.client, stats, capturable });
  views.push(created);
  return created;
}

beforeEach(() => {
  document.body.innerHTML = '';
  background = fakeBackground();
  held = heldClient();
  stats = createTabStats();
  views = [];
});

afterEach(() => {
  for (const created of views) created.destroy();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('createImageView', () => {
  it('reads the image, then translates each block as one unit, showing each stage in turn', async () => {
    const image = view();
    expect(image.state).toEqual({ status: 'idle' });
    expect(hostOf(image).getAttribute('data-state')).toBe('idle');
    expect(background.sent).toEqual([]);

    const reading = image.read();
    expect(image.state).toEqual({ status: 'reading' });
    expect(hostOf(image).getAttribute('data-state')).toBe('reading');
    expect(background.sent.map((message) => message.request)).toEqual([{ type: 'read-image', url: URL_1, key: KEY_1 }]);

    background.last().answer(readingAnswer('chinese', BLOCKS));
    await answersArrive();
    expect(image.state).toEqual({ status: 'read', width: 1000, height: 1000, blocks: BLOCKS, translations: [null, null] });
    expect(hostOf(image).getAttribute('data-state')).toBe('read');
    expect(listEnglish(image)).toEqual(['Translating…', 'Translating…']);
    expect(held.translate.mock.calls).toEqual([
      [{ text: '大理三天两夜', mentions: [] }, false],
      [{ text: '人均1500玩到爽', mentions: [] }, false],
    ]);

    held.answer('大理三天两夜', ok('Dali: three days, two nights'));
    held.answer('人均1500玩到爽', ok('1,500 yuan each, and loved it'));
    await reading;
    expect(image.state).toEqual({
      status: 'read',
      width: 1000,
      height: 1000,
      blocks: BLOCKS,
      translations: [ok('Dali: three days, two nights'), ok('1,500 yuan each, and loved it')],
    });
    expect(panelTexts(image)).toEqual(['Dali: three days, two nights', '1,500 yuan each, and loved it']);
    expect(listEnglish(image)).toEqual(['Dali: three days, two nights', '1,500 yuan each, and loved it']);
    expect(stats.counts.imagesRead).toBe(1);
  });

  it('reads an image once: read() after the first does nothing, and EN toggles English and the original', async () => {
    const image = view();
    const reading = image.read();
    background.last().answer(readingAnswer('chinese', BLOCKS.slice(0, 1)));
    await answersArrive();
    held.answer('大理三天两夜', ok('Dali'));
    await reading;

    await image.read();
    enButton(image).click();
    expect(background.requestsOf('read-image')).toHaveLength(1);
    expect(held.translate).toHaveBeenCalledTimes(1);

    // That click showed the original picture.
    expect(shadowOf(image).querySelector('[data-showing]')!.getAttribute('data-showing')).toBe('original');
    expect(panelTexts(image)).toEqual([]);
    expect(enButton(image).getAttribute('aria-pressed')).toBe('false');
    enButton(image).click();
    expect(panelTexts(image)).toEqual(['Dali']);
    expect(enButton(image).getAttribute('aria-pressed')).toBe('true');
  });

  it('fails with the background’s message when the image cannot be downloaded and no screenshot may stand in', async () => {
    const element = addImage();
    // Wholly in view, but not the slide shown: no screenshot.
    vi.spyOn(element.element, 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 20, 300, 400));
    const capturable = vi.fn(() => false);
    const image = view(element, capturable);
    const reading = image.read();
    background.last().answer(errorAnswer('fetch', FETCH_MESSAGE));
    await reading;

    expect(background.sent).toHaveLength(1);
    expect(image.state).toEqual({ status: 'failed', error: { code: 'fetch', message: FETCH_MESSAGE } });
    expect(shadowOf(image).querySelector('[role="alert"]')!.textContent).toContain(FETCH_MESSAGE);
    expect(hostOf(image).style.visibility).toBe('');
    expect(held.translate).not.toHaveBeenCalled();
    expect(stats.counts.imagesRead).toBe(0);
  });

  it('takes no screenshot of a picture that is not wholly in view, even where capture is allowed', async () => {
    const element = addImage();
    // Its foot is below the 768 px viewport.
    vi.spyOn(element.element, 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 500, 300, 400));
    const image = view(element, () => true);
    const reading = image.read();
    background.last().answer(errorAnswer('fetch', FETCH_MESSAGE));
    await reading;
    expect(background.requestsOf('capture-image')).toEqual([]);
    expect(image.state).toEqual({ status: 'failed', error: { code: 'fetch', message: FETCH_MESSAGE } });
  });

  it('reads a screenshot of the picture, with the overlay hidden for it, when the download fails and capture is allowed', async () => {
    const element = addImage();
    vi.spyOn(element.element, 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 20, 300, 400));
    const image = view(element, () => true);
    const reading = image.read();
    background.last().answer(errorAnswer('fetch', FETCH_MESSAGE));
    await vi.waitFor(() => expect(background.requestsOf('capture-image')).toHaveLength(1));

    expect(background.last().request).toEqual({ type: 'capture-image', key: KEY_1, rect: { x: 10, y: 20, width: 300, height: 400 }, pixelRatio: devicePixelRatio });
    expect(hostOf(image).style.visibility).toBe('hidden');
    background.last().answer(readingAnswer('none'));
    await reading;
    expect(hostOf(image).style.visibility).toBe('');
    expect(image.state).toEqual({ status: 'no-text', language: 'none' });
  });

  it('keeps the download’s error when the screenshot cannot be read either', async () => {
    const element = addImage();
    vi.spyOn(element.element, 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 20, 300, 400));
    const image = view(element, () => true);
    const reading = image.read();
    background.last().answer(errorAnswer('fetch', FETCH_MESSAGE));
    await vi.waitFor(() => expect(background.requestsOf('capture-image')).toHaveLength(1));
    background.last().answer(errorAnswer('read', 'The screenshot could not be read.'));
    await reading;
    expect(image.state).toEqual({ status: 'failed', error: { code: 'fetch', message: FETCH_MESSAGE } });
    expect(hostOf(image).style.visibility).toBe('');
  });

  it('reads the image again on Retry after a failure', async () => {
    const image = view();
    const first = image.read();
    background.last().answer(errorAnswer('timeout', 'Reading this image took too long.'));
    await first;
    expect(image.state.status).toBe('failed');

    const retry = retryButtons(image);
    expect(retry).toHaveLength(1);
    retry[0]!.click();
    expect(image.state).toEqual({ status: 'reading' });
    expect(background.requestsOf('read-image')).toEqual([
      { type: 'read-image', url: URL_1, key: KEY_1 },
      { type: 'read-image', url: URL_1, key: KEY_1 },
    ]);
    background.last().answer(readingAnswer('chinese', BLOCKS.slice(1)));
    await answersArrive();
    expect(image.state.status).toBe('read');
    expect(held.translate).toHaveBeenCalledWith({ text: '人均1500玩到爽', mentions: [] }, false);
  });

  it('reads again from the EN button after a failure, too', async () => {
    const image = view();
    const first = image.read();
    background.last().answer(errorAnswer('engine', 'The text-reading models did not load.'));
    await first;
    enButton(image).click();
    expect(background.requestsOf('read-image')).toHaveLength(2);
    expect(image.state).toEqual({ status: 'reading' });
  });

  it.each(['none', 'japanese'] as const)('shows that there is nothing to translate for a reading in %s, asking for no translation', async (language) => {
    const image = view();
    const reading = image.read();
    background.last().answer(readingAnswer(language));
    await reading;
    expect(image.state).toEqual({ status: 'no-text', language });
    expect(hostOf(image).getAttribute('data-state')).toBe('no-text');
    expect(enButton(image).disabled).toBe(true);
    expect(held.translate).not.toHaveBeenCalled();
    // It was read, all the same.
    expect(stats.counts.imagesRead).toBe(1);
  });

  it.each([
    ['a string', 'done'],
    ['a reading without blocks', { ok: true, reading: { width: 1000, height: 1000, language: 'chinese' } }],
    ['a reading with a block outside the image', readingAnswer('chinese', [{ text: '你好', bounds: { x: 2000, y: 0, width: 10, height: 10 } }])],
    ['a reading of a huge image', { ok: true, reading: { width: 100000, height: 1000, language: 'none', blocks: [] } }],
    ['an error with an unknown code', errorAnswer('exploded', 'Boom')],
    ['an error without a message', { ok: false, error: { code: 'fetch' } }],
  ])('fails with a clear message for a malformed answer (%s), and translates nothing', async (_name, answer) => {
    const image = view();
    const reading = image.read();
    background.last().answer(answer);
    await reading;
    expect(image.state).toEqual({ status: 'failed', error: { code: 'read', message: BAD_ANSWER } });
    expect(shadowOf(image).querySelector('[role="alert"]')!.textContent).toContain(BAD_ANSWER);
    // A malformed `fetch` error is no reason for a screenshot.
    expect(background.requestsOf('capture-image')).toEqual([]);
    expect(held.translate).not.toHaveBeenCalled();
    expect(stats.counts.imagesRead).toBe(0);
  });

  it('fails with “not responding” when the background answers nothing', async () => {
    const image = view();
    const reading = image.read();
    background.last().answer(undefined);
    await reading;
    expect(image.state).toEqual({
      status: 'failed',
      error: { code: 'unavailable', message: "RedBridge is not responding (RedBridge's background did not answer (read-image)). Reload the page to retry." },
    });
    expect(held.translate).not.toHaveBeenCalled();
  });

  it('fails with “not responding” when the message to the background fails', async () => {
    const image = view();
    const reading = image.read();
    background.last().fail(new Error('Could not establish connection. Receiving end does not exist.'));
    await reading;
    expect(image.state).toEqual({
      status: 'failed',
      error: {
        code: 'unavailable',
        message: 'RedBridge is not responding (Could not establish connection. Receiving end does not exist.). Reload the page to retry.',
      },
    });
  });

  it('translates again only the blocks that failed, asking with retry', async () => {
    const image = view();
    const reading = image.read();
    background.last().answer(readingAnswer('chinese', BLOCKS));
    await answersArrive();
    held.answer('大理三天两夜', ok('Dali: three days, two nights'));
    held.answer('人均1500玩到爽', rateLimited);
    await reading;
    expect(panelTexts(image)).toEqual(['Dali: three days, two nights']);
    expect(retryButtons(image)).toHaveLength(1);
    held.translate.mockClear();

    retryButtons(image)[0]!.click();
    expect(held.translate.mock.calls).toEqual([[{ text: '人均1500玩到爽', mentions: [] }, true]]);
    // The failed block is on its way again; the other keeps its English.
    expect(image.state.status === 'read' && image.state.translations).toEqual([ok('Dali: three days, two nights'), null]);
    expect(retryButtons(image)).toEqual([]);

    held.answer('人均1500玩到爽', ok('1,500 yuan each'));
    await answersArrive();
    expect(image.state.status === 'read' && image.state.translations).toEqual([ok('Dali: three days, two nights'), ok('1,500 yuan each')]);
    expect(panelTexts(image)).toEqual(['Dali: three days, two nights', '1,500 yuan each']);
    expect(background.requestsOf('read-image')).toHaveLength(1);
    expect(stats.counts.imagesRead).toBe(1);
  });

  it('counts each image once in the tab’s stats, however many overlays read it', async () => {
    const first = view(addImage());
    const same = view(addImage(URL_1.replace('!nd_dft_wlteh_webp_3', '!nc_n_webp_mw_1'), KEY_1));
    const other = view(addImage('https://sns-webpic-qc.xhscdn.com/x/1040g2sg31mb9l5c1k4805o4kqv0g8j9k2m3n4p6', 'xhs-image:1040g2sg31mb9l5c1k4805o4kqv0g8j9k2m3n4p6'));
    const readings = [first.read(), same.read(), other.read()];
    for (const message of [...background.sent]) message.answer(readingAnswer('none'));
    await Promise.all(readings);
    expect(stats.counts.imagesRead).toBe(2);
  });

  it('drops the answer for an overlay destroyed while its image was read', async () => {
    const image = view();
    const host = hostOf(image);
    const reading = image.read();
    image.destroy();
    expect(host.isConnected).toBe(false);

    background.last().answer(readingAnswer('chinese', BLOCKS));
    await reading;
    await answersArrive();
    expect(image.state).toEqual({ status: 'reading' });
    expect(held.translate).not.toHaveBeenCalled();
    expect(stats.counts.imagesRead).toBe(0);
    expect(image.image.element.nextElementSibling).toBeNull();
  });

  it('drops translations that arrive after the overlay was destroyed', async () => {
    const image = view();
    const host = hostOf(image);
    const reading = image.read();
    background.last().answer(readingAnswer('chinese', BLOCKS.slice(0, 1)));
    await answersArrive();
    image.destroy();
    held.answer('大理三天两夜', ok('Dali'));
    await reading;
    expect(image.state.status === 'read' && image.state.translations).toEqual([null]);
    expect(host.shadowRoot!.querySelector('[data-block]')).toBeNull();
    expect(host.isConnected).toBe(false);
  });

  it('hides the overlay and shows it again', () => {
    const image = view();
    image.setHidden(true);
    expect(hostOf(image).style.visibility).toBe('hidden');
    image.setHidden(false);
    expect(hostOf(image).style.visibility).toBe('');
  });
});
