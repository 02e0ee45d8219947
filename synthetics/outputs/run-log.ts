/**
 * `run.ndjson`: the run as one JSON event per line — the run itself, each check result, each budget,
 * each incident decision (sent or held back by a silence), each delivery (Slack, PagerDuty,
 * heartbeat) and each warning — every line with the run id, the target and a timestamp (`dt`, the
 * field Better Stack reads). For log search, not for the verdict. Pure; redaction is the writer's.
 */
import type { RunSummary } from '../model/run-result.ts';
import type { AlertingSection } from './alerting-report.ts';

/** One line of run.ndjson. */
export type RunEvent = { dt: string; event: string; runId: string; target: string } & Record<string, unknown>;

function checkEvents(summary: RunSummary): Array<Record<string, unknown>> {
  return summary.checks.map((check) => {
    const base = {
      check: check.id,
      kind: check.kind,
      status: check.status,
      durationMs: check.durationMs,
      attempts: check.attempts,
      ...(check.error ? { error: check.error } : {}),
    };
    if (check.kind !== 'budget')
      return { event: 'check', ...base, ...(check.metrics ? { metrics: check.metrics } : {}) };
    return {
      event: 'budget',
      ...base,
      actual: check.actual,
      expected: check.expected,
      operator: check.operator,
      aggregation: check.aggregation,
      values: check.values,
    };
  });
}

function alertingEvents(section: AlertingSection): Array<Record<string, unknown>> {
  const suppressed = new Map((section.silences?.suppressed ?? []).map((entry) => [entry.id, entry.silenceId]));
  return [
    ...section.incidents.decisions.map((decision) => ({
      event: 'incident',
      decision: decision.kind,
      key: decision.key,
      severity: decision.severity,
      route: decision.route,
      ...(suppressed.has(decision.id) ? { silencedBy: suppressed.get(decision.id) } : {}),
    })),
    ...section.notifications.messages.map((message) => ({
      event: 'delivery',
      to: 'slack',
      channel: message.channel,
      kind: message.kind,
      key: message.key,
      delivery: message.delivery,
      attempts: message.attempts,
      delayed: message.delayed,
      ...(message.error ? { error: message.error } : {}),
    })),
    ...(section.pages?.events ?? []).map((page) => ({
      event: 'delivery',
      to: 'pagerduty',
      kind: page.action,
      key: page.key,
      dedupKey: page.dedupKey,
      delivery: page.delivery,
      attempts: page.attempts,
      delayed: page.delayed,
      ...(page.error ? { error: page.error } : {}),
    })),
    {
      event: 'delivery',
      to: 'heartbeat',
      delivery: section.heartbeat.status,
      ...(section.heartbeat.variant ? { variant: section.heartbeat.variant } : {}),
      ...(section.heartbeat.error ? { error: section.heartbeat.error } : {}),
    },
    ...section.warnings.map((message) => ({ event: 'warning', message })),
  ];
}

/** Every event of a run, in order: run, checks and budgets, incident decisions, deliveries, warnings. */
export function buildRunEvents(summary: RunSummary, section: AlertingSection | undefined): RunEvent[] {
  const common = { runId: summary.runId, target: summary.target.baseUrl };
  const run = {
    event: 'run',
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    durationMs: summary.durationMs,
    verdict: summary.verdict,
    counts: summary.counts,
    ...(section ? { mode: section.mode } : {}),
  };
  const at = section?.at ?? summary.endedAt;
  return [
    { dt: summary.endedAt, ...common, ...run },
    ...checkEvents(summary).map((event) => ({ dt: summary.endedAt, ...common, event: String(event.event), ...event })),
    ...(section ? alertingEvents(section) : []).map((event) => ({
      dt: at,
      ...common,
      event: String(event.event),
      ...event,
    })),
  ];
}
