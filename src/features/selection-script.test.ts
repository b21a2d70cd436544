import { afterEach, describe, expect, it } from 'vitest';
import { SELECTION_MARKER } from './running-marker';
import { claimSelectionScript } from './selection-script';

/** The isolated world the selection script shares with its earlier injections. */
const world = globalThis as Record<string, unknown>;
const connected = () => true;

describe('claimSelectionScript', () => {
  afterEach(() => {
    delete world[SELECTION_MARKER];
  });

  it('starts in a world no copy ran in, and leaves its own check as the marker', () => {
    expect(claimSelectionScript(connected)).toBe('start');
    expect(world[SELECTION_MARKER]).toBe(connected);
  });

  it('reuses the live copy when the menu injects the script again', () => {
    expect(claimSelectionScript(connected)).toBe('start');
    const again = () => true;
    expect(claimSelectionScript(again)).toBe('reuse');
    expect(world[SELECTION_MARKER]).toBe(connected);
  });

  it('starts after an update: the previous version left its marker, but its listener is dead', () => {
    // What Chrome leaves in the world a new version is given: the old copy's check, now false.
    world[SELECTION_MARKER] = () => false;
    expect(claimSelectionScript(connected)).toBe('start');
    expect(world[SELECTION_MARKER]).toBe(connected);
    // And the next use of the menu reuses the new copy.
    expect(claimSelectionScript(() => true)).toBe('reuse');
  });

  it('starts where the previous version’s check throws, cut off from its extension', () => {
    world[SELECTION_MARKER] = () => {
      throw new Error('Extension context invalidated.');
    };
    expect(claimSelectionScript(connected)).toBe('start');
  });

  it('starts where a version from before the markers left its plain flag', () => {
    world[SELECTION_MARKER] = true;
    expect(claimSelectionScript(connected)).toBe('start');
  });
});
