/**
 * What the status page shows, computed from the history and the alerting state of one target:
 * the current state of every check, availability over 24 h / 7 d / 30 d (the SLO's time-weighted
 * measure), open and recent incidents, hourly trends and the SLO figures. Pure: the page is only a
 * rendering of this value, so every figure on it can be checked without a browser.
 */
import { kindOf, type CheckKind } from '../../model/check-ids.ts';
import type { CheckStatus } from '../../model/run-result.ts';
import type { AlertState } from '../../alerting/alert-state.ts';
import type { Incident, ResolvedIncident } from '../../alerting/incidents.ts';
import { monitorRuns, type RunRecord } from '../../alerting/run-record.ts';
import { stateOf, type SignalState } from '../../alerting/signals.ts';
import { computeSlo, type SloReport } from '../../alerting/slo.ts';
import { TREND_METRICS, trendSeries, type TrendSeries } from './trends.ts';

/** The windows of the availability figures. */
export const WINDOWS = [
  { label: '24 h', days: 1 },
  { label: '7 d', days: 7 },
  { label: '30 d', days: 30 },
] as const;

export interface CheckRow {
  id: string;
  kind: CheckKind;
  status: CheckStatus;
  state: SignalState;
  /** When the run that last saw this check was recorded. */
  at: string;
  error?: string;
  /** Share of the runs in each window where the check was green (skipped runs do not count). */
  uptime: Array<number | undefined>;
}

export interface IncidentRow {
  key: string;
  severity: Incident['severity'];
  subject: string;
  since: string;
  resolvedAt?: string;
  durationMs: number;
  checks: string[];
  reason?: string;
  flaps: number;
}

export interface StatusModel {
  target: string;
  generatedAt: string;
  scheduleMinutes: number;
  overall: 'operational' | 'degraded' | 'outage' | 'no-data';
  lastRunAt?: string;
  /** The last scheduled run is older than twice the schedule: the monitor itself may be down. */
  stale: boolean;
  availability: Array<{ label: string; days: number; value?: number; downtimeMinutes: number; runs: number }>;
  checks: CheckRow[];
  openIncidents: IncidentRow[];
  recentIncidents: IncidentRow[];
  trends: TrendSeries[];
  trendDays: number;
  slo: SloReport;
}

/** The page's own order: what a visitor feels first (availability, journeys), the budgets last. */
const KIND_ORDER: readonly CheckKind[] = ['uptime', 'journey', 'security', 'telemetry', 'a11y', 'budget'];

function within(run: RunRecord, now: Date, days: number): boolean {
  const at = Date.parse(run.recordedAt);
  return at >= now.getTime() - days * 86_400_000 && at <= now.getTime();
}

/** Each check's latest status (lab and core runs see different checks) and its uptime per window. */
function checkRows(runs: readonly RunRecord[], now: Date): CheckRow[] {
  const latest = new Map<string, { run: RunRecord; check: RunRecord['checks'][number] }>();
  for (const run of runs) for (const check of run.checks) latest.set(check.id, { run, check });
  const rows = [...latest.values()].map(({ run, check }): CheckRow => {
    const uptime = WINDOWS.map(({ days }) => {
      const states = runs
        .filter((candidate) => within(candidate, now, days))
        .flatMap((candidate) =>
          candidate.checks.filter((seen) => seen.id === check.id).map((seen) => stateOf(seen.status)),
        );
      const known = states.filter((state) => state !== 'unknown');
      return known.length ? known.filter((state) => state === 'green').length / known.length : undefined;
    });
    return {
      id: check.id,
      kind: kindOf(check.id),
      status: check.status,
      state: stateOf(check.status),
      at: run.recordedAt,
      ...(check.error ? { error: check.error } : {}),
      uptime,
    };
  });
  return rows.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id));
}

function incidentRow(incident: Incident | ResolvedIncident, now: Date): IncidentRow {
  const resolvedAt = 'resolvedAt' in incident ? incident.resolvedAt : undefined;
  return {
    key: incident.key,
    severity: incident.severity,
    subject: incident.subject,
    since: incident.firstFailedAt,
    ...(resolvedAt ? { resolvedAt } : {}),
    durationMs:
      'durationMs' in incident ? incident.durationMs : Math.max(0, now.getTime() - Date.parse(incident.firstFailedAt)),
    checks: incident.checkIds,
    ...(incident.reason ? { reason: incident.reason } : {}),
    flaps: incident.flaps,
  };
}

function overallOf(open: readonly IncidentRow[], last: RunRecord | undefined): StatusModel['overall'] {
  if (!last) return 'no-data';
  if (open.some((incident) => incident.severity === 'P0')) return 'outage';
  if (open.some((incident) => incident.severity === 'P1')) return 'degraded';
  return 'operational';
}

/** The status page's content for `target` at `now`. */
export function buildStatusModel(
  records: readonly RunRecord[],
  state: AlertState,
  target: string,
  now: Date,
  scheduleMinutes: number,
  trendDays = 7,
): StatusModel {
  const runs = monitorRuns(records, target).filter((run) => Date.parse(run.recordedAt) <= now.getTime());
  const last = runs.at(-1);
  const openIncidents = state.incidents
    .filter((incident) => incident.target === target && incident.status === 'open')
    .map((incident) => incidentRow(incident, now))
    .sort((a, b) => b.since.localeCompare(a.since));
  const recentIncidents = state.recent
    .filter((incident) => incident.target === target)
    .map((incident) => incidentRow(incident, now))
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  const availability = WINDOWS.map(({ label, days }) => {
    const slo = computeSlo(runs, target, now, scheduleMinutes, days);
    return {
      label,
      days,
      ...(slo.availability === undefined ? {} : { value: slo.availability }),
      downtimeMinutes: slo.downtimeMinutes,
      runs: slo.runs,
    };
  });
  return {
    target,
    generatedAt: now.toISOString(),
    scheduleMinutes,
    overall: overallOf(openIncidents, last),
    ...(last ? { lastRunAt: last.recordedAt } : {}),
    stale: !last || now.getTime() - Date.parse(last.recordedAt) > 2 * scheduleMinutes * 60_000,
    availability,
    checks: checkRows(runs, now),
    openIncidents,
    recentIncidents,
    trends: TREND_METRICS.map((metric) => trendSeries(runs, metric, now, trendDays)),
    trendDays,
    slo: computeSlo(runs, target, now, scheduleMinutes, 30),
  };
}
