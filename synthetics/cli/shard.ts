/**
 * `npm run shard -- --tier core --shard 1/2 [playwright args]`: one shard of a sharded run (a
 * matrix job in CI). Runs `playwright test <tier's projects> --shard=1/2 --reporter=list,blob`, its
 * blob report in `<report dir>/blob/`, then scrubs that blob and the report folder of secrets and
 * deletes the shard's temporary folder (its session). The verdict is not one shard's to give: merge every
 * shard (`npx playwright merge-reports --config playwright.merge.config.ts <report dir>/blob`) and
 * decide once (`npm run decide`). Every shard of a run needs the same SYNTHETICS_RUN_ID.
 * Exit 0 a blob report was written (whatever the checks found), 1 none was, 2 configuration or usage error.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  EXIT,
  claimReportDirOrExit,
  childEnv,
  ensureRunId,
  findBrowserOrExit,
  loadBudgetsOrExit,
  loadConfigOrExit,
} from '../config/load.ts';
import { parseRunArgs } from '../config/run-args.ts';
import { TIERS, splitShard } from '../config/tiers.ts';
import { redactText } from '../model/redact.ts';
import { scrubArtifacts } from '../result/scrub-artifacts.ts';
import { scrubBlobReports } from '../result/scrub-blob.ts';

const USAGE = 'Usage: npm run shard -- --shard <i>/<n> [--tier core|lab|all] [playwright options]';

const parsed = parseRunArgs(process.argv.slice(2), ['tier', 'shard']);
const { shard } = splitShard('error' in parsed ? [] : ['--shard', parsed.shard ?? '']);
if ('error' in parsed || !shard) {
  console.error(
    `Usage error: ${'error' in parsed ? parsed.error : '--shard <i>/<n> is required (1 ≤ i ≤ n)'} — ${USAGE}`,
  );
  process.exit(EXIT.usage);
}
const { tier, rest } = parsed;
const config = loadConfigOrExit();
loadBudgetsOrExit();
findBrowserOrExit(config);
claimReportDirOrExit(config);
const runId = ensureRunId();
const blobDir = join(config.reportDir, 'blob');
const blobName = `report-${tier}-${shard.index}-of-${shard.total}.zip`;
const args = ['test', ...TIERS[tier]!, `--shard=${shard.index}/${shard.total}`, '--reporter=list,blob', ...rest];
console.log(`Shard ${shard.index}/${shard.total} of run ${runId} (tier ${tier}): npx playwright ${args.join(' ')}`);

// A temporary folder of this shard's own: its session folder (load.ts, ensureSessionDir) must not be shared with, nor
// deleted by, another shard of the same run on the same machine.
const shardTmp = await mkdtemp(join(tmpdir(), 'viamentor-shard-'));
await rm(blobDir, { recursive: true, force: true }); // never ship a previous run's blob as this one's
const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const child = spawn(process.execPath, [playwrightCli, ...args], {
  stdio: 'inherit',
  env: childEnv({ TMPDIR: shardTmp, PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir, PLAYWRIGHT_BLOB_OUTPUT_NAME: blobName }),
});
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);
const runnerCode: number = await new Promise((resolve) =>
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
);

// The blob leaves this machine: nothing in it, nor in the folder around it, may hold a secret.
const scrubbed = await scrubArtifacts(config.reportDir, config.secrets);
const blobs = await scrubBlobReports(blobDir, config.secrets);
await rm(shardTmp, { recursive: true, force: true });
for (const problem of [...scrubbed.errors, ...blobs.errors])
  console.error(redactText(`could not scrub secrets from ${problem}`, config.secrets));
if (runnerCode === EXIT.usage) process.exit(EXIT.usage);
const blob = join(blobDir, blobName);
// A blob that could not be scrubbed must not leave the machine.
if (blobs.errors.length > 0) await rm(blob, { force: true });
if (!existsSync(blob)) {
  console.error(
    `Shard ${shard.index}/${shard.total} wrote no usable blob report (${blob}): Playwright exited with ` +
      `code ${runnerCode}. See the output above.`,
  );
  process.exit(EXIT.checkFailed);
}
console.log(
  `Blob report: ${blob} (secrets scrubbed). Merge every shard's blob into one folder, then: npx playwright ` +
    `merge-reports --config playwright.merge.config.ts <that folder> && npm run decide`,
);
process.exit(EXIT.healthy);
