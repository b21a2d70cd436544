import type { PageObserver } from '../dom/page-observer';
import type { createTranslateClient } from '../messaging/translate-client';
import type { PageSettings } from '../settings/schema';
import type { ComposerSite, ImageSite, SiteAdapter, VideoSite } from '../sites/types';
import type { TabStatsCounter } from './tab-stats';

/** What the features of one page share: made once by the content script, for every start. */
export interface FeatureServices {
  /** The page's one MutationObserver (see dom/page-observer.ts). */
  changes: PageObserver;
  /** The reading features' translations: asked for in the same task, they travel together. */
  client: ReturnType<typeof createTranslateClient>;
  /** This tab's counts, which the popup shows. */
  stats: TabStatsCounter;
  sites: { reading: SiteAdapter; images: ImageSite; composer: ComposerSite; videos: VideoSite };
}

export interface FeatureContext extends FeatureServices {
  /**
   * Aborts when the feature must end (RedBridge off, settings it runs with changed, the script
   * invalidated): every listener, observer, timer and element it made ends with it.
   */
  signal: AbortSignal;
  settings: PageSettings;
}

/** A page feature, run by the feature manager (feature-manager.ts) while RedBridge is on in the tab. */
export interface Feature {
  readonly name: string;
  /**
   * Started (and stopped) in a task of its own after the others: its first cost then does not
   * add to theirs in one long task of the page.
   */
  readonly ownTask?: boolean;
  /**
   * What the feature runs with under `settings`: it is restarted only when this changes, so a
   * setting it does not read leaves it as it is. Null: it does not run.
   */
  runsWith(settings: PageSettings): string | null;
  /**
   * May return what it does with later settings that leave `runsWith` as it is (a choice it
   * can apply in place, where a restart would rebuild what the reader is looking at).
   */
  start(context: FeatureContext): void | RunningFeature;
}

/** What a started feature does with settings that do not restart it. */
export interface RunningFeature {
  settingsChanged(settings: PageSettings): void;
}

/** Calls `stop` once `signal` aborts: the lifetime of a part started as `start() → stop`. */
export function stopWhenAborted(signal: AbortSignal, stop: () => void): void {
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
}
