/**
 * What the daily digest says (the P2 channel): the last 24 hours of scheduled runs, the incidents
 * still open, the P2 items (performance budgets, regressions, accessibility) that the policy keeps
 * out of the alerts channel, what resolved, missed schedules, and the SLO status. Pure.
 */
import type { Incident, ResolvedIncident } from './incidents.ts';
import type { AlertState } from './alert-state.ts';
import { monitorRuns, type RunRecord } from './run-record.ts';
import { findScheduleGaps, type ScheduleGap } from './schedule.ts';
import { computeSlo, type SloReport } from './slo.ts';
import type { Silence } from './silences.ts';

export interface DigestContent {
  at: string;
  target: string;
  windowHours: number;
  runs: { total: number; failed: number };
  /** P0/P1 incidents still open. */
  open: Incident[];
  /** Open P2 incidents by section. */
  performance: Incident[];
  regressions: Incident[];
  accessibility: Incident[];
  resolved: ResolvedIncident[];
  gaps: ScheduleGap[];
  slo: SloReport;
  /** Silences and maintenance windows in force during the window, with the incidents they hold back. */
  silenced: Array<Silence & { held: string[] }>;
  /** Messages Slack refused for good (a 4xx): never resent, listed here so that nothing is lost silently. */
  refused: Array<{ id: string; channel: string; error: string }>;
}

const byStart = (a: Incident, b: Incident) => a.firstFailedAt.localeCompare(b.firstFailedAt);

/** Silences that overlapped the window (manual ones from the state, and the windows' occurrences). */
function silencedIn(
  state: AlertState,
  windows: readonly Silence[],
  since: Date,
  now: Date,
  target: string,
): DigestContent['silenced'] {
  const overlapping = [...(state.silences ?? []), ...windows].filter(
    (silence) => Date.parse(silence.until) > since.getTime() && Date.parse(silence.from) <= now.getTime(),
  );
  const held = (state.held ?? []).filter((notice) => notice.decision.target === target);
  return overlapping.map((silence) => ({
    ...silence,
    held: held.filter((notice) => notice.silenceId === silence.id).map((notice) => notice.decision.key),
  }));
}

/** The digest of one target for the `windowHours` before `now`; `windows`: maintenance-window occurrences. */
export function buildDigest(
  records: readonly RunRecord[],
  state: AlertState,
  target: string,
  now: Date,
  scheduleMinutes: number,
  windowHours = 24,
  windows: readonly Silence[] = [],
): DigestContent {
  const since = new Date(now.getTime() - windowHours * 3_600_000);
  const runs = monitorRuns(records, target).filter((run) => Date.parse(run.recordedAt) <= now.getTime());
  const recent = runs.filter((run) => Date.parse(run.recordedAt) >= since.getTime());
  const open = state.incidents
    .filter((incident) => incident.target === target && incident.status === 'open')
    .sort(byStart);
  const p2 = (kind: Incident['kind']) =>
    open.filter((incident) => incident.severity === 'P2' && incident.kind === kind);
  return {
    at: now.toISOString(),
    target,
    windowHours,
    runs: { total: recent.length, failed: recent.filter((run) => run.verdict === 'fail').length },
    open: open.filter((incident) => incident.severity !== 'P2'),
    performance: p2('performance'),
    regressions: p2('regression'),
    accessibility: p2('accessibility'),
    resolved: state.recent.filter(
      (incident) => incident.target === target && Date.parse(incident.resolvedAt) >= since.getTime(),
    ),
    gaps: findScheduleGaps(
      [...runs.filter((run) => Date.parse(run.recordedAt) < since.getTime()).slice(-1), ...recent],
      since,
      scheduleMinutes,
    ),
    slo: computeSlo(records, target, now, scheduleMinutes),
    silenced: silencedIn(state, windows, since, now, target),
    refused: state.outbox
      .filter((item) => item.refused && item.context.baseUrl === target)
      .map((item) => ({ id: item.id, channel: item.channel, error: item.lastError ?? 'refused' })),
  };
}
