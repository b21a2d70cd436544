import type { PageSettings } from '../settings/schema';
import type { Feature, FeatureServices, RunningFeature } from './feature';
import { createStartGate, type ParsingDocument } from './start-gate';

export interface FeatureManagerOptions {
  /** In the order they start. */
  features: readonly Feature[];
  services: FeatureServices;
  /** The content script's: aborts when it is invalidated (an update, the extension gone). */
  signal: AbortSignal;
  doc?: ParsingDocument;
}

/**
 * Runs a page's features, each with an AbortSignal of its own, and holds the one rule for
 * whether RedBridge is on in this tab: on in the settings, and not turned off here with Alt+T
 * (until pressed again or reloaded). Nothing starts before the settings and the parsed DOM are
 * there (start-gate.ts); a settings change restarts only the features whose `runsWith` changed.
 * No trigger on the page's own navigation: the features follow the DOM, and restarting them on
 * every note opened would find and translate the whole page again.
 */
export function createFeatureManager({ features, services, signal, doc = document }: FeatureManagerOptions) {
  const running = new Map<Feature, { runsWith: string; lifetime: AbortController; started: RunningFeature | null }>();
  let onInTab = true;
  /** Settings the own-task features have yet to get; they get the latest. */
  let ownTaskSettings: PageSettings | null = null;
  let ownTaskTimer: ReturnType<typeof setTimeout> | undefined;
  const isOn = (settings: PageSettings): boolean => settings.enabled && onInTab;

  function update(feature: Feature, settings: PageSettings): void {
    const runsWith = isOn(settings) ? feature.runsWith(settings) : null;
    const current = running.get(feature);
    if ((current?.runsWith ?? null) === runsWith) {
      current?.started?.settingsChanged(settings);
      return;
    }
    current?.lifetime.abort();
    running.delete(feature);
    if (runsWith === null) return;
    const lifetime = new AbortController();
    const entry: { runsWith: string; lifetime: AbortController; started: RunningFeature | null } = { runsWith, lifetime, started: null };
    running.set(feature, entry);
    try {
      entry.started = feature.start({ ...services, settings, signal: lifetime.signal }) ?? null;
    } catch (error) {
      // One feature's failure leaves the others running.
      console.error(`[RedBridge] ${feature.name} could not start`, error);
    }
  }

  function updateOwnTaskFeatures(): void {
    const settings = ownTaskSettings;
    ownTaskSettings = null;
    for (const feature of features) if (feature.ownTask && settings) update(feature, settings);
  }

  const gate = createStartGate((settings) => {
    if (signal.aborted) return;
    for (const feature of features) if (!feature.ownTask) update(feature, settings);
    if (!ownTaskSettings) ownTaskTimer = setTimeout(updateOwnTaskFeatures, 0);
    ownTaskSettings = settings;
  }, doc);

  signal.addEventListener('abort', () => {
    clearTimeout(ownTaskTimer);
    for (const { lifetime } of running.values()) lifetime.abort();
    running.clear();
  }, { once: true });

  return {
    /** The answer to the settings request sent at injection. */
    answered: gate.answered,
    /** A settings change broadcast by the background. */
    changed: gate.changed,
    /** The Alt+T command: RedBridge off in this tab, or on again. */
    toggleTab(): void {
      onInTab = !onInTab;
      gate.reapply();
    },
    /** Whether RedBridge is on in this tab, for the popup. */
    get active(): boolean {
      return gate.settings !== null && isOn(gate.settings);
    },
  };
}
