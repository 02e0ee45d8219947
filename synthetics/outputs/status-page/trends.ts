/**
 * Hourly trends of the status page: p95 of the API response times, p75 of LCP, CLS and TTFB — the
 * SLO's own metrics and percentiles (alerting/slo.ts), bucketed by hour so a slow afternoon shows
 * up as a bump rather than being averaged away. Pure.
 */
import { API_P95_CHECK, isPageBudgetOf } from '../../model/check-ids.ts';
import { percentile } from '../../model/numbers.ts';
import type { RunRecord } from '../../alerting/run-record.ts';
import { SLO_TARGETS } from '../../alerting/slo.ts';

export interface TrendMetric {
  key: 'p95' | 'lcp' | 'cls' | 'ttfb';
  title: string;
  unit: 'ms' | '';
  percentile: 75 | 95;
  /** The SLO's limit, drawn as a dashed line. */
  target: number;
  /** Whether a budget check's values feed it (by its id). */
  feeds: (checkId: string) => boolean;
}

export const TREND_METRICS: readonly TrendMetric[] = [
  {
    key: 'p95',
    title: 'API response time (p95)',
    unit: 'ms',
    percentile: 95,
    target: SLO_TARGETS.p95ResponseMs,
    feeds: (id) => id === API_P95_CHECK,
  },
  {
    key: 'lcp',
    title: 'Largest Contentful Paint (p75)',
    unit: 'ms',
    percentile: 75,
    target: SLO_TARGETS.lcp,
    feeds: (id) => isPageBudgetOf(id, 'lcp'),
  },
  {
    key: 'cls',
    title: 'Cumulative Layout Shift (p75)',
    unit: '',
    percentile: 75,
    target: SLO_TARGETS.cls,
    feeds: (id) => isPageBudgetOf(id, 'cls'),
  },
  {
    key: 'ttfb',
    title: 'Time to First Byte (p75)',
    unit: 'ms',
    percentile: 75,
    target: SLO_TARGETS.ttfb,
    feeds: (id) => isPageBudgetOf(id, 'ttfb'),
  },
];

export interface TrendSeries {
  key: TrendMetric['key'];
  title: string;
  unit: TrendMetric['unit'];
  percentile: TrendMetric['percentile'];
  target: number;
  /** Start of each hourly bucket (ISO). */
  buckets: string[];
  /** The bucket's percentile, null when nothing was measured in that hour. */
  values: Array<number | null>;
  /** Where the values come from (the p95 falls back to the uptime checks' response times). */
  source: string;
}

const HOUR_MS = 3_600_000;

function valuesOf(run: RunRecord, feeds: TrendMetric['feeds']): number[] {
  return run.checks
    .filter((check) => feeds(check.id))
    .flatMap((check) => check.values ?? (check.actual === undefined ? [] : [check.actual]));
}

function responseTimesOf(run: RunRecord): number[] {
  return run.checks.flatMap((check) => (check.responseMs === undefined ? [] : [check.responseMs]));
}

function round(value: number, unit: TrendMetric['unit']): number {
  return unit === 'ms' ? Math.round(value) : Math.round(value * 1000) / 1000;
}

/** One metric's hourly series over the last `days` days up to `now` (runs oldest first). */
export function trendSeries(runs: readonly RunRecord[], metric: TrendMetric, now: Date, days: number): TrendSeries {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const start = end - days * 24 * HOUR_MS;
  const inWindow = runs.filter((run) => Date.parse(run.recordedAt) >= start && Date.parse(run.recordedAt) < end);
  // As the SLO does: the API's own times when the journeys measured them, else the uptime checks'.
  const fromApi = metric.key !== 'p95' || inWindow.some((run) => valuesOf(run, metric.feeds).length > 0);
  const read = (run: RunRecord) => (fromApi ? valuesOf(run, metric.feeds) : responseTimesOf(run));
  const perBucket: number[][] = Array.from({ length: days * 24 }, () => []);
  for (const run of inWindow) perBucket[Math.floor((Date.parse(run.recordedAt) - start) / HOUR_MS)]!.push(...read(run));
  return {
    key: metric.key,
    title: metric.title,
    unit: metric.unit,
    percentile: metric.percentile,
    target: metric.target,
    buckets: perBucket.map((_, index) => new Date(start + index * HOUR_MS).toISOString()),
    values: perBucket.map((values) => {
      const value = percentile(values, metric.percentile);
      return value === undefined ? null : round(value, metric.unit);
    }),
    source: fromApi ? 'budget checks' : 'uptime checks (response time)',
  };
}
