/**
 * Budget evaluation, Lighthouse CI style: every run's value kept, combined by an explicit
 * aggregation, compared with `<=` to the budget, one flat record per page and metric. Pure.
 */

export type Aggregation = 'median' | 'optimistic' | 'pessimistic' | 'p75' | 'p95';
export type BudgetStatus = 'passed' | 'failed' | 'error';

export interface BudgetInput {
  id: string;
  page: string;
  metric: string;
  expected: number;
  /** Every measured value (ms, bytes, count or unitless). */
  values: readonly number[];
  aggregation: Aggregation;
  /** Why some runs produced no value (a redirect to login, NO_LCP …). */
  failedMeasurements?: readonly string[];
  unit?: string;
}

export interface BudgetAssertion {
  id: string;
  page: string;
  metric: string;
  operator: '<=';
  expected: number;
  actual: number | undefined;
  values: number[];
  aggregation: Aggregation;
  status: BudgetStatus;
  message: string;
}

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

/** Judges one metric of one page against its budget. */
export function evaluateBudget(input: BudgetInput): BudgetAssertion {
  const actual = aggregate(input.values, input.aggregation);
  const unit = input.unit ?? 'ms';
  const base = {
    id: input.id,
    page: input.page,
    metric: input.metric,
    operator: '<=' as const,
    expected: input.expected,
    actual,
    values: [...input.values],
    aggregation: input.aggregation,
  };
  if (actual === undefined) {
    const reasons = input.failedMeasurements?.length ? input.failedMeasurements.join('; ') : 'no value was recorded';
    return { ...base, status: 'error', message: `measurement failed: ${reasons}` };
  }
  const passed = actual <= input.expected;
  const all = input.values.map((value) => formatValue(value, unit)).join(', ');
  const partial = input.failedMeasurements?.length ? ` (${input.failedMeasurements.length} run(s) failed: ${input.failedMeasurements.join('; ')})` : '';
  return {
    ...base,
    status: passed ? 'passed' : 'failed',
    message: `${input.metric} ${passed ? 'within' : 'over'} budget — expected: <=${formatValue(input.expected, unit)}  found: ${formatValue(actual, unit)} (${input.aggregation})  all values: ${all}${partial}`,
  };
}
