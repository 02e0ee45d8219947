/**
 * The numbers of the Lighthouse bench, computed from aggregated runs: agreement of the medians,
 * run-to-run spread, and whether each target is met. Pure, so the verdict of a bench is testable.
 */
import { LAB_METRIC_KEYS, type AggregatedRuns } from '../../checks/lighthouse/aggregate.ts';
import type { LabMetrics } from '../../checks/lighthouse/lab-types.ts';

/** The targets the bench checks, in one place. */
export const BENCH_TARGETS = {
  /** Our wall time at most this fraction of lhci's. */
  maxWallRatio: 0.5,
  /** Our median within ±this % of lhci's. */
  maxMedianDiffPercent: 10,
} as const;

/** One metric of one page, both tools side by side. */
export interface MetricComparison {
  metric: keyof LabMetrics;
  oursMedian: number | undefined;
  lhciMedian: number | undefined;
  /** (ours − lhci) / lhci × 100; 0 when both are 0; undefined when it cannot be computed. */
  diffPercent: number | undefined;
  medianWithinTarget: boolean | undefined;
  oursCv: number | undefined;
  lhciCv: number | undefined;
  /** Our coefficient of variation ≤ lhci's (undefined when either is unknown). */
  cvNoWorse: boolean | undefined;
}

/**
 * Sample standard deviation / mean: run-to-run noise as a fraction, comparable across metrics.
 * Undefined below two values; 0 when all values are 0 (no noise, though the mean is 0).
 */
export function coefficientOfVariation(values: readonly number[]): number | undefined {
  if (values.length < 2) return undefined;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  if (mean === 0) return variance === 0 ? 0 : undefined;
  return Math.sqrt(variance) / Math.abs(mean);
}

/** How far ours is from the baseline, in % of the baseline. */
export function percentDifference(ours: number | undefined, baseline: number | undefined): number | undefined {
  if (ours === undefined || baseline === undefined) return undefined;
  if (baseline === 0) return ours === 0 ? 0 : undefined;
  return ((ours - baseline) / baseline) * 100;
}

/** Compares every lab metric of one page measured by both tools. */
export function compareMetrics(ours: AggregatedRuns, lhci: AggregatedRuns): MetricComparison[] {
  return LAB_METRIC_KEYS.map((metric) => {
    const oursMedian = ours.metrics[metric].median;
    const lhciMedian = lhci.metrics[metric].median;
    const diffPercent = percentDifference(oursMedian, lhciMedian);
    const oursCv = coefficientOfVariation(ours.metrics[metric].values);
    const lhciCv = coefficientOfVariation(lhci.metrics[metric].values);
    return {
      metric,
      oursMedian,
      lhciMedian,
      diffPercent,
      medianWithinTarget:
        diffPercent === undefined ? undefined : Math.abs(diffPercent) <= BENCH_TARGETS.maxMedianDiffPercent,
      oursCv,
      lhciCv,
      cvNoWorse: oursCv === undefined || lhciCv === undefined ? undefined : oursCv <= lhciCv,
    };
  });
}

/** A target and the evidence behind its verdict (`misses` names each page/metric that missed). */
export interface TargetVerdict {
  met: boolean;
  misses: string[];
}

/** Rolls per-metric flags up into one verdict; an unknown flag counts as a miss (it cannot be shown met). */
export function judgeMetricTarget(
  pages: ReadonlyArray<{ path: string; metrics: MetricComparison[] }>,
  flag: 'medianWithinTarget' | 'cvNoWorse',
): TargetVerdict {
  const misses = pages.flatMap(({ path, metrics }) =>
    metrics
      .filter((row) => row[flag] !== true)
      .map((row) => `${path} ${row.metric}${row[flag] === undefined ? ' (n/a)' : ''}`),
  );
  return { met: misses.length === 0, misses };
}
