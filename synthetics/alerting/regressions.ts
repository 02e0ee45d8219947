/**
 * Regression against the recent past: per metric, the baseline is the median of the last K healthy
 * runs (with its spread); a value is a regression when it is worse than the baseline by more than
 * BOTH the relative and the absolute tolerance of `budgets.json` — even while still under budget.
 * Fewer than K values: "no baseline yet", never an alarm. Pure.
 */
import { parseBudgetId, unitOfMetric } from '../model/check-ids.ts';
import type { CheckStatus } from '../model/run-result.ts';
import { formatValue, median } from '../model/numbers.ts';
import type { RunRecord } from './run-record.ts';

export interface Tolerance {
  relative: number;
  absolute: number;
}

export interface RegressionConfig {
  baselineRuns: number;
  metrics: Partial<Record<string, Tolerance>>;
}

export interface Baseline {
  median: number;
  /** Median absolute deviation: the usual spread around the median. */
  mad: number;
  min: number;
  max: number;
  runs: number;
}

export interface RegressionResult {
  checkId: string;
  /** The tolerance key of budgets.json (`ttfb`, `apiP95` …). */
  metric: string;
  actual: number;
  status: 'regression' | 'ok' | 'no-baseline';
  baseline?: Baseline;
  tolerance: Tolerance;
  /** Healthy runs with a value for this check (at most K are used). */
  have: number;
  message: string;
}

/** A current check, as much as regression detection needs. */
export interface MeasuredCheck {
  id: string;
  status: CheckStatus;
  actual?: number;
}

/** The tolerance key of a budget check id: `budget:api:p95` → apiP95, `budget:home:journey-ttfb` → ttfb. */
export function metricOfCheck(id: string): string | undefined {
  const budget = parseBudgetId(id);
  return budget?.source === 'api' ? 'apiP95' : budget?.metric;
}

/** Median and spread of the values; undefined when empty. */
export function baselineOf(values: readonly number[]): Baseline | undefined {
  const middle = median(values);
  if (middle === undefined) return undefined;
  return {
    median: middle,
    mad: median(values.map((value) => Math.abs(value - middle))) ?? 0,
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
  };
}

/** Worse than the baseline by more than both tolerances (a zero baseline: the absolute one alone). */
export function isRegression(actual: number, baseline: number, tolerance: Tolerance): boolean {
  const delta = actual - baseline;
  const relativeExceeded = baseline > 0 ? delta / baseline > tolerance.relative : delta > 0;
  return delta > tolerance.absolute && relativeExceeded;
}

function describe(
  checkId: string,
  metric: string,
  actual: number,
  baseline: Baseline,
  tolerance: Tolerance,
  regressed: boolean,
): string {
  const unit = unitOfMetric(metric);
  const delta = actual - baseline.median;
  const percent =
    baseline.median > 0 ? ` (${delta >= 0 ? '+' : ''}${Math.round((delta / baseline.median) * 100)} %)` : '';
  const verdict = regressed ? 'over both tolerances' : 'within tolerance';
  const spread = formatValue(baseline.mad, unit);
  const against = `${formatValue(baseline.median, unit)} (median of ${baseline.runs} healthy runs, ±${spread})`;
  const change = `${delta >= 0 ? '+' : ''}${formatValue(delta, unit)}${percent}`;
  const tolerances = `+${Math.round(tolerance.relative * 100)} %, +${formatValue(tolerance.absolute, unit)}`;
  return `${checkId}: ${formatValue(actual, unit)} vs baseline ${against}: ${change}, ${verdict} (${tolerances})`;
}

/** The check's values in the last `count` healthy runs that measured it (a run without it is skipped). */
function lastValues(healthy: readonly RunRecord[], checkId: string, count: number): number[] {
  const values: number[] = [];
  for (let index = healthy.length - 1; index >= 0 && values.length < count; index -= 1) {
    const actual = healthy[index]!.checks.find((past) => past.id === checkId)?.actual;
    if (actual !== undefined) values.push(actual);
  }
  return values;
}

/**
 * Compares this run's measured budget checks with the last K healthy runs (oldest first). Checks
 * already over budget are left to their budget incident; metrics without a tolerance are not judged.
 */
export function detectRegressions(
  checks: readonly MeasuredCheck[],
  healthy: readonly RunRecord[],
  config: RegressionConfig,
): RegressionResult[] {
  const results: RegressionResult[] = [];
  for (const check of checks) {
    const metric = metricOfCheck(check.id);
    const tolerance = metric ? config.metrics[metric] : undefined;
    if (!metric || !tolerance || check.actual === undefined || !['passed', 'degraded', 'flaky'].includes(check.status))
      continue;
    const values = lastValues(healthy, check.id, config.baselineRuns);
    if (values.length < config.baselineRuns) {
      results.push({
        checkId: check.id,
        metric,
        actual: check.actual,
        status: 'no-baseline',
        tolerance,
        have: values.length,
        message: `${check.id}: no baseline yet (${values.length} of ${config.baselineRuns} healthy runs)`,
      });
      continue;
    }
    const baseline = baselineOf(values)!;
    const regressed = isRegression(check.actual, baseline.median, tolerance);
    results.push({
      checkId: check.id,
      metric,
      actual: check.actual,
      status: regressed ? 'regression' : 'ok',
      baseline,
      tolerance,
      have: values.length,
      message: describe(check.id, metric, check.actual, baseline, tolerance, regressed),
    });
  }
  return results;
}
