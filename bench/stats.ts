/**
 * The few statistics the benchmark judges by. A budget on a timing figure never reads one
 * extreme value: within a pass it reads a percentile, and over passes the median.
 */

/** The value at percentile `p` (0–100) by the nearest-rank method; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median (the mean of the two middle values for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Spread {
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { min: Math.min(...values), max: Math.max(...values) };
}
