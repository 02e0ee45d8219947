/**
 * Tells `npm start` as soon as the app is confirmed down, without waiting for the rest of the run:
 * when `uptime:home` or `uptime:health` has failed its confirming retry, the confirmed checks are
 * written to `<report dir>/app-down.json` (redacted, written aside and renamed). `npm start` watches
 * that file and sends the app-down P0 at once (stages/early-alert.ts); the end-of-run decision
 * then finds the incident already open for this run. Decides nothing itself.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { runContext } from '../config/load.ts';
import { APP_DOWN_CHECKS } from '../model/check-ids.ts';
import { redactDeep } from '../model/redact.ts';
import { toOutcome } from './summary-reporter.ts';
import { appDownFile, type AppDownNotice } from './app-down-file.ts';

/** Writes app-down.json each time another uptime check is confirmed red. */
export default class AppDownReporter implements Reporter {
  readonly #checks: AppDownNotice['checks'] = [];
  readonly #run = runContext();
  #writing: Promise<void> = Promise.resolve();

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const failed = result.status !== 'passed' && result.status !== 'skipped';
    const confirmed = failed && result.retry >= test.retries;
    if (!confirmed) return;
    const config = this.#run.config;
    const outcome = toOutcome(test, config.reportDir);
    if (!outcome.checkId || !APP_DOWN_CHECKS.includes(outcome.checkId)) return;
    this.#checks.push({
      id: outcome.checkId,
      title: outcome.checkTitle,
      status: 'failed',
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.evidence.length ? { evidence: outcome.evidence } : {}),
    });
    const runId = this.#run.runId;
    const notice: AppDownNotice = redactDeep(
      { runId, at: new Date().toISOString(), checks: [...this.#checks] },
      config.secrets,
    );
    const text = `${JSON.stringify(notice, null, 2)}\n`;
    this.#writing = this.#writing.then(() => writeAside(appDownFile(config.reportDir), text)).catch(() => undefined);
  }

  async onEnd(): Promise<void> {
    await this.#writing;
  }
}

async function writeAside(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
