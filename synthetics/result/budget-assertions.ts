/**
 * Budget evaluation, Lighthouse CI style: every run's value kept, combined by an explicit
 * aggregation, compared with `<=` to the budget, one flat record per page and metric. Pure.
 */

import { aggregate, formatValue, type Aggregation } from '../model/numbers.ts';

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
  const partial = input.failedMeasurements?.length
    ? ` (${input.failedMeasurements.length} run(s) failed: ${input.failedMeasurements.join('; ')})`
    : '';
  return {
    ...base,
    status: passed ? 'passed' : 'failed',
    message:
      `${input.metric} ${passed ? 'within' : 'over'} budget — expected: <=${formatValue(input.expected, unit)}  ` +
      `found: ${formatValue(actual, unit)} (${input.aggregation})  all values: ${all}${partial}`,
  };
}
