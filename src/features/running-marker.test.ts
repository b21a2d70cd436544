import { afterEach, describe, expect, it } from 'vitest';
import { liveScriptMarked, markRunning, RUNNING_MARKER, SELECTION_MARKER } from './running-marker';

const scope = globalThis as Record<string, unknown>;

describe('running markers', () => {
  afterEach(() => {
    delete scope[RUNNING_MARKER];
    delete scope[SELECTION_MARKER];
  });

  it('counts a marker whose script can still reach its extension, until it is taken away', () => {
    const unmark = markRunning(() => true, SELECTION_MARKER);
    expect(liveScriptMarked(SELECTION_MARKER)).toBe(true);
    expect(liveScriptMarked(RUNNING_MARKER)).toBe(false);
    unmark();
    expect(liveScriptMarked(SELECTION_MARKER)).toBe(false);
  });

  it('does not count a marker left by a version an update cut off, nor a plain flag from before markers', () => {
    markRunning(() => false, SELECTION_MARKER);
    expect(liveScriptMarked(SELECTION_MARKER)).toBe(false);
    scope[SELECTION_MARKER] = true;
    expect(liveScriptMarked(SELECTION_MARKER)).toBe(false);
    scope[SELECTION_MARKER] = () => {
      throw new Error('Extension context invalidated.');
    };
    expect(liveScriptMarked(SELECTION_MARKER)).toBe(false);
  });

  it('leaves a newer script’s marker when an older one is taken away', () => {
    const unmarkOld = markRunning(() => false);
    const isConnected = () => true;
    markRunning(isConnected);
    unmarkOld();
    expect(scope[RUNNING_MARKER]).toBe(isConnected);
  });
});
