/**
 * From what the runner saw (test outcomes) to the run result: tests grouped into checks by their
 * stable id, statuses combined, failures explained, the verdict decided. Pure: no I/O, no clock.
 */
import { CHECK_KINDS, kindOf } from '../model/check-ids.ts';
import {
  SUMMARY_SCHEMA_VERSION,
  type CheckResult,
  type CheckStatus,
  type RunSummary,
  type TestOutcome,
} from '../model/run-result.ts';

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
  /** Checks decided outside the runner's tests (budgets, accessibility). */
  extraChecks?: readonly CheckResult[];
  /** A journey's duration budget: over it, a passing journey is `degraded`. */
  durationBudgetMs?: (checkId: string) => number | undefined;
}

/** failed > flaky > passed; skipped only when nothing ran. */
export function combineStatuses(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('flaky')) return 'flaky';
  if (statuses.length > 0 && statuses.every((status) => status === 'skipped')) return 'skipped';
  return 'passed';
}

/** A journey that passed over its duration budget is degraded (Checkly's meaning): slow, not broken. */
function degradation(
  id: string,
  status: CheckStatus,
  durationMs: number,
  budgetMs: number | undefined,
): string | undefined {
  if (kindOf(id) !== 'journey' || status !== 'passed' || budgetMs === undefined || durationMs <= budgetMs)
    return undefined;
  return `took ${(durationMs / 1000).toFixed(1)} s, over its ${(budgetMs / 1000).toFixed(1)} s duration budget`;
}

function toCheck(
  id: string,
  tests: readonly TestOutcome[],
  blockedBy: string | undefined,
  budgetMs: number | undefined,
): CheckResult {
  const durationMs = tests.reduce((sum, test) => sum + test.durationMs, 0);
  const combined = combineStatuses(tests.map((test) => test.status));
  const slow = degradation(id, combined, durationMs, budgetMs);
  const status: CheckStatus = slow ? 'degraded' : combined;
  const failing = tests.find((test) => test.status === 'failed');
  const prefix = tests.length > 1 && failing ? `${failing.title} — ` : '';
  // A check that skipped itself says why, more precisely than a failed setup it may not even need.
  const ownSkip = tests.find((test) => test.status === 'skipped' && test.error)?.error;
  const error = failing?.error
    ? `${prefix}${failing.error}`
    : status === 'skipped' && !ownSkip && blockedBy
      ? `not run: ${blockedBy}`
      : (slow ?? ownSkip);
  const evidence = tests.flatMap((test) => test.evidence);
  const metrics = Object.assign({}, ...tests.map((test) => test.metrics)) as Record<string, number>;
  const notes = tests.flatMap((test) => test.notes);
  return {
    id,
    kind: kindOf(id),
    title: tests[0]?.checkTitle ?? id,
    status,
    durationMs,
    attempts: Math.max(0, ...tests.map((test) => test.attempts)),
    ...(error ? { error } : {}),
    ...(evidence.length ? { evidence } : {}),
    ...(Object.keys(metrics).length ? { metrics } : {}),
    ...(notes.length ? { notes } : {}),
    tests: tests.map(({ title, status: s, attempts, durationMs, error: e }) => ({
      title,
      status: s,
      attempts,
      durationMs,
      ...(e ? { error: e } : {}),
    })),
  };
}

function compareChecks(a: CheckResult, b: CheckResult): number {
  return CHECK_KINDS.indexOf(a.kind) - CHECK_KINDS.indexOf(b.kind) || a.id.localeCompare(b.id);
}

/** Builds the run result and its verdict from the runner's outcomes. */
export function buildSummary(outcomes: readonly TestOutcome[], meta: RunMeta): RunSummary {
  const setupFailures = outcomes.filter(
    (outcome) => !outcome.checkId && outcome.project === 'setup' && outcome.status === 'failed',
  );
  const stageFailures = outcomes.filter(
    (outcome) => !outcome.checkId && outcome.project !== 'setup' && outcome.status === 'failed',
  );
  const blockedBy = setupFailures[0]
    ? `the setup "${setupFailures[0].title}" failed: ${setupFailures[0].error ?? 'no reason given'}`
    : undefined;
  const byCheck = new Map<string, TestOutcome[]>();
  for (const outcome of outcomes) {
    if (!outcome.checkId) continue;
    byCheck.set(outcome.checkId, [...(byCheck.get(outcome.checkId) ?? []), outcome]);
  }
  const checks = [
    ...[...byCheck].map(([id, tests]) => toCheck(id, tests, blockedBy, meta.durationBudgetMs?.(id))),
    ...(meta.extraChecks ?? []),
  ].sort(compareChecks);
  const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, flaky: 0, skipped: 0, degraded: 0, error: 0 };
  for (const check of checks) counts[check.status] += 1;

  const warnings = [
    ...(blockedBy ? [`${blockedBy} — the checks that need it did not run`] : []),
    ...(meta.runnerStatus === 'timedout' ? ['the run hit its global timeout before every check finished'] : []),
    ...(meta.runnerStatus === 'interrupted' ? ['the run was interrupted before every check finished'] : []),
    ...meta.globalErrors.map((error) => `error outside the checks: ${error}`),
    ...stageFailures.map(
      (outcome) => `${outcome.project} stage "${outcome.title}" failed: ${outcome.error ?? 'no reason given'}`,
    ),
    ...checks.flatMap((check) => (check.notes ?? []).map((note) => `${check.id}: ${note}`)),
  ];
  const blocked = Boolean(blockedBy) && checks.some((check) => check.status === 'skipped');
  const verdict =
    counts.failed > 0 ||
    counts.error > 0 ||
    blocked ||
    meta.globalErrors.length > 0 ||
    stageFailures.length > 0 ||
    setupFailures.length > 0 ||
    meta.runnerStatus === 'timedout' ||
    meta.runnerStatus === 'interrupted'
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
