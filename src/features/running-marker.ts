/**
 * The name under which a running RedBridge content script leaves, on its world's `globalThis`,
 * a function that says whether it can still reach its extension. The background calls it to
 * learn whether a tab needs this version's script (src/background/open-tabs.ts). A plain flag
 * would not do: Chrome gives an updated or reloaded extension the same isolated world in a tab
 * it had before, so the old version's flag would still be there, set by a script now cut off.
 */
export const RUNNING_MARKER = '__redbridgeContentScript';

/** Leaves `isConnected` under the marker until the returned function is called. */
export function markRunning(isConnected: () => boolean): () => void {
  const scope = globalThis as Record<string, unknown>;
  scope[RUNNING_MARKER] = isConnected;
  return () => {
    if (scope[RUNNING_MARKER] === isConnected) delete scope[RUNNING_MARKER];
  };
}
