import { useRef, useState } from 'preact/hooks';
import type { SubtitleLanguage } from '../settings/schema';
import type { CueLines, EnglishLine } from '../video/cue-lines';
import { t } from './i18n';

/** What the captions show: a subtitle language, or nothing (`off`, for this video only). */
export type CaptionMode = SubtitleLanguage | 'off';
const MODES: readonly CaptionMode[] = ['english', 'chinese', 'both', 'off'];
/** How far the arrow keys move the captions, in parts of the picture. */
const KEY_STEP = 0.05;

export interface CaptionPlace {
  /** The captions' offset from their usual place (bottom centre), in parts of the picture's width and height. */
  x: number;
  y: number;
}

export interface VideoCaptionsProps {
  /** The cue showing; null between cues. */
  lines: CueLines | null;
  mode: CaptionMode;
  onMode(mode: CaptionMode): void;
  /** The reader's text size, 1 as RedBridge sizes it to the picture. */
  scale: number;
  onScale(step: 1 | -1): void;
  place: CaptionPlace;
  onPlace(place: CaptionPlace): void;
}

/** Keeps the player from taking our clicks and keys: it would pause or seek. */
const own = (event: Event) => event.stopPropagation();

function englishText(line: EnglishLine): string | null {
  return line.kind === 'text' ? line.text : null;
}

/** The lines a cue shows in `mode`; a Chinese-only moment shows its Chinese, a translation on its way shows the Chinese meanwhile. */
function shownLines(lines: CueLines, mode: CaptionMode): { text: string; lang: 'en' | 'zh' }[] {
  const english = englishText(lines.english);
  const shown: { text: string; lang: 'en' | 'zh' }[] = [];
  if (mode !== 'chinese' && english !== null) shown.push({ text: english, lang: 'en' });
  if ((mode !== 'english' || english === null) && lines.chinese) shown.push({ text: lines.chinese, lang: 'zh' });
  if (shown.length === 0 && english !== null) shown.push({ text: english, lang: 'en' });
  return shown;
}

const modeLabel = (mode: CaptionMode) => t(`video_mode_${mode}`);

/**
 * The captions over a video, like a player's own: the cue showing, in English, Chinese or
 * both, on a dark panel readable over any frame. The panel can be dragged or moved with the
 * arrow keys; the CC button's menu switches the language or turns them off (closing, back on
 * the button) and sizes the text; Escape closes it.
 */
export function VideoCaptions({ lines, mode, onMode, scale, onScale, place, onPlace }: VideoCaptionsProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const ccButton = useRef<HTMLButtonElement>(null);
  const drag = useRef<{ x: number; y: number; from: CaptionPlace; width: number; height: number } | null>(null);
  const shown = lines && mode !== 'off' ? shownLines(lines, mode) : [];

  const onPointerDown = (event: PointerEvent) => {
    own(event);
    const picture = (event.currentTarget as HTMLElement).parentElement!.getBoundingClientRect();
    drag.current = { x: event.clientX, y: event.clientY, from: place, width: picture.width || 1, height: picture.height || 1 };
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    const start = drag.current;
    if (!start) return;
    onPlace({ x: start.from.x + (event.clientX - start.x) / start.width, y: start.from.y + (event.clientY - start.y) / start.height });
  };
  const onPointerUp = (event: PointerEvent) => {
    own(event);
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = { ArrowUp: [0, -KEY_STEP], ArrowDown: [0, KEY_STEP], ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0] }[event.key];
    if (!step) return;
    event.preventDefault();
    own(event);
    onPlace({ x: place.x + step[0]!, y: place.y + step[1]! });
  };
  // Our keys stay ours (the player takes Space and Enter too); any other key, Escape with the
  // menu closed included, goes on to the page, which may close the note with it.
  const onMenuKey = (event: KeyboardEvent) => {
    if (event.key === ' ' || event.key === 'Enter') own(event);
    if (event.key !== 'Escape' || !menuOpen) return;
    own(event);
    setMenuOpen(false);
    ccButton.current?.focus();
  };

  return (
    <div class="rb-captions" data-mode={mode} onClick={own} onDblClick={own}>
      <div class="picture">
        {shown.length > 0 && (
          <div
            class="caption"
            data-caption=""
            tabIndex={0}
            role="group"
            aria-label={t('video_captions_label')}
            aria-live="off"
            style={{ transform: `translate(calc(-50% + ${place.x * 100}cqw), ${place.y * 100}cqh)`, fontSize: `calc(var(--rb-caption-font, 16px) * ${scale})` }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown}
          >
            {shown.map((line) => (
              <span key={line.lang} class={`line ${line.lang}`} lang={line.lang === 'zh' ? 'zh-CN' : 'en'} dir="auto">
                {line.text}
              </span>
            ))}
          </div>
        )}
        <div class="controls" onKeyDown={onMenuKey}>
          <button
            type="button"
            ref={ccButton}
            class="cc"
            data-cc-button=""
            aria-haspopup="true"
            aria-expanded={menuOpen}
            aria-label={t('video_cc_label', modeLabel(mode))}
            title={t('video_cc_label', modeLabel(mode))}
            onClick={(event) => {
              own(event);
              setMenuOpen(!menuOpen);
            }}
          >
            CC
          </button>
          {menuOpen && (
            <div class="menu" role="group" aria-label={t('video_cc_menu')}>
              {MODES.map((choice) => (
                <button
                  key={choice}
                  type="button"
                  class="mode"
                  data-mode={choice}
                  aria-pressed={choice === mode}
                  onClick={(event) => {
                    own(event);
                    setMenuOpen(false);
                    ccButton.current?.focus();
                    onMode(choice);
                  }}
                >
                  {modeLabel(choice)}
                </button>
              ))}
              <span class="sizes">
                <button type="button" class="size" data-size="smaller" aria-label={t('video_size_smaller')} title={t('video_size_smaller')} onClick={(event) => (own(event), onScale(-1))}>
                  A−
                </button>
                <button type="button" class="size" data-size="larger" aria-label={t('video_size_larger')} title={t('video_size_larger')} onClick={(event) => (own(event), onScale(1))}>
                  A+
                </button>
              </span>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
