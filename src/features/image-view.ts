/**
 * One image's overlay from start to end: reading its text (on-device OCR in the background),
 * translating each Chinese block as one unit, and what the reader sees meanwhile. Shared by the
 * note carousel (image-translation.ts) and feed covers in hover mode (cover-translation.ts).
 */
import { sendToBackground } from '../messaging/send';
import type { createTranslateClient } from '../messaging/translate-client';
import { parseImageReading, type ImageReading } from '../ocr/image-reading';
import type { ImageReadOutcome } from '../ocr/image-reader';
import { parseImageErrorInfo, type ImageReadErrorInfo } from '../ocr/read-error';
import type { SiteImage } from '../sites/types';
import type { TranslateOutcome } from '../messaging/wire';
import { createImageHost, type ImageHost } from '../ui/image-host';
import type { ImageOverlayState } from '../ui/ImageOverlay';
import { t } from '../ui/i18n';
import type { TabStatsCounter } from './tab-stats';
import { messageOf } from '../untyped';

export interface ImageViewDeps {
  client: ReturnType<typeof createTranslateClient>;
  stats?: TabStatsCounter;
  /** Whether the image shows whole on the screen now: only then may a screenshot stand in for a download. */
  capturable: () => boolean;
}

export interface ImageView {
  readonly image: SiteImage;
  readonly state: ImageOverlayState;
  /** Reads the image, unless it is being read or was read. */
  read(): Promise<void>;
  /** Hides the overlay (a feed cover the pointer left), or shows it again. */
  setHidden(hidden: boolean): void;
  destroy(): void;
}

function badAnswer(): ImageReadErrorInfo {
  return { code: 'read', message: t('image_badAnswer') };
}

/** The background's answer, checked: it crosses a message channel. */
function outcomeOf(answer: unknown): { reading: ImageReading } | { error: ImageReadErrorInfo } {
  if (typeof answer !== 'object' || answer === null) return { error: badAnswer() };
  const { ok, reading, error } = answer as Record<string, unknown>;
  if (ok === true) {
    const parsed = parseImageReading(reading);
    return parsed ? { reading: parsed } : { error: badAnswer() };
  }
  return { error: parseImageErrorInfo(error) ?? badAnswer() };
}

/** Whether `rect` lies wholly inside the viewport, so a screenshot holds all of it. */
function wholeInView(rect: DOMRect): boolean {
  return rect.width > 0 && rect.left >= 0 && rect.top >= 0 && rect.right <= innerWidth && rect.bottom <= innerHeight;
}

/** Two frames: the hidden overlay is off the screen before the tab is captured. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

export function createImageView(image: SiteImage, { client, stats, capturable }: ImageViewDeps): ImageView {
  const host: ImageHost = createImageHost(image.element);
  let state: ImageOverlayState = { status: 'idle' };
  let showTranslation = true;
  /** Bumped on each read, so a late answer for an earlier one is dropped. */
  let generation = 0;
  let destroyed = false;

  function render(): void {
    if (destroyed) return;
    host.render({ state, showTranslation, onButton: pressed, onRetryBlocks: () => void translateBlocks(generation, true) });
  }

  function pressed(): void {
    if (state.status === 'idle' || state.status === 'failed') {
      void readNow();
    } else if (state.status === 'read') {
      showTranslation = !showTranslation;
      render();
    }
  }

  async function ask(): Promise<unknown> {
    const answer = await sendToBackground({ type: 'read-image', url: image.url, key: image.key });
    const first = outcomeOf(answer);
    // The CDN refused the background's download: read a screenshot of what the page shows.
    if ('error' in first && first.error.code === 'fetch') {
      const captured = await capture();
      if (captured?.ok) return captured;
    }
    return answer;
  }

  /** Reads the image from a screenshot of the tab, with this overlay hidden for it; null when that cannot be done. */
  async function capture(): Promise<ImageReadOutcome | null> {
    const rect = host.pictureRect();
    if (!wholeInView(rect) || !capturable()) return null;
    host.setHidden(true);
    try {
      await afterPaint();
      const { x, y, width, height } = rect;
      return await sendToBackground({ type: 'capture-image', key: image.key, rect: { x, y, width, height }, pixelRatio: devicePixelRatio });
    } catch {
      return null;
    } finally {
      host.setHidden(false);
    }
  }

  async function readNow(): Promise<void> {
    const reading = ++generation;
    state = { status: 'reading' };
    render();
    let answer: unknown;
    try {
      answer = await ask();
    } catch (error) {
      const detail = messageOf(error);
      answer = { ok: false, error: { code: 'unavailable', message: t('overlay_notResponding', detail) } };
    }
    if (destroyed || reading !== generation) return;
    const outcome = outcomeOf(answer);
    if ('error' in outcome) {
      state = { status: 'failed', error: outcome.error };
      render();
      return;
    }
    stats?.imageRead(image.key);
    const { width, height, language, blocks } = outcome.reading;
    if (language !== 'chinese') {
      state = { status: 'no-text', language };
      render();
      return;
    }
    state = { status: 'read', width, height, blocks, translations: blocks.map(() => null) };
    showTranslation = true;
    render();
    await translateBlocks(reading, false);
  }

  /** Each block one unit; with `retry`, only those that failed, asking the primary backend again. */
  async function translateBlocks(reading: number, retry: boolean): Promise<void> {
    const before = state;
    if (before.status !== 'read') return;
    const translations = before.translations.map((outcome) => (retry && outcome && !outcome.ok ? null : outcome));
    state = { ...before, translations };
    render();
    const answers = await Promise.all(
      before.blocks.map((block, i): Promise<TranslateOutcome | null> =>
        translations[i] === null ? client.translate({ text: block.text, mentions: [] }, retry) : Promise.resolve(translations[i]!),
      ),
    );
    if (destroyed || reading !== generation || state.status !== 'read') return;
    state = { ...state, translations: answers };
    render();
  }

  render();
  return {
    image,
    get state() {
      return state;
    },
    read: () => (state.status === 'idle' ? readNow() : Promise.resolve()),
    setHidden: (hidden) => host.setHidden(hidden),
    destroy() {
      destroyed = true;
      host.destroy();
    },
  };
}
