/**
 * Ten days of hourly scheduled runs written through the alerting stage itself (its history store,
 * its incident state machine), with known outages and incidents, so that every figure the status
 * page shows can be predicted by hand:
 * - app down (health endpoint red) at hours 30–31 and 120 → two P0 `app-down` incidents, resolved;
 * - the invoice journey red at hours 180–183 → a P1 opened on the 2nd red run, resolved;
 * - the booking journey red for the last three hours → a P1 still open at NOW.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAlertingOptions } from '../../synthetics/config/alerting.ts';
import { loadBudgetsSync } from '../../synthetics/config/budgets.ts';
import { loadSuiteConfig } from '../../synthetics/config/env.ts';
import { processRunResult } from '../../synthetics/stages/alerting-stage.ts';
import type { CheckResult, RunSummary } from '../../synthetics/model/run-result.ts';
import { summaryOf } from '../helpers/alerting-fixtures.ts';

export const START = Date.parse('2026-11-15T00:00:00Z');
export const HOURS = 240;
/** One hour after the last run. */
export const NOW = new Date(START + HOURS * 3_600_000);
export const SCHEDULE_MINUTES = 60;
export const DOWN_HOURS = [30, 31, 120];
export const INVOICE_RED_HOURS = [180, 181, 182, 183];
export const BOOKING_RED_HOURS = [237, 238, 239];

function faultsAt(hour: number): string[] {
  return [
    ...(DOWN_HOURS.includes(hour) ? ['health-db-down'] : []),
    ...(INVOICE_RED_HOURS.includes(hour) ? ['invoice-total-wrong'] : []),
  ];
}

/** Daily rhythm in the numbers: slower afternoons, so the trend charts have a shape. */
function wave(hour: number): number {
  return (Math.sin(((hour % 24) / 24) * 2 * Math.PI) + 1) / 2;
}

function checksAt(hour: number, base: CheckResult[]): CheckResult[] {
  const checks = base.map((check) => {
    if (check.id === 'journey:booking' && BOOKING_RED_HOURS.includes(hour)) {
      return {
        ...check,
        status: 'failed' as const,
        attempts: 2,
        error: 'step "book a free slot": the lesson appears in the planning — Expected: visible; Received: hidden',
      };
    }
    if (check.id === 'budget:home:journey-lcp') {
      const lcp = Math.round(380 + 240 * wave(hour));
      return { ...check, actual: lcp, values: [lcp, lcp + 30] };
    }
    if (check.id === 'budget:api:p95') {
      const p95 = Math.round(70 + 60 * wave(hour));
      return { ...check, actual: p95, values: [20, 40, p95] };
    }
    return check;
  });
  const cls = Math.round(20 * wave(hour)) / 1000;
  return [
    ...checks,
    {
      id: 'budget:home:journey-cls',
      kind: 'budget',
      title: 'budget: home journey-cls',
      status: 'passed',
      durationMs: 0,
      attempts: 1,
      expected: 0.1,
      actual: cls,
      values: [cls],
      operator: '<=',
      aggregation: 'p75',
    },
  ];
}

function summaryAt(hour: number, reportDir: string): RunSummary {
  const runId = `20261115-${String(hour).padStart(6, '0')}-beef`;
  const base = summaryOf(runId, faultsAt(hour), Math.round(20 + 30 * wave(hour)));
  const checks = checksAt(hour, base.checks);
  const counts: RunSummary['counts'] = { passed: 0, failed: 0, flaky: 0, skipped: 0, degraded: 0, error: 0 };
  for (const check of checks) counts[check.status] += 1;
  return {
    ...base,
    checks,
    counts,
    verdict: counts.failed > 0 ? 'fail' : 'pass',
    reports: { dir: reportDir, html: join(reportDir, 'html/index.html'), junit: join(reportDir, 'junit.xml') },
  };
}

/** Writes the history into a new temporary folder; resolves to that folder and the history's. */
export async function generateHistory(): Promise<{ dir: string; historyDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'viamentor-status-'));
  const historyDir = join(dir, 'history');
  const env = { HISTORY_PATH: historyDir, SYNTHETICS_SCHEDULE_MINUTES: String(SCHEDULE_MINUTES) };
  const config = loadSuiteConfig(env);
  const options = loadAlertingOptions(env);
  const regression = loadBudgetsSync('budgets.json').regression;
  const reportDir = join(dir, 'run');
  await mkdir(reportDir, { recursive: true });
  for (let hour = 0; hour < HOURS; hour += 1) {
    const summary = summaryAt(hour, reportDir);
    const summaryPath = join(reportDir, 'summary.json');
    await writeFile(summaryPath, JSON.stringify(summary));
    await processRunResult({
      summary,
      summaryPath,
      config,
      regression,
      options,
      now: new Date(START + hour * 3_600_000),
      heartbeatTimeoutMs: 200,
      print: () => undefined,
    });
  }
  return { dir, historyDir };
}
