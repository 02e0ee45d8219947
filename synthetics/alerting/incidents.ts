/**
 * The incident state machine: from this run's signals, the incidents of the target and the clock
 * to the next incidents and the decisions — `open`, `remind`, `resolve` (with its duration), or
 * nothing. Flap damping by consecutive-run thresholds (alert-policy.ts); reminders at the policy's
 * interval while red; an unknown signal (not run, or explained by an outage) changes nothing. Pure.
 */
import { ALERT_POLICY, type AlertPolicy, type IncidentKind, type Route, type Severity } from './alert-policy.ts';
import type { Signal } from './signals.ts';

export interface Incident {
  key: string;
  target: string;
  severity: Severity;
  kind: IncidentKind;
  subject: string;
  /** `pending`: red, but not for enough runs to open yet (nobody was told). */
  status: 'pending' | 'open';
  /** When the first red run of this incident was recorded: the incident's start. */
  firstFailedAt: string;
  openedAt?: string;
  lastRedAt: string;
  redStreak: number;
  greenStreak: number;
  /** First green run of the current green streak: the end, if it resolves. */
  greenSince?: string;
  lastNotifiedAt?: string;
  reminders: number;
  /** Times it turned red again while open (flapping). */
  flaps: number;
  checkIds: string[];
  reason?: string;
  evidence?: string[];
  firstRunId: string;
  lastRunId: string;
}

export interface ResolvedIncident extends Incident {
  resolvedAt: string;
  durationMs: number;
}

export type DecisionKind = 'open' | 'remind' | 'resolve';

export interface AlertDecision {
  /** Unique and stable: `<runId>:<kind>:<key>` — a decision is delivered once. */
  id: string;
  kind: DecisionKind;
  key: string;
  target: string;
  severity: Severity;
  incidentKind: IncidentKind;
  subject: string;
  route: Route;
  runId: string;
  /** When it was decided. */
  at: string;
  /** When the incident started. */
  since: string;
  /** Resolve: how long it lasted. Remind: how long it has lasted so far. */
  durationMs?: number;
  checkIds: string[];
  reason?: string;
  evidence?: string[];
  reminder?: number;
  flaps: number;
  /** A reminder sent because a silence that held the incident's messages back has ended. */
  silenceEnded?: boolean;
}

export interface AlertOutcome {
  incidents: Incident[];
  resolved: ResolvedIncident[];
  decisions: AlertDecision[];
}

function decision(
  kind: DecisionKind,
  incident: Incident,
  now: Date,
  runId: string,
  policy: AlertPolicy,
  extra: Partial<AlertDecision> = {},
): AlertDecision {
  return {
    id: `${runId}:${kind}:${incident.key}`,
    kind,
    key: incident.key,
    target: incident.target,
    severity: incident.severity,
    incidentKind: incident.kind,
    subject: incident.subject,
    route: policy.route[incident.severity],
    runId,
    at: now.toISOString(),
    since: incident.firstFailedAt,
    checkIds: incident.checkIds,
    ...(incident.reason ? { reason: incident.reason } : {}),
    ...(incident.evidence ? { evidence: incident.evidence } : {}),
    flaps: incident.flaps,
    ...extra,
  };
}

function newIncident(signal: Signal, target: string, now: Date, runId: string): Incident {
  const at = now.toISOString();
  return {
    key: signal.key,
    target,
    severity: signal.severity,
    kind: signal.kind,
    subject: signal.subject,
    status: 'pending',
    firstFailedAt: at,
    lastRedAt: at,
    redStreak: 0,
    greenStreak: 0,
    reminders: 0,
    flaps: 0,
    checkIds: signal.checkIds,
    firstRunId: runId,
    lastRunId: runId,
  };
}

