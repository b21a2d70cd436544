/** How the options page writes sizes, durations and rates. */

/** `0.4 kB`, `812.3 kB`, `2.5 MB`: the cache's rough size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `48.6 MB`: a size always in megabytes, for what is never small (the packaged OCR models). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `850 ms`, `1.2 s`: how long something took. */
export function formatMilliseconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Hits as a share of lookups, `87%`; null before the first lookup. */
export function hitRate(hits: number, lookups: number): string | null {
  if (lookups <= 0) return null;
  return `${Math.round((hits / lookups) * 100)}%`;
}
