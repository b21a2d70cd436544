/**
 * How the models run here. Chrome's extension pages are cross-origin isolated (wxt.config.ts):
 * one session on two threads, which read an image in 0.5–0.9 s on this 2-core machine against
 * 1.0–1.4 s on one (docs/ocr.md). Elsewhere (Firefox) onnxruntime-web gets one thread, so a
 * second worker recognises lines alongside this one when there is a second core. Never more
 * than two cores, so a machine with more keeps the rest for the page and the browser.
 */
export function ocrLayout(crossOriginIsolated: boolean, cores: number): { threads: number; recogniserWorker: boolean } {
  const usable = Math.max(1, Math.min(2, cores || 1));
  return crossOriginIsolated ? { threads: usable, recogniserWorker: false } : { threads: 1, recogniserWorker: usable > 1 };
}
