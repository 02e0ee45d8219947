/**
 * The run result: the one value every output (exit code, console, summary.json, Slack, history)
 * is derived from. Plain data; `reports/latest/summary.json` is this, serialised. Documented in the
 * docs/result-schema.md — change both together.
 */
import type { CheckKind } from './check-ids.ts';

export const SUMMARY_SCHEMA_VERSION = 1;

/**
 * passed · failed · flaky (failed, then passed on its confirming retry) · skipped (not run) ·
 * degraded (passed, but over its duration budget) · error (a measurement that could not be made).
 */
export type CheckStatus = 'passed' | 'failed' | 'flaky' | 'skipped' | 'degraded' | 'error';
/** uptime · journey · security · telemetry · budget · a11y, from the id's prefix (check-ids.ts). */
export type { CheckKind };
export type Verdict = 'pass' | 'fail';

/** One test of a check, as the runner saw it (a check may group several tests). */
export interface TestOutcome {
  /** Stable check id from the test's `check` annotation (`journey:login`), absent for setup tests. */
  checkId?: string;
  /** The check's human title: the journey's describe title, or the test title. */
  checkTitle: string;
  project: string;
  title: string;
  status: CheckStatus;
  /** How many times it ran (2 = failed once, then retried to confirm). */
  attempts: number;
  durationMs: number;
  /** Readable reason of the failure: step, message, expected/received. */
  error?: string;
  /** Report-relative paths of traces, screenshots and other evidence of the failure. */
  evidence: string[];
  /** Numbers recorded by the check (`metric:<name>` annotations), e.g. responseMs. */
  metrics: Record<string, number>;
  /** Notes such as a cleanup that could not finish. */
  notes: string[];
}

export interface CheckResult {
  id: string;
  kind: CheckKind;
  title: string;
  status: CheckStatus;
  durationMs: number;
  attempts: number;
  error?: string;
  evidence?: string[];
  metrics?: Record<string, number>;
  notes?: string[];
  /** Budget checks, Lighthouse CI style: `actual` (the aggregate) `operator` `expected`, every run in `values`. */
  expected?: number;
  actual?: number;
  values?: number[];
  operator?: '<=';
  aggregation?: string;
  /** Accessibility checks: the violations that fail the page, and those allow-listed for now. */
  violations?: unknown[];
  allowed?: unknown[];
  tests?: Array<Pick<TestOutcome, 'title' | 'status' | 'attempts' | 'durationMs' | 'error'>>;
}

export interface RunSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  runId: string;
  target: { baseUrl: string; bundled: boolean };
  startedAt: string;
  endedAt: string;
  durationMs: number;
  verdict: Verdict;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
  /** What the run could not do (a setup that failed, cleanup left-overs, a runner interruption). */
  warnings: string[];
  /** Where the rest of the evidence is, relative to the repository root. */
  reports: { dir: string; html: string; junit: string };
}
