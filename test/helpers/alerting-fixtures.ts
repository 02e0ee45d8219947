/**
 * Crafted run results (what the reference app's faults produce) and a driver that runs the
 * alerting stage on them in-process, run after run, on one history and with an injected clock.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAlertingOptions } from '../../synthetics/config/alerting.ts';
import { loadBudgetsSync } from '../../synthetics/config/budgets.ts';
import { loadSuiteConfig } from '../../synthetics/config/env.ts';
import { processRunResult } from '../../synthetics/stages/alerting-stage.ts';
import type { AlertingSection } from '../../synthetics/outputs/alerting-report.ts';
import type { DeliveryPolicy } from '../../synthetics/outputs/slack-delivery.ts';
import type { CheckResult, CheckStatus, RunSummary } from '../../synthetics/model/run-result.ts';
import type { RegressionConfig } from '../../synthetics/alerting/regressions.ts';

export const TARGET = 'http://127.0.0.1:4310';
export const T0 = Date.parse('2026-11-25T08:00:00Z');

/** Minutes after T0. */
export function at(minutes: number): Date {
  return new Date(T0 + minutes * 60_000);
}

function check(id: string, status: CheckStatus = 'passed', extra: Partial<CheckResult> = {}): CheckResult {
  const kind = id.split(':')[0] as CheckResult['kind'];
  return {
    id,
    kind,
    title: id.replace(':', ': '),
    status,
    durationMs: 1000,
    attempts: status === 'failed' ? 2 : 1,
    ...extra,
  };
}

/** The checks of a healthy core run, budgets and accessibility included. */
export function healthyChecks(ttfb = 20): CheckResult[] {
  return [
    check('uptime:home', 'passed', { metrics: { responseMs: 30 } }),
    check('uptime:health', 'passed', { metrics: { responseMs: 12 } }),
    check('journey:login'),
    check('journey:students'),
    check('journey:booking'),
    check('journey:invoice'),
    check('budget:api:p95', 'passed', {
      expected: 500,
      actual: 85,
      values: [20, 40, 85],
      operator: '<=',
      aggregation: 'p95',
    }),
    check('budget:home:journey-ttfb', 'passed', {
      expected: 600,
      actual: ttfb,
      values: [ttfb],
      operator: '<=',
      aggregation: 'median',
    }),
    check('budget:home:journey-lcp', 'passed', {
      expected: 2500,
      actual: 400,
      values: [400],
      operator: '<=',
      aggregation: 'median',
    }),
    check('a11y:home'),
  ];
}

/** What each switchboard fault does to a core run (as the spine test proves it). */
export const FAULTS: Record<string, (checks: CheckResult[]) => CheckResult[]> = {
  'invoice-total-wrong': (checks) =>
    checks.map((c) =>
      c.id === 'journey:invoice'
        ? {
            ...c,
            status: 'failed',
            attempts: 2,
            error:
              'step "check the subtotal, the VAT and the total": the VAT is 8.1 % of the subtotal, to the ' +
              'centime — Expected: "CHF 20.25"; Received: "CHF 19.25"',
            evidence: ['test-results/invoice-retry1/trace.zip'],
          }
        : c,
    ),
  'login-broken': (checks) =>
    checks.map((c) =>
      c.id === 'journey:login'
        ? {
            ...c,
            status: 'failed',
            attempts: 2,
            error:
              'step "sign in": signing in leads to the dashboard — the login page shows "La connexion a échoué. ' +
              'Réessayez plus tard."',
            evidence: ['test-results/login-retry1/trace.zip'],
          }
        : ['journey:students', 'journey:booking', 'journey:invoice'].includes(c.id)
          ? { ...c, status: 'skipped', error: 'not run: the setup "sign in once for the journeys" failed' }
          : c,
    ),
  'health-db-down': (checks) =>
    checks.map((c) =>
      c.id === 'uptime:health'
        ? {
            ...c,
            status: 'failed',
            attempts: 2,
            error: 'GET /api/health answers 200 (body: {"status":"unhealthy","database":"error"})',
          }
        : c,
    ),
  // A P2 only: the journeys' LCP over its budget (the run fails, nobody is paged).
  'lcp-over-budget': (checks) =>
    checks.map((c) =>
      c.id === 'budget:home:journey-lcp'
        ? { ...c, status: 'failed', actual: 3400, values: [3400], error: 'LCP 3400 ms > 2500 ms' }
        : c,
    ),
  // The app is down: home blank, health failing, and so every journey fails too.
  'app-down': (checks) =>
    checks.map((c) =>
      c.id.startsWith('uptime:') || c.id.startsWith('journey:')
        ? { ...c, status: 'failed', attempts: 2, error: `${c.id}: net::ERR_CONNECTION_REFUSED` }
        : c,
    ),
};