function onRed(
  found: Incident | undefined,
  signal: Signal,
  target: string,
  now: Date,
  runId: string,
  policy: AlertPolicy,
): { incident: Incident; decision?: AlertDecision } {
  // Already decided for this run (the early app-down alert): the run counts once, nothing is sent twice.
  const counted = found?.lastRunId === runId && found.status === 'open';
  if (counted) return { incident: { ...found, checkIds: signal.checkIds } };
  const { greenSince: _greenEnded, ...base } = found ?? newIncident(signal, target, now, runId);
  const incident: Incident = {
    ...base,
    severity: signal.severity,
    kind: signal.kind,
    subject: signal.subject,
    redStreak: base.redStreak + 1,
    greenStreak: 0,
    flaps: base.status === 'open' && base.greenStreak > 0 ? base.flaps + 1 : base.flaps,
    lastRedAt: now.toISOString(),
    lastRunId: runId,
    checkIds: signal.checkIds,
    ...(signal.reason ? { reason: signal.reason } : {}),
    ...(signal.evidence ? { evidence: signal.evidence } : {}),
  };
  if (incident.status === 'pending') {
    if (incident.redStreak < policy.thresholds[incident.severity].open) return { incident };
    const opened: Incident = {
      ...incident,
      status: 'open',
      openedAt: now.toISOString(),
      lastNotifiedAt: now.toISOString(),
    };
    return { incident: opened, decision: decision('open', opened, now, runId, policy) };
  }
  const every = policy.remindEveryMinutes[incident.severity];
  const last = Date.parse(incident.lastNotifiedAt ?? incident.openedAt ?? incident.firstFailedAt);
  if (every === null || now.getTime() - last < every * 60_000) return { incident };
  const reminded: Incident = { ...incident, reminders: incident.reminders + 1, lastNotifiedAt: now.toISOString() };
  const elapsed = now.getTime() - Date.parse(incident.firstFailedAt);
  return {
    incident: reminded,
    decision: decision('remind', reminded, now, runId, policy, { reminder: reminded.reminders, durationMs: elapsed }),
  };
}

function onGreen(
  found: Incident,
  now: Date,
  runId: string,
  policy: AlertPolicy,
): { incident?: Incident; resolved?: ResolvedIncident; decision?: AlertDecision } {
  if (found.status === 'pending') return {};
  const greenSince = found.greenSince ?? now.toISOString();
  const incident: Incident = {
    ...found,
    greenStreak: found.greenStreak + 1,
    redStreak: 0,
    greenSince,
    lastRunId: runId,
  };
  if (incident.greenStreak < policy.thresholds[incident.severity].resolve) return { incident };
  const durationMs = Math.max(0, Date.parse(greenSince) - Date.parse(incident.firstFailedAt));
  const resolved: ResolvedIncident = { ...incident, resolvedAt: greenSince, durationMs };
  return { resolved, decision: decision('resolve', incident, now, runId, policy, { durationMs }) };
}

/**
 * Decides what to tell whom. `incidents` are the target's incidents before this run; the result's
 * `incidents` replace them (resolved ones leave, listed in `resolved`).
 */
export function decideAlerts(
  signals: readonly Signal[],
  incidents: readonly Incident[],
  now: Date,
  run: { runId: string; target: string },
  policy: AlertPolicy = ALERT_POLICY,
): AlertOutcome {
  const byKey = new Map(incidents.map((incident) => [incident.key, incident]));
  const decisions: AlertDecision[] = [];
  const resolved: ResolvedIncident[] = [];
  for (const signal of signals) {
    const found = byKey.get(signal.key);
    if (signal.state === 'red') {
      const next = onRed(found, signal, run.target, now, run.runId, policy);
      byKey.set(signal.key, next.incident);
      if (next.decision) decisions.push(next.decision);
    } else if (signal.state === 'green' && found) {
      const next = onGreen(found, now, run.runId, policy);
      if (next.incident) byKey.set(signal.key, next.incident);
      else byKey.delete(signal.key);
      if (next.resolved) resolved.push(next.resolved);
      if (next.decision) decisions.push(next.decision);
    }
  }
  return { incidents: [...byKey.values()], resolved, decisions };
}
