/**
 * The name under which a running RedBridge content script leaves, on its world's `globalThis`,
 * a function that says whether it can still reach its extension. The background calls it to
 * learn whether a tab needs this version's script (src/background/open-tabs.ts). A plain flag
 * would not do: Chrome gives an updated or reloaded extension the same isolated world in a tab
 * it had before, so the old version's flag would still be there, set by a script now cut off.
 */
export const RUNNING_MARKER = '__redbridgeContentScript';

/** The marker of the on-demand script behind "Translate selection with RedBridge". */
export const SELECTION_MARKER = '__redbridgeSelection';

/** Leaves `isConnected` under `marker` until the returned function is called. */
export function markRunning(isConnected: () => boolean, marker = RUNNING_MARKER): () => void {
  const scope = globalThis as Record<string, unknown>;
  scope[marker] = isConnected;
  return () => {
    if (scope[marker] === isConnected) delete scope[marker];
  };
}

/**
 * Whether a script that can still reach its extension left `marker` in this world: one left
 * by an earlier version, cut off by an update, does not count. The background also runs it
 * inside tabs (`scripting.executeScript`, open-tabs.ts), so it uses nothing but its argument.
 */
export function liveScriptMarked(marker: string): boolean {
  const isConnected = (globalThis as Record<string, unknown>)[marker];
  if (typeof isConnected !== 'function') return false;
  try {
    return (isConnected as () => unknown)() === true;
  } catch {
    return false;
  }
}
