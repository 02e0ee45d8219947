/**
 * `npm run decide -- [report dir] [--incomplete <why>]`: the alerting stage for a result built
 * elsewhere — the merge of a sharded run, where playwright.merge.config.ts wrote ONE summary.json
 * from every shard's blob. History, incidents, Slack and heartbeat are decided once for the whole
 * run, as `npm start` does after a single run. `--incomplete` (CI: a shard job failed or was
 * cancelled) makes the verdict fail: checks that did not run must never read as a pass.
 * In GitHub Actions it also sets the step outputs `verdict` and `decisions`.
 * Exit 0 pass, 1 fail or no result, 2 configuration or usage error.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, loadAlertingOptionsOrExit, loadBudgetsOrExit, loadConfigOrExit, rawEnv } from '../config/load.ts';
import { processRunResult } from '../stages/alerting-stage.ts';
import { writeFileAtomic } from '../outputs/history-store.ts';
import type { RunSummary } from '../model/run-result.ts';
import { parseCliArgs, usageError } from './cli-args.ts';

const USAGE = 'npm run decide -- [report dir] [--incomplete <why>]';

const args = parseCliArgs({ incomplete: { type: 'string' } }, USAGE, 1);
if (args.values.incomplete !== undefined && !args.values.incomplete.trim())
  usageError('--incomplete needs a reason', USAGE);
const parsed = { dir: args.positionals[0], incomplete: args.values.incomplete };
const config = loadConfigOrExit();
const budgets = loadBudgetsOrExit();
const alerting = loadAlertingOptionsOrExit();
const summaryPath = join(parsed.dir ?? config.reportDir, 'summary.json');

let summary: RunSummary;
try {
  summary = JSON.parse(await readFile(summaryPath, 'utf8')) as RunSummary;
} catch (error) {
  console.error(
    `No run result to decide on (${summaryPath}: ` +
      `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
      'Merge the shards first: npx playwright merge-reports --config playwright.merge.config.ts <blob dir>',
  );
  process.exit(EXIT.checkFailed);
}
if (parsed.incomplete) {
  summary = {
    ...summary,
    verdict: 'fail',
    warnings: [
      ...summary.warnings,
      `incomplete run: ${parsed.incomplete} — the checks of the missing part did not run`,
    ],
  };
  await writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  console.error(`Verdict forced to FAIL: incomplete run (${parsed.incomplete}).`);
}

const section = await processRunResult({
  summary,
  summaryPath,
  config,
  regression: budgets.regression,
  options: alerting,
  now: alerting.now ?? new Date(),
});
const githubOutput = rawEnv().githubOutput;
if (githubOutput) {
  await appendFile(githubOutput, `verdict=${summary.verdict}\ndecisions=${section.incidents.decisions.length}\n`);
}
console.log(
  `\nVerdict: ${summary.verdict.toUpperCase()} (run ${summary.runId}, ${summary.checks.length} checks) — decided ` +
    `once for the merged result ${summaryPath}`,
);
process.exit(summary.verdict === 'pass' ? EXIT.healthy : EXIT.checkFailed);
