/**
 * Runs `task` in a task of its own, as soon as the page's current task and its microtasks are
 * done: a message to ourselves, without setTimeout's 4 ms clamp and, unlike
 * requestAnimationFrame, outside the frame's task (whose style, layout and paint of a long page
 * already take most of the 50 ms a task may take before it counts as long) and still running
 * in a hidden tab.
 */
export function createYielder(): (task: () => void) => void {
  if (typeof MessageChannel !== 'function') return (task) => setTimeout(task, 0);
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return (task) => {
    waiting.push(task);
    channel.port2.postMessage(null);
  };
}
