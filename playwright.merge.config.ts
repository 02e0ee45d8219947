/**
 * The merge side of a sharded run: `npx playwright merge-reports --config playwright.merge.config.ts
 * <blob dir>` turns the blob reports of every shard into the same reports a single run writes —
 * HTML, JUnit and ONE `summary.json` (our summary reporter, scrubbing secrets), which the alerting
 * stage then judges once (`npm run decide`). The environment must be the shards' (BASE_URL, the
 * credentials and secrets, SYNTHETICS_RUN_ID, SYNTHETICS_REPORT_DIR): the reporter reads it.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { claimReportDirOrExit, ensureRunId, loadBudgetsOrExit, loadConfigOrExit } from './synthetics/config/load.ts';

const config = loadConfigOrExit();
loadBudgetsOrExit();
ensureRunId();
claimReportDirOrExit(config);

export default defineConfig({
  // The shards' test directory: merged test locations resolve against it.
  testDir: './synthetics/checks',
  reporter: [
    ['html', { outputFolder: join(config.reportDir, 'html'), open: 'never' }],
    ['junit', { outputFile: join(config.reportDir, 'junit.xml') }],
    // Last, as in playwright.config.ts: it scrubs what the reporters above have written.
    ['./synthetics/result/summary-reporter.ts'],
  ],
});
