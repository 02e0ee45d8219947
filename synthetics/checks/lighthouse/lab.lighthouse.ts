/**
 * The Lighthouse stage: every page of budgets.json marked for the lab, N runs each in a fresh
 * Chrome, one run at a time (this project has one worker). Each test only measures and attaches
 * what it saw; the budget checks (`budget:<page>:<metric>`) are decided in the reporter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runContext } from '../../config/load.ts';
import type { LighthouseObservation } from '../../model/observations.ts';
import { attachObservations } from '../fixtures/observations.ts';
import { OBSERVATION_ATTACHMENTS } from '../../model/observations.ts';
import { pagelessTest as test } from '../fixtures/test.ts';
import { measurePage } from './measure.ts';
import { type StorageStateLike } from './lab-types.ts';

const context = runContext();
const budgets = context.budgets;
const PER_RUN_TIMEOUT_MS = 60_000;

test.describe('lighthouse', { tag: '@lighthouse' }, () => {
  for (const entry of budgets.pages.filter((candidate) => candidate.lighthouse)) {
    test(`measures ${entry.path} (${entry.name})`, async ({ suiteConfig, chromiumFound }, testInfo) => {
      const { runs, formFactors } = budgets.lighthouse;
      test.setTimeout(runs * formFactors.length * (PER_RUN_TIMEOUT_MS + 10_000));
      const storageState = entry.auth
        ? (JSON.parse(readFileSync(context.storageStatePath, 'utf8')) as StorageStateLike)
        : undefined;
      const observations: LighthouseObservation[] = [];
      for (const formFactor of formFactors) {
        for (let run = 1; run <= runs; run += 1) {
          await test.step(`Lighthouse ${formFactor} run ${run}/${runs}`, async () => {
            const measurement = await measurePage({
              url: `${suiteConfig.target.baseUrl}${entry.path}`,
              formFactor,
              chromePath: chromiumFound.executablePath,
              chromeFlags: chromiumFound.args,
              storageState,
              extraHeaders: suiteConfig.extraHeaders,
              reportDir: join(suiteConfig.reportDir, 'lighthouse'),
              reportName: `${entry.name}-${formFactor}-${run}`,
              timeoutMs: PER_RUN_TIMEOUT_MS,
              throttling: budgets.lighthouse.throttling,
            });
            observations.push(
              measurement.status === 'measured'
                ? { page: entry.name, formFactor, metrics: measurement.metrics }
                : { page: entry.name, formFactor, failure: `run ${run}: ${measurement.code}: ${measurement.reason}` },
            );
          });
        }
      }
      await attachObservations(testInfo, OBSERVATION_ATTACHMENTS.lighthouse, observations);
    });
  }
});
