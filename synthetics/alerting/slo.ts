/**
 * SLO status from the run history (docs/monitoring-policy.md, "Targets"): availability over 30 days and
 * the error budget left (0.1 % of 30 days = 43.2 min), p95 API response time, p75 LCP/CLS/TTFB.
 * Availability is time-weighted: each scheduled run stands for the time until the next run (at most
 * twice the schedule interval, so a stopped scheduler is not counted as up), and a run where the
 * application was down (home or health confirmed red) counts that time as downtime. Pure.
 */
import { ALERT_POLICY } from './alert-policy.ts';
import { API_P95_CHECK, isPageBudgetOf } from '../model/check-ids.ts';
import { percentile } from '../model/numbers.ts';
import { monitorRuns, type RunRecord } from './run-record.ts';
import { stateOf } from './signals.ts';

export const SLO_TARGETS = { availability: 0.999, p95ResponseMs: 500, lcp: 2500, cls: 0.1, ttfb: 600 } as const;

export interface SloReport {
  windowDays: number;
  from: string;
  to: string;
  runs: number;
  downRuns: number;
  /** Minutes the runs cover (what availability is measured over). */
  observedMinutes: number;
  downtimeMinutes: number;
  availability?: number;
  budgetMinutes: number;
  budgetLeftMinutes: number;
  p95ResponseMs?: number;
  p75: { lcp?: number; cls?: number; ttfb?: number };
  /** Each objective met (undefined: no data). */
  met: { availability?: boolean; p95ResponseMs?: boolean; lcp?: boolean; cls?: boolean; ttfb?: boolean };
}

function isDown(run: RunRecord): boolean {
  return run.checks.some((check) => ALERT_POLICY.appDownChecks.includes(check.id) && stateOf(check.status) === 'red');
}

function observesUptime(run: RunRecord): boolean {
  return run.checks.some(
    (check) => ALERT_POLICY.appDownChecks.includes(check.id) && stateOf(check.status) !== 'unknown',
  );
}

function valuesOf(runs: readonly RunRecord[], feeds: (checkId: string) => boolean): number[] {
  return runs.flatMap((run) =>
    run.checks
      .filter((check) => feeds(check.id))
      .flatMap((check) => check.values ?? (check.actual === undefined ? [] : [check.actual])),
  );
}

function round(value: number | undefined, digits: number): number | undefined {
  return value === undefined ? undefined : Math.round(value * 10 ** digits) / 10 ** digits;
}

/** The SLO report of one target over the last `windowDays` days up to `now`. */
export function computeSlo(
  records: readonly RunRecord[],
  target: string,
  now: Date,
  scheduleMinutes: number,
  windowDays = 30,
): SloReport {
  const from = new Date(now.getTime() - windowDays * 86_400_000);
  const runs = monitorRuns(records, target).filter(
    (run) => Date.parse(run.recordedAt) >= from.getTime() && Date.parse(run.recordedAt) <= now.getTime(),
  );
  const probes = runs.filter(observesUptime);
  const capMs = 2 * scheduleMinutes * 60_000;
  let observedMs = 0;
  let downMs = 0;
  probes.forEach((run, index) => {
    const start = Date.parse(run.recordedAt);
    const next = index + 1 < probes.length ? Date.parse(probes[index + 1]!.recordedAt) : now.getTime();
    const span = Math.min(Math.max(0, next - start), capMs) || 60_000;
    observedMs += span;
    if (isDown(run)) downMs += span;
  });
  const budgetMinutes = Math.round((1 - SLO_TARGETS.availability) * windowDays * 1440 * 10) / 10;
  const availability = observedMs > 0 ? 1 - downMs / observedMs : undefined;
  const apiValues = valuesOf(runs, (id) => id === API_P95_CHECK);
  const responseValues = apiValues.length
    ? apiValues
    : runs.flatMap((run) => run.checks.flatMap((check) => (check.responseMs === undefined ? [] : [check.responseMs])));
  const p95ResponseMs = round(percentile(responseValues, 95), 0);
  const p75 = {
    lcp: round(
      percentile(
        valuesOf(runs, (id) => isPageBudgetOf(id, 'lcp')),
        75,
      ),
      0,
    ),
    cls: round(
      percentile(
        valuesOf(runs, (id) => isPageBudgetOf(id, 'cls')),
        75,
      ),
      3,
    ),
    ttfb: round(
      percentile(
        valuesOf(runs, (id) => isPageBudgetOf(id, 'ttfb')),
        75,
      ),
      0,
    ),
  };
  const under = (value: number | undefined, limit: number) => (value === undefined ? undefined : value <= limit);
  return {
    windowDays,
    from: from.toISOString(),
    to: now.toISOString(),
    runs: probes.length,
    downRuns: probes.filter(isDown).length,
    observedMinutes: Math.round(observedMs / 6000) / 10,
    downtimeMinutes: Math.round(downMs / 6000) / 10,
    ...(availability === undefined ? {} : { availability: Math.round(availability * 1e6) / 1e6 }),
    budgetMinutes,
    budgetLeftMinutes: Math.round((budgetMinutes - downMs / 60_000) * 10) / 10,
    ...(p95ResponseMs === undefined ? {} : { p95ResponseMs }),
    p75,
    met: {
      availability: availability === undefined ? undefined : availability >= SLO_TARGETS.availability,
      p95ResponseMs: under(p95ResponseMs, SLO_TARGETS.p95ResponseMs),
      lcp: under(p75.lcp, SLO_TARGETS.lcp),
      cls: under(p75.cls, SLO_TARGETS.cls),
      ttfb: under(p75.ttfb, SLO_TARGETS.ttfb),
    },
  };
}
