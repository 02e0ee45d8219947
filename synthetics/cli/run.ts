/**
 * `npm start`: the whole suite, one result, one exit code — 0 healthy, 1 a check failed, 2 a
 * configuration or usage error. `--tier core|lab|all` picks what runs (default all); every other
 * argument goes to Playwright (`npm start -- --grep @login`). After the run, the alerting stage
 * (history, incidents, Slack, heartbeat) — which never changes the exit code.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadAlertingOptionsOrExit } from '../config/alerting.ts';
import { EXIT, ensureRunId, findBrowserOrExit, loadBudgetsOrExit, loadConfigOrExit } from '../config/load.ts';
import { messageContextOf, processRunResult } from '../outputs/alerting-stage.ts';
import { sendEarlyAppDown, watchForAppDown } from '../outputs/early-app-down.ts';
import { appDownFile } from '../result/app-down-file.ts';
import { buildSummary } from '../result/build-summary.ts';
import type { RunSummary } from '../result/types.ts';
import { TIERS, splitTier } from '../config/tiers.ts';

const config = loadConfigOrExit();
const budgets = loadBudgetsOrExit();
const alerting = loadAlertingOptionsOrExit();
findBrowserOrExit(config);
ensureRunId();
const summaryPath = join(config.reportDir, 'summary.json');
await rm(summaryPath, { force: true });

const { tier, rest } = splitTier(process.argv.slice(2));
if (!TIERS[tier]) {
  console.error(`Usage error: --tier must be one of ${Object.keys(TIERS).join(', ')} (got "${tier}")`);
  process.exit(EXIT.usage);
}
const startedAt = new Date();
// The early P0: the runner writes app-down.json when the uptime checks confirm the app is down.
const earlyFile = appDownFile(config.reportDir);
await rm(earlyFile, { force: true });
const early = watchForAppDown(earlyFile, (notice) => sendEarlyAppDown({
  notice, config, options: alerting, now: alerting.now ?? new Date(), reportDir: config.reportDir,
  context: messageContextOf(config, alerting, config.target.baseUrl, config.reportDir),
}));
const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const child = spawn(process.execPath, [playwrightCli, 'test', ...TIERS[tier]!, ...rest], { stdio: 'inherit' });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);
const runnerCode: number = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
const earlyAlert = await early.stop();

let summary: RunSummary | undefined;
try {
  summary = JSON.parse(await readFile(summaryPath, 'utf8')) as RunSummary;
} catch {
  summary = undefined;
}
if (runnerCode === EXIT.usage) process.exit(EXIT.usage);
if (!summary) {
  // Nothing is lost: a run whose runner died still leaves a (failing) result and reaches alerting.
  const problem = `the runner exited with code ${runnerCode} without a result; see its output`;
  console.error(`The run produced no result (${summaryPath}): ${problem}.`);
  summary = buildSummary([], {
    runId: process.env.SYNTHETICS_RUN_ID ?? 'unknown',
    target: { baseUrl: config.target.baseUrl, bundled: config.target.bundled },
    startedAt,
    endedAt: new Date(),
    runnerStatus: 'failed',
    globalErrors: [problem],
    reports: { dir: config.reportDir, html: join(config.reportDir, 'html', 'index.html'), junit: join(config.reportDir, 'junit.xml') },
  });
  await mkdir(config.reportDir, { recursive: true });
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
}
await processRunResult({
  summary, summaryPath, config, regression: budgets.regression, options: alerting, now: alerting.now ?? new Date(),
  ...(earlyAlert ? { early: earlyAlert } : {}),
});
process.exit(summary.verdict === 'pass' ? EXIT.healthy : EXIT.checkFailed);
