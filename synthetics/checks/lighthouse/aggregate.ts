/**
 * Combines several Lighthouse runs of one page into one value per metric. Lighthouse's own guidance:
 * the median of several runs is about twice as stable as one run. Pure, so budgets can be tested
 * against tables of runs; every value is kept so a report can show the spread behind a median.
 */
import type { LabMetrics, Measurement } from './lab-types.ts';
import { LAB_METRICS } from '../../model/observations.ts';
import { median } from '../../model/numbers.ts';

/** One metric across the runs: the median of the measured runs, and all their values in run order. */
export interface AggregatedMetric {
  median: number | undefined;
  values: number[];
}

/** Several runs of one page; failed runs contribute no value but are counted and explained. */
export interface AggregatedRuns {
  metrics: Record<keyof LabMetrics, AggregatedMetric>;
  measured: number;
  failed: number;
  failures: string[];
}

/** The metric keys in a stable order (for tables and JSON). */
export const LAB_METRIC_KEYS: ReadonlyArray<keyof LabMetrics> = LAB_METRICS;

/** The median every budget uses (one definition: model/numbers.ts). */
export { median };

/** Median of the measured runs for each metric; failed runs are counted with their code and reason. */
export function aggregateRuns(measurements: readonly Measurement[]): AggregatedRuns {
  const measured = measurements.flatMap((run) => (run.status === 'measured' ? [run.metrics] : []));
  const failures = measurements.flatMap((run) => (run.status === 'failed' ? [`${run.code}: ${run.reason}`] : []));
  const combine = (key: keyof LabMetrics): AggregatedMetric => {
    const values = measured.map((metrics) => metrics[key]).filter((value) => Number.isFinite(value));
    return { median: median(values), values };
  };
  const metrics = {
    lcp: combine('lcp'),
    cls: combine('cls'),
    ttfb: combine('ttfb'),
    tbt: combine('tbt'),
    fcp: combine('fcp'),
    transferBytes: combine('transferBytes'),
    requests: combine('requests'),
  };
  return { metrics, measured: measured.length, failed: failures.length, failures };
}
