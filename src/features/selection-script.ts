import { liveScriptMarked, markRunning, SELECTION_MARKER } from './running-marker';

/**
 * What an injection of the selection script does: `start` listening for translations, or
 * `reuse` the copy already listening in this world (the menu injects the script again on every
 * use, and one listener is enough). Only a copy that can still reach its extension counts:
 * after an update Chrome gives the new version the old one's world, and the old copy's marker
 * is still there while its listener is dead. `isConnected` is this copy's check, left as its
 * marker when it starts.
 */
export function claimSelectionScript(isConnected: () => boolean): 'start' | 'reuse' {
  if (liveScriptMarked(SELECTION_MARKER)) return 'reuse';
  markRunning(isConnected, SELECTION_MARKER);
  return 'start';
}