/** A run result: healthy, or with the given faults. */
export function summaryOf(runId: string, faults: string[] = [], ttfb = 20): RunSummary {
  let checks = healthyChecks(ttfb);
  for (const fault of faults) checks = FAULTS[fault]!(checks);
  const counts: RunSummary['counts'] = { passed: 0, failed: 0, flaky: 0, skipped: 0, degraded: 0, error: 0 };
  for (const c of checks) counts[c.status] += 1;
  const failing = counts.failed > 0 || counts.error > 0 || counts.skipped > 0;
  return {
    schemaVersion: 1,
    runId,
    target: { baseUrl: TARGET, bundled: true },
    startedAt: new Date(T0).toISOString(),
    endedAt: new Date(T0 + 40_000).toISOString(),
    durationMs: 40_000,
    verdict: failing ? 'fail' : 'pass',
    counts,
    checks,
    warnings: [],
    reports: { dir: 'reports/latest', html: 'reports/latest/html/index.html', junit: 'reports/latest/junit.xml' },
  };
}

/**
 * Short bounds keep the failure cases quick. The first attempt gets a second, as production's gets a longer
 * first timeout: a prompt answer from a fake on a loaded machine (three test files at once) took over 300 ms.
 */
export const FAST_DELIVERY: DeliveryPolicy = {
  timeoutMs: 300,
  firstTimeoutMs: 1000,
  totalMs: 1500,
  maxRetryAfterMs: 2000,
  backoffMs: [100, 200],
};
const REGRESSION: RegressionConfig = {
  baselineRuns: 3,
  metrics: { ttfb: { relative: 0.25, absolute: 150 }, apiP95: { relative: 0.5, absolute: 150 } },
};

export interface StageDriver {
  dir: string;
  historyDir: string;
  output: string[];
  /** Runs the stage on a crafted run at `minute` (after T0). */
  run(
    runId: string,
    faults: string[],
    minute: number,
    options?: { ttfb?: number; env?: Record<string, string> },
  ): Promise<AlertingSection & { reportDir: string }>;
}

/** A driver over one fresh history, with this environment (webhooks, locale, mode…). */
export async function stageDriver(
  env: Record<string, string> = {},
  delivery: DeliveryPolicy = FAST_DELIVERY,
): Promise<StageDriver> {
  const dir = await mkdtemp(join(tmpdir(), 'viamentor-alerting-'));
  const historyDir = join(dir, 'history');
  const output: string[] = [];
  return {
    dir,
    historyDir,
    output,
    async run(runId, faults, minute, options = {}) {
      const fullEnv = { HISTORY_PATH: historyDir, ...env, ...options.env };
      const config = loadSuiteConfig(fullEnv);
      const reportDir = join(dir, runId);
      await mkdir(reportDir, { recursive: true });
      const summary = {
        ...summaryOf(runId, faults, options.ttfb),
        reports: { dir: reportDir, html: join(reportDir, 'html/index.html'), junit: join(reportDir, 'junit.xml') },
      };
      const summaryPath = join(reportDir, 'summary.json');
      await writeFile(summaryPath, JSON.stringify(summary));
      const section = await processRunResult({
        summary,
        summaryPath,
        config,
        regression: REGRESSION,
        options: loadAlertingOptions(fullEnv),
        now: at(minute),
        delivery,
        heartbeatTimeoutMs: 500,
        print: (text) => output.push(text),
      });
      return { ...section, reportDir };
    },
  };
}

/**
 * Records a crafted earlier run of `baseUrl` with `faults` on in the history of `env` (HISTORY_PATH),
 * as the alerting stage records a real one, `minutesAgo` minutes ago (default 15: the scheduled run
 * before), in a folder of its own under `dir`; it sends nothing (no webhook, no heartbeat). A
 * scenario's history before its real runs, without a run of the suite to get there.
 */
export async function seedEarlierRun(options: {
  env: Record<string, string>;
  baseUrl: string;
  faults: string[];
  dir: string;
  minutesAgo?: number;
}): Promise<void> {
  const minutesAgo = options.minutesAgo ?? 15;
  const then = new Date(Date.now() - minutesAgo * 60_000);
  const reportDir = join(options.dir, `earlier-${minutesAgo}`);
  await mkdir(reportDir, { recursive: true });
  const stamp = then.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const summary: RunSummary = {
    ...summaryOf(`${stamp}-0000`, options.faults),
    startedAt: then.toISOString(),
    endedAt: new Date(then.getTime() + 40_000).toISOString(),
    target: { baseUrl: options.baseUrl, bundled: false },
    reports: { dir: reportDir, html: '', junit: '' },
  };
  const summaryPath = join(reportDir, 'summary.json');
  await writeFile(summaryPath, JSON.stringify(summary));
  const env = { ...options.env, SLACK_WEBHOOK_URL: undefined, HEARTBEAT_URL: undefined };
  await processRunResult({
    summary,
    summaryPath,
    config: loadSuiteConfig(env),
    regression: loadBudgetsSync(options.env.SYNTHETICS_BUDGETS ?? 'budgets.json').regression,
    options: loadAlertingOptions(env),
    now: then,
    print: () => undefined,
  });
}
