import type { ImageBlock } from '../ocr/image-reading';
import type { ImageReadErrorInfo } from '../ocr/read-error';
import type { TranslateOutcome } from '../messaging/wire';
import { fitFontSize } from './fit-text';
import { t } from './i18n';

/** Where reading one image stands. */
export type ImageOverlayState =
  /** `button` mode, before the reader asks. */
  | { status: 'idle' }
  | { status: 'reading' }
  /** Read; its blocks' translations are on the way (null) or here. */
  | { status: 'read'; width: number; height: number; blocks: ImageBlock[]; translations: (TranslateOutcome | null)[] }
  /** Read, and nothing to translate: no Chinese, or Japanese the model cannot read. */
  | { status: 'no-text'; language: 'none' | 'japanese' }
  | { status: 'failed'; error: ImageReadErrorInfo };

export interface ImageOverlayProps {
  state: ImageOverlayState;
  /** False while the reader looks at the original image. */
  showTranslation: boolean;
  /** The EN button: reads the image (idle, failed) or toggles between English and the original. */
  onButton: () => void;
  /** Translates again the blocks that failed. */
  onRetryBlocks: () => void;
  /** The picture's shown width in CSS pixels (set by the host, src/ui/image-host.ts); 0 before layout. */
  pictureWidth?: number;
}

/** Stops a click from reaching the page: the carousel would take it as a tap on the image. */
function own(handler: () => void) {
  return (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    handler();
  };
}

const percent = (value: number, of: number) => `${(100 * value) / of}%`;

/**
 * One block's English over the block: placed in percent of the image read, its text sized from
 * its length to fill the block as shown (`scale`: shown pixels per pixel of the image read).
 */
function BlockPanel({
  block,
  width,
  height,
  scale,
  outcome,
}: {
  block: ImageBlock;
  width: number;
  height: number;
  scale: number;
  outcome: TranslateOutcome | null;
}) {
  if (!outcome?.ok) return null;
  const fontSize = fitFontSize(outcome.translation, block.bounds.width * scale, block.bounds.height * scale);
  return (
    <div
      class="block"
      data-block=""
      lang="en"
      style={{
        left: percent(block.bounds.x, width),
        top: percent(block.bounds.y, height),
        width: percent(block.bounds.width, width),
        minHeight: percent(block.bounds.height, height),
        fontSize: `${fontSize}px`,
      }}
    >
      {outcome.translation}
    </div>
  );
}

/**
 * Keeps clicks on the overlay's text from the page: on a feed cover the enclosing link would
 * open the note, in a carousel the page would take a tap on the image. A `<summary>` keeps its
 * own default, opening and closing its list.
 */
function keepFromPage(event: Event): void {
  event.stopPropagation();
  if (!(event.target instanceof Element && event.target.closest('summary'))) event.preventDefault();
}

function TextList({ blocks, translations }: { blocks: ImageBlock[]; translations: (TranslateOutcome | null)[] }) {
  return (
    <details class="list" data-text-list="" onClick={keepFromPage}>
      <summary>{t('image_textList', String(blocks.length))}</summary>
      <ol>
        {blocks.map((block, i) => {
          const outcome = translations[i];
          return (
            <li key={i}>
              <span class="zh" lang="zh">
                {block.text}
              </span>
              <span class="en" lang="en">
                {outcome == null ? t('overlay_translating') : outcome.ok ? outcome.translation : t('overlay_error', outcome.error.message)}
              </span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}

function buttonLabel(state: ImageOverlayState, showTranslation: boolean): string {
  switch (state.status) {
    case 'idle':
      return t('image_read');
    case 'reading':
      return t('image_reading');
    case 'failed':
      return t('image_retry');
    case 'no-text':
      return state.language === 'japanese' ? t('image_japanese') : t('image_noText');
    case 'read':
      return showTranslation ? t('image_showOriginal') : t('image_showEnglish');
  }
}

/**
 * RedBridge over one note image: the EN button, the English drawn over each block of Chinese,
 * and "Text on this image" with every block's Chinese and English as text. Reading shows
 * progress; a failure says why, with Retry.
 */
export function ImageOverlay({ state, showTranslation, onButton, onRetryBlocks, pictureWidth = 0 }: ImageOverlayProps) {
  const read = state.status === 'read' ? state : null;
  const failedBlocks = read ? read.translations.filter((outcome) => outcome && !outcome.ok).length : 0;
  return (
    <div class="rb-image" data-state={state.status} data-showing={showTranslation ? 'english' : 'original'}>
      {read && showTranslation && (
        <div class="blocks" aria-hidden="true">
          {read.blocks.map((block, i) => (
            <BlockPanel
              key={i}
              block={block}
              width={read.width}
              height={read.height}
              scale={pictureWidth > 0 ? pictureWidth / read.width : 1}
              outcome={read.translations[i] ?? null}
            />
          ))}
        </div>
      )}
      <button
        type="button"
        class="en-button"
        data-en-button=""
        aria-pressed={read ? showTranslation : undefined}
        aria-busy={state.status === 'reading'}
        disabled={state.status === 'reading' || state.status === 'no-text'}
        title={buttonLabel(state, showTranslation)}
        aria-label={buttonLabel(state, showTranslation)}
        onClick={own(onButton)}
      >
        {state.status === 'reading' ? <span class="spinner" aria-hidden="true" /> : null}
        EN
      </button>
      {state.status === 'reading' && (
        <div class="status" role="status" onClick={keepFromPage}>
          {t('image_reading')}
        </div>
      )}
      {state.status === 'failed' && (
        <div class="status error" role="alert" onClick={keepFromPage}>
          <span dir="auto">{state.error.message}</span>{' '}
          <button type="button" class="retry" onClick={own(onButton)}>
            {t('overlay_retry')}
          </button>
        </div>
      )}
      {failedBlocks > 0 && (
        <div class="status error" role="alert" onClick={keepFromPage}>
          <span>{t('image_blocksFailed', String(failedBlocks))}</span>{' '}
          <button type="button" class="retry" onClick={own(onRetryBlocks)}>
            {t('overlay_retry')}
          </button>
        </div>
      )}
      {read && read.blocks.length > 0 && <TextList blocks={read.blocks} translations={read.translations} />}
    </div>
  );
}
