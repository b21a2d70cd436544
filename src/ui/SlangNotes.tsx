import type { SlangEntry } from '../text/slang';
import { t } from './i18n';

/**
 * The RedNote slang a machine translation may have taken literally, explained: closed by
 * default so it never crowds the translation, opened with a click or Enter (native
 * `<details>`). Captions over feed covers leave it out: there a click opens the note. Shown
 * under translated subtitles in a video's transcript too.
 */
export function SlangNotes({ slang }: { slang: SlangEntry[] }) {
  return (
    <details class="slang">
      <summary>{t('overlay_slang', slang.map((entry) => entry.term).join(', '))}</summary>
      <dl>
        {slang.map((entry) => (
          <div class="slang-entry">
            <dt lang="zh">{entry.term}</dt>
            <dd>{entry.meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
