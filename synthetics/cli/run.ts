/**
 * `npm start`: the whole suite, one result, one exit code — 0 healthy, 1 a check failed, 2 a
 * configuration or usage error. Extra arguments go to Playwright (`npm start -- --grep @login`).
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EXIT, ensureRunId, findBrowserOrExit, loadConfigOrExit } from '../config/load.ts';
import type { RunSummary } from '../result/types.ts';

const config = loadConfigOrExit();
findBrowserOrExit(config);
ensureRunId();
const summaryPath = join(config.reportDir, 'summary.json');
await rm(summaryPath, { force: true });

const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const child = spawn(process.execPath, [playwrightCli, 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);
const runnerCode: number = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

let summary: RunSummary | undefined;
try {
  summary = JSON.parse(await readFile(summaryPath, 'utf8')) as RunSummary;
} catch {
  summary = undefined;
}
if (runnerCode === EXIT.usage) process.exit(EXIT.usage);
if (!summary) {
  console.error(`The run produced no result (${summaryPath}): Playwright exited with code ${runnerCode}. See the output above.`);
  process.exit(EXIT.checkFailed);
}
process.exit(summary.verdict === 'pass' ? EXIT.healthy : EXIT.checkFailed);
