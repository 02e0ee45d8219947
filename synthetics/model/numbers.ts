/**
 * Numbers every layer shares: how several values are combined (median, percentiles, the
 * aggregations budgets.json names) and how a value is shown to a reader. Pure.
 */

export type Aggregation = 'median' | 'optimistic' | 'pessimistic' | 'p75' | 'p95';

/**
 * Median of the values (mean of the two middle ones for an even count). Non-finite values are
 * ignored; undefined when nothing is left — no number rather than a fake zero.
 */
export function median(values: readonly number[]): number | undefined {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Combines runs into one value. Lower is better for every metric we budget. */
export function aggregate(values: readonly number[], how: Aggregation): number | undefined {
  if (values.length === 0) return undefined;
  switch (how) {
    case 'median':
      return median(values);
    case 'optimistic':
      return Math.min(...values);
    case 'pessimistic':
      return Math.max(...values);
    case 'p75':
      return percentile(values, 75);
    case 'p95':
      return percentile(values, 95);
  }
}

/** Shows a value the way a reader thinks of it: ms rounded, CLS with 3 decimals, bytes in KB. */
export function formatValue(value: number | undefined, unit = 'ms'): string {
  if (value === undefined) return '—';
  if (unit === 'ms') return `${Math.round(value)} ms`;
  if (unit === 'bytes') return `${Math.round(value / 1024)} KB`;
  if (unit === '') return value.toFixed(3).replace(/\.?0+$/, '') || '0';
  return `${Math.round(value)}${unit ? ` ${unit}` : ''}`;
}
