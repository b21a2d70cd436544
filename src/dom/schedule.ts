/** Runs `task` before the next paint, or soon when the tab is hidden (no frames are drawn then). */
export function nextFrame(task: () => void): void {
  if (document.hidden) setTimeout(task, 50);
  else requestAnimationFrame(() => task());
}
