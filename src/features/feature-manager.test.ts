import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, pageSettingsOf, type PageSettings } from '../settings/schema';
import type { Feature, FeatureContext, FeatureServices } from './feature';
import { createFeatureManager } from './feature-manager';
import type { ParsingDocument } from './start-gate';

const on: PageSettings = { ...pageSettingsOf(DEFAULT_SETTINGS), enabled: true, display: 'bilingual' };
const services = { stats: 'the services' } as unknown as FeatureServices;
const parsed: ParsingDocument = { readyState: 'complete', addEventListener: () => undefined };

/** A feature that runs with the display mode (or, `always`, whenever RedBridge is on) and records its starts. */
function recordingFeature(name: string, runsWith: 'display' | 'always', ownTask = false) {
  const starts: FeatureContext[] = [];
  const feature: Feature = {
    name,
    ownTask,
    runsWith: (settings) => (runsWith === 'always' ? 'on' : settings.display === 'off' ? null : settings.display),
    start: (context) => void starts.push(context),
  };
  /** Whether the latest start is still running (its signal not aborted). */
  const running = () => starts.length > 0 && !starts.at(-1)!.signal.aborted;
  return { feature, starts, running };
}

let script: AbortController;
let reading: ReturnType<typeof recordingFeature>;
let composer: ReturnType<typeof recordingFeature>;

function manager(doc = parsed) {
  return createFeatureManager({ features: [reading.feature, composer.feature], services, signal: script.signal, doc });
}

beforeEach(() => {
  vi.useFakeTimers();
  script = new AbortController();
  reading = recordingFeature('reading', 'display');
  composer = recordingFeature('composer', 'always', true);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createFeatureManager', () => {
  it('starts the features that apply with the settings and services, an own-task one in a later task', () => {
    const features = manager();
    features.answered(on);
    expect(reading.starts).toHaveLength(1);
    expect(reading.starts[0]).toMatchObject({ settings: on, stats: 'the services' });
    expect(reading.running()).toBe(true);
    expect(composer.starts).toHaveLength(0);
    vi.runAllTimers();
    expect(composer.starts).toHaveLength(1);
    expect(composer.running()).toBe(true);
    expect(features.active).toBe(true);
  });

  it('starts nothing before the page is parsed', () => {
    const events = new EventTarget();
    const parsing: ParsingDocument = { readyState: 'loading', addEventListener: events.addEventListener.bind(events) };
    manager(parsing).answered(on);
    vi.runAllTimers();
    expect(reading.starts).toHaveLength(0);
    events.dispatchEvent(new Event('DOMContentLoaded'));
    vi.runAllTimers();
    expect(reading.starts).toHaveLength(1);
    expect(composer.starts).toHaveLength(1);
  });

  it('aborts every feature when RedBridge is switched off, and starts them again when it is on', () => {
    const features = manager();
    features.answered(on);
    vi.runAllTimers();
    features.changed({ ...on, enabled: false });
    expect(reading.running()).toBe(false);
    vi.runAllTimers();
    expect(composer.running()).toBe(false);
    expect(features.active).toBe(false);
    features.changed(on);
    vi.runAllTimers();
    expect(reading.starts).toHaveLength(2);
    expect(reading.running()).toBe(true);
    expect(composer.starts).toHaveLength(2);
    expect(composer.running()).toBe(true);
  });

  it('restarts on a mode change only the features that run with the mode', () => {
    const features = manager();
    features.answered(on);
    vi.runAllTimers();
    const bilingual = reading.starts[0]!;
    features.changed({ ...on, display: 'hover' });
    vi.runAllTimers();
    expect(bilingual.signal.aborted).toBe(true);
    expect(reading.starts).toHaveLength(2);
    expect(reading.starts[1]!.settings.display).toBe('hover');
    expect(reading.running()).toBe(true);
    expect(composer.starts).toHaveLength(1);
    expect(composer.running()).toBe(true);
    // A mode the feature does not run in stops it; the same settings again leave it as it is.
    features.changed({ ...on, display: 'off' });
    features.changed({ ...on, display: 'off' });
    expect(reading.running()).toBe(false);
    expect(reading.starts).toHaveLength(2);
  });

  it('hands a running feature the settings that do not restart it, and a restarted one none of the old', () => {
    const seen: PageSettings[] = [];
    const starts: FeatureContext[] = [];
    const inPlace: Feature = {
      name: 'in place',
      runsWith: (settings) => (settings.display === 'off' ? null : settings.display),
      start(context) {
        starts.push(context);
        return { settingsChanged: (settings) => void seen.push(settings) };
      },
    };
    const features = createFeatureManager({ features: [inPlace], services, signal: script.signal, doc: parsed });
    features.answered(on);
    const chinese = { ...on, subtitleLanguage: 'chinese' as const };
    features.changed(chinese);
    expect(starts).toHaveLength(1);
    expect(seen).toEqual([chinese]);
    features.changed({ ...chinese, display: 'hover' });
    expect(starts).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });

  it('turns RedBridge off in this tab with Alt+T, and on again with the same settings', () => {
    const features = manager();
    features.answered(on);
    vi.runAllTimers();
    features.toggleTab();
    vi.runAllTimers();
    expect(reading.running()).toBe(false);
    expect(composer.running()).toBe(false);
    expect(features.active).toBe(false);
    // Settings that change meanwhile do not turn it on in this tab.
    features.changed({ ...on, display: 'hover' });
    vi.runAllTimers();
    expect(reading.running()).toBe(false);
    features.toggleTab();
    vi.runAllTimers();
    expect(reading.running()).toBe(true);
    expect(reading.starts.at(-1)!.settings.display).toBe('hover');
    expect(composer.running()).toBe(true);
    expect(features.active).toBe(true);
  });

  it('aborts every feature when the content script is invalidated, and starts none after', () => {
    const features = manager();
    features.answered(on);
    script.abort();
    expect(reading.running()).toBe(false);
    // The own-task feature's start was still to come: it does not.
    vi.runAllTimers();
    expect(composer.starts).toHaveLength(0);
    features.changed({ ...on, display: 'hover' });
    features.toggleTab();
    features.toggleTab();
    vi.runAllTimers();
    expect(reading.starts).toHaveLength(1);
    expect(composer.starts).toHaveLength(0);
  });

  it('starts the other features when one of them fails to start', () => {
    const failing: Feature = {
      name: 'failing',
      runsWith: () => 'on',
      start: () => {
        throw new Error('broken');
      },
    };
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    createFeatureManager({ features: [failing, reading.feature], services, signal: script.signal, doc: parsed }).answered(on);
    expect(reading.running()).toBe(true);
    expect(error).toHaveBeenCalledWith('[RedBridge] failing could not start', expect.any(Error));
    error.mockRestore();
  });
});
