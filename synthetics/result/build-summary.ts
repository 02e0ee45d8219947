/**
 * From what the runner saw (test outcomes) to the run result: tests grouped into checks by their
 * stable id, statuses combined, failures explained, the verdict decided. Pure: no I/O, no clock.
 */
import {
  SUMMARY_SCHEMA_VERSION,
  type CheckKind,
  type CheckResult,
  type CheckStatus,
  type RunSummary,
  type TestOutcome,
} from './types.ts';

export interface RunMeta {
  runId: string;
  target: RunSummary['target'];
  startedAt: Date;
  endedAt: Date;
  /** Playwright's overall status: a timed-out or interrupted run is never a pass. */
  runnerStatus: 'passed' | 'failed' | 'timedout' | 'interrupted';
  /** Errors outside any test (a worker crash, a broken file): the run cannot be a pass. */
  globalErrors: readonly string[];
  reports: RunSummary['reports'];
}

const KIND_ORDER: readonly CheckKind[] = ['uptime', 'journey', 'budget', 'a11y'];

/** The kind of a check, from its id prefix (`journey:login` → journey). */
export function kindOf(id: string): CheckKind {
  const prefix = id.split(':')[0] as CheckKind;
  return KIND_ORDER.includes(prefix) ? prefix : 'journey';
}

/** failed > flaky > passed; skipped only when nothing ran. */
export function combineStatuses(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('flaky')) return 'flaky';
  if (statuses.length > 0 && statuses.every((status) => status === 'skipped')) return 'skipped';
  return 'passed';
}

function toCheck(id: string, tests: readonly TestOutcome[], blockedBy: string | undefined): CheckResult {
  const status = combineStatuses(tests.map((test) => test.status));
  const failing = tests.find((test) => test.status === 'failed');
  const prefix = tests.length > 1 && failing ? `${failing.title} — ` : '';
  const error = failing?.error
    ? `${prefix}${failing.error}`
    : status === 'skipped' && blockedBy
      ? `not run: ${blockedBy}`
      : undefined;
  const evidence = tests.flatMap((test) => test.evidence);
  const metrics = Object.assign({}, ...tests.map((test) => test.metrics)) as Record<string, number>;
  const notes = tests.flatMap((test) => test.notes);
  return {
    id,
    kind: kindOf(id),
    title: tests[0]?.checkTitle ?? id,
    status,
    durationMs: tests.reduce((sum, test) => sum + test.durationMs, 0),
    attempts: Math.max(0, ...tests.map((test) => test.attempts)),
    ...(error ? { error } : {}),
    ...(evidence.length ? { evidence } : {}),
    ...(Object.keys(metrics).length ? { metrics } : {}),
    ...(notes.length ? { notes } : {}),
    tests: tests.map(({ title, status: s, attempts, durationMs, error: e }) => ({ title, status: s, attempts, durationMs, ...(e ? { error: e } : {}) })),
  };
}

function compareChecks(a: CheckResult, b: CheckResult): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id);
}

/** Builds the run result and its verdict from the runner's outcomes. */
export function buildSummary(outcomes: readonly TestOutcome[], meta: RunMeta): RunSummary {
  const setupFailures = outcomes.filter((outcome) => !outcome.checkId && outcome.status === 'failed');
  const blockedBy = setupFailures[0] ? `the setup "${setupFailures[0].title}" failed: ${setupFailures[0].error ?? 'no reason given'}` : undefined;
  const byCheck = new Map<string, TestOutcome[]>();
  for (const outcome of outcomes) {
    if (!outcome.checkId) continue;
    byCheck.set(outcome.checkId, [...(byCheck.get(outcome.checkId) ?? []), outcome]);
  }
  const checks = [...byCheck].map(([id, tests]) => toCheck(id, tests, blockedBy)).sort(compareChecks);
  const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
  for (const check of checks) counts[check.status] += 1;

  const warnings = [
    ...(blockedBy ? [`${blockedBy} — the checks that need it did not run`] : []),
    ...(meta.runnerStatus === 'timedout' ? ['the run hit its global timeout before every check finished'] : []),
    ...(meta.runnerStatus === 'interrupted' ? ['the run was interrupted before every check finished'] : []),
    ...meta.globalErrors.map((error) => `error outside the checks: ${error}`),
    ...checks.flatMap((check) => (check.notes ?? []).map((note) => `${check.id}: ${note}`)),
  ];
  const blocked = Boolean(blockedBy) && checks.some((check) => check.status === 'skipped');
  const verdict =
    counts.failed > 0 || blocked || meta.globalErrors.length > 0 || setupFailures.length > 0 || meta.runnerStatus === 'timedout' || meta.runnerStatus === 'interrupted'
      ? 'fail'
      : 'pass';
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: meta.runId,
    target: meta.target,
    startedAt: meta.startedAt.toISOString(),
    endedAt: meta.endedAt.toISOString(),
    durationMs: meta.endedAt.getTime() - meta.startedAt.getTime(),
    verdict,
    counts,
    checks,
    warnings,
    reports: meta.reports,
  };
}
