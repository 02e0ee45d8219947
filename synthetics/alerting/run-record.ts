/**
 * What the history keeps of a run: enough to decide incidents, baselines, schedules and SLOs for
 * 90 days — every check's status and numbers, the reason of what was not green — and nothing that
 * only the report needs. One record is one line of the history file. Pure.
 */
import * as z from 'zod';
import type { CheckStatus, RunSummary } from '../model/run-result.ts';

export type RunMode = 'monitor' | 'gate';

export interface RecordedCheck {
  id: string;
  status: CheckStatus;
  /** Budget checks: the aggregate and every measured value. */
  actual?: number;
  values?: number[];
  /** Uptime checks: the response time. */
  responseMs?: number;
  /** Why it was not green (shortened). */
  error?: string;
}

export interface RunRecord {
  v: 1;
  runId: string;
  /** The target's base URL: histories of several targets never mix. */
  target: string;
  mode: RunMode;
  /** The clock of the alerting stage when the run was recorded: every window and gap uses it. */
  recordedAt: string;
  startedAt: string;
  durationMs: number;
  verdict: 'pass' | 'fail';
  checks: RecordedCheck[];
}

const STATUSES = ['passed', 'failed', 'flaky', 'skipped', 'degraded', 'error'] as const;

/** The shape of one history line; anything else is a corrupt line. */
export const runRecordSchema = z.object({
  v: z.literal(1),
  runId: z.string(),
  target: z.string(),
  mode: z.enum(['monitor', 'gate']),
  recordedAt: z.iso.datetime(),
  startedAt: z.string(),
  durationMs: z.number(),
  verdict: z.enum(['pass', 'fail']),
  checks: z.array(
    z.object({
      id: z.string(),
      status: z.enum(STATUSES),
      actual: z.number().optional(),
      values: z.array(z.number()).optional(),
      responseMs: z.number().optional(),
      error: z.string().optional(),
    }),
  ),
});

const ERROR_CHARS = 300;
const GREEN: readonly CheckStatus[] = ['passed', 'flaky'];

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The history record of a run. */
export function toRunRecord(summary: RunSummary, mode: RunMode, now: Date): RunRecord {
  return {
    v: 1,
    runId: summary.runId,
    target: summary.target.baseUrl,
    mode,
    recordedAt: now.toISOString(),
    startedAt: summary.startedAt,
    durationMs: summary.durationMs,
    verdict: summary.verdict,
    checks: summary.checks.map((check) => ({
      id: check.id,
      status: check.status,
      ...(check.actual === undefined ? {} : { actual: round(check.actual) }),
      ...(check.kind === 'budget' && check.values?.length ? { values: check.values.map(round) } : {}),
      ...(check.metrics?.responseMs === undefined ? {} : { responseMs: round(check.metrics.responseMs) }),
      ...(check.error && !GREEN.includes(check.status) ? { error: check.error.slice(0, ERROR_CHARS) } : {}),
    })),
  };
}

/** Scheduled (monitor) runs of one target, oldest first. */
export function monitorRuns(records: readonly RunRecord[], target: string): RunRecord[] {
  return records.filter((record) => record.mode === 'monitor' && record.target === target);
}

/** Runs that can serve as a baseline: scheduled, of this target, with a passing verdict. */
export function healthyRuns(records: readonly RunRecord[], target: string): RunRecord[] {
  return monitorRuns(records, target).filter((record) => record.verdict === 'pass');
}
