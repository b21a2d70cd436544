import type { TabStats } from '../messaging/protocol';
import type { TranslateOutcome } from '../translation/service';

export type UnitCounts = Omit<TabStats, 'active'>;

const NO_COUNTS: Readonly<UnitCounts> = { found: 0, translated: 0, fromCache: 0, failed: 0 };

/**
 * What the popup shows for a tab: Chinese units found, and how their translations went. A
 * unit counts once per translation it got (a Retry that succeeds moves it from failed to
 * translated).
 */
export function createTabStats() {
  const counts: UnitCounts = { ...NO_COUNTS };
  let failedUnits = new WeakSet<object>();
  return {
    /** Kept up to date in place: a reader of it always sees the current counts. */
    counts,
    /** Starts counting afresh, for a display mode that finds and translates the page anew. */
    reset(): void {
      Object.assign(counts, NO_COUNTS);
      failedUnits = new WeakSet<object>();
    },
    unitFound(): void {
      counts.found += 1;
    },
    /** `unit` identifies the unit across retries; `outcomes` are its text's and hashtags'. */
    unitTranslated(unit: object, outcomes: readonly TranslateOutcome[]): void {
      if (failedUnits.has(unit)) {
        failedUnits.delete(unit);
        counts.failed -= 1;
      }
      if (outcomes.some((outcome) => !outcome.ok)) {
        failedUnits.add(unit);
        counts.failed += 1;
        return;
      }
      counts.translated += 1;
      if (outcomes.every((outcome) => outcome.ok && outcome.fromCache)) counts.fromCache += 1;
    },
  };
}

export type TabStatsCounter = ReturnType<typeof createTabStats>;
