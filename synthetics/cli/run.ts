/**
 * `npm start`: the whole suite, one result, one exit code — 0 healthy, 1 a check failed, 2 a
 * configuration or usage error. `--tier core|lab|all` picks what runs (default all); every other
 * Playwright option passes through (`npm start -- --grep @login`; an unknown one is a usage error).
 * While it runs, an app confirmed down is alerted at once (the early P0); after the run, the alerting
 * stage (history, incidents, Slack, heartbeat) — which never changes the exit code.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  EXIT,
  ensureRunId,
  ensureSessionDir,
  findBrowserOrExit,
  loadRunSetupOrExit,
  removeSessionDir,
} from '../config/load.ts';
import { parseRunArgs } from '../config/run-args.ts';
import { redactDeep } from '../model/redact.ts';
import { scrubArtifacts } from '../result/scrub-artifacts.ts';
import { appDownFile } from '../result/app-down-file.ts';
import { buildSummary } from '../result/build-summary.ts';
import type { RunSummary } from '../model/run-result.ts';
import { TIERS } from '../config/tiers.ts';

// Usage and configuration are checked before anything is touched: a typo exits 2, deletes nothing.
const parsed = parseRunArgs(process.argv.slice(2));
if ('error' in parsed) {
  console.error(`Usage error: ${parsed.error}`);
  process.exit(EXIT.usage);
}
const { config, budgets, alerting } = loadRunSetupOrExit();
findBrowserOrExit(config);
const runId = ensureRunId();
ensureSessionDir(); // private (0700), inherited by the runner and its workers, removed on every exit
const summaryPath = join(config.reportDir, 'summary.json');
await rm(summaryPath, { force: true });

const startedAt = new Date();
// Loaded once the configuration is valid: a usage or configuration error is reported without paying for it.
const { messageContextOf, processRunResult } = await import('../stages/alerting-stage.ts');
const { sendEarlyAppDown, watchForAppDown } = await import('../stages/early-alert.ts');
// The early P0: the runner writes app-down.json when the uptime checks confirm the app is down.
const earlyFile = appDownFile(config.reportDir);
await rm(earlyFile, { force: true });
const early = watchForAppDown(earlyFile, (notice) =>
  sendEarlyAppDown({
    notice,
    config,
    options: alerting,
    now: alerting.now ?? new Date(),
    reportDir: config.reportDir,
    context: messageContextOf(config, alerting, config.target.baseUrl, config.reportDir),
  }),
);
const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const child = spawn(process.execPath, [playwrightCli, 'test', ...TIERS[parsed.tier]!, ...parsed.rest], {
  stdio: 'inherit',
});
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);
const runnerCode: number = await new Promise((resolve) =>
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
);
removeSessionDir();
const earlyAlert = await early.stop();

let summary: RunSummary | undefined;
try {
  summary = JSON.parse(await readFile(summaryPath, 'utf8')) as RunSummary;
} catch {
  summary = undefined;
}
if (runnerCode === EXIT.usage) process.exit(EXIT.usage);
if (!summary) summary = await writeFallbackSummary(runnerCode);
await processRunResult({
  summary,
  summaryPath,
  config,
  regression: budgets.regression,
  options: alerting,
  now: alerting.now ?? new Date(),
  ...(earlyAlert ? { early: earlyAlert } : {}),
});
process.exit(summary.verdict === 'pass' ? EXIT.healthy : EXIT.checkFailed);

/** Nothing is lost: a run whose runner died still leaves a (failing, scrubbed) result and reaches alerting. */
async function writeFallbackSummary(code: number): Promise<RunSummary> {
  const problem = `the runner exited with code ${code} without a result; see its output`;
  console.error(`The run produced no result (${summaryPath}): ${problem}.`);
  const fallback = buildSummary([], {
    runId,
    target: { baseUrl: config.target.baseUrl, bundled: config.target.bundled },
    startedAt,
    endedAt: new Date(),
    runnerStatus: 'failed',
    globalErrors: [problem],
    reports: {
      dir: config.reportDir,
      html: join(config.reportDir, 'html', 'index.html'),
      junit: join(config.reportDir, 'junit.xml'),
    },
  });
  const scrub = await scrubArtifacts(config.reportDir, config.secrets);
  for (const error of scrub.errors) fallback.warnings.push(`could not scrub secrets from ${error}`);
  const safe = redactDeep(fallback, config.secrets);
  await mkdir(config.reportDir, { recursive: true });
  await writeFile(summaryPath, `${JSON.stringify(safe, null, 2)}\n`);
  return safe;
}
