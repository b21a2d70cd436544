import type { TabStats } from '../messaging/content-messages';
import type { TranslateOutcome } from '../messaging/wire';

/** The units' counts, the images read and the videos subtitled; the tab's `active` flag comes from elsewhere. */
export type TabCounts = Omit<TabStats, 'active'>;

const NO_COUNTS: Readonly<TabCounts> = { found: 0, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0 };

/** What one unit adds to the counts besides `found`: its latest translation's result, if any. */
type Outcome = 'translated' | 'fromCache' | 'failed';

/**
 * What the popup shows for a tab: the Chinese units in the page, and how their translations
 * went. Each unit counts once, by its latest translation (a Retry that succeeds moves it from
 * failed to translated; a re-translation replaces the one before). A unit the page removes no
 * longer counts: a feed that drops cards as the reader scrolls and puts them back later (a
 * virtual list) would otherwise count them again each time they come back. Beside the units,
 * it counts the note images whose text was read and the video notes whose subtitles were shown.
 */
export function createTabStats() {
  const counts: TabCounts = { ...NO_COUNTS };
  /** What each unit adds: whether it was counted as found, and its latest outcome. */
  let units = new WeakMap<object, { found: boolean; outcome: Outcome | null }>();
  const imagesCounted = new Set<string>();
  const videosCounted = new Set<string>();

  function add(outcome: Outcome | null, by: 1 | -1): void {
    if (outcome === 'failed') counts.failed += by;
    if (outcome === 'translated' || outcome === 'fromCache') counts.translated += by;
    if (outcome === 'fromCache') counts.fromCache += by;
  }

  return {
    /** Kept up to date in place: a reader of it always sees the current counts. */
    counts,
    /**
     * Starts counting the units afresh, for a display mode that finds and translates the page
     * anew. Images read and videos subtitled stay counted: image translation and subtitles go on
     * through a display mode change, and do not read the images or load the subtitles again.
     */
    reset(): void {
      Object.assign(counts, { ...NO_COUNTS, imagesRead: counts.imagesRead, subtitlesShown: counts.subtitlesShown });
      units = new WeakMap();
    },
    /** `unit` identifies the unit for as long as it is in the page (across retries and re-renders). */
    unitFound(unit: object): void {
      const entry = units.get(unit);
      if (entry?.found) return;
      units.set(unit, { found: true, outcome: entry?.outcome ?? null });
      counts.found += 1;
    },
    /** `outcomes` are the unit's text's and hashtags'. */
    unitTranslated(unit: object, outcomes: readonly TranslateOutcome[]): void {
      const outcome: Outcome = outcomes.some((o) => !o.ok)
        ? 'failed'
        : outcomes.every((o) => o.ok && o.fromCache)
          ? 'fromCache'
          : 'translated';
      const entry = units.get(unit) ?? { found: false, outcome: null };
      add(entry.outcome, -1);
      units.set(unit, { ...entry, outcome });
      add(outcome, 1);
    },
    /** The page removed the unit: it no longer counts, found or translated. */
    unitGone(unit: object): void {
      const entry = units.get(unit);
      if (!entry) return;
      add(entry.outcome, -1);
      units.delete(unit);
      if (entry.found) counts.found -= 1;
    },
    /**
     * The text on the image `key` was read (by OCR or from the cache). Each image counts once in
     * the tab, however often it is read again (a restarted image translation, a Retry).
     */
    imageRead(key: string): void {
      if (imagesCounted.has(key)) return;
      imagesCounted.add(key);
      counts.imagesRead += 1;
    },
    /**
     * The subtitles of video note `noteId` were shown. Each note counts once in the tab, however
     * often its video is opened again or its subtitles shown again (a setting turned off and on).
     */
    subtitlesShown(noteId: string): void {
      if (videosCounted.has(noteId)) return;
      videosCounted.add(noteId);
      counts.subtitlesShown += 1;
    },
  };
}

export type TabStatsCounter = ReturnType<typeof createTabStats>;
