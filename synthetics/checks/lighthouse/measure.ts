/**
 * One Lighthouse lab measurement of one page, in a fresh Chrome per run (a reused Chrome skews LCP),
 * the audits the budgets read only (lab-settings.ts). Every way a run can go wrong comes back as a `failed`
 * Measurement with a code: callers aggregate runs and judge budgets, they never catch.
 *
 * Lighthouse leaves timers alive for a few seconds after a run; entry points that call measurePage
 * should end with `process.exit()` (the bench does) rather than wait for the event loop to drain.
 */
import lighthouse from 'lighthouse';
import { ChromeLaunchError, launchFreshChrome, type FreshChrome } from './fresh-chrome.ts';
import { openHeaderedTab } from './target-headers-page.ts';
import { readLighthouseResult } from './read-result.ts';
import { seedStorageState, StorageSeedError } from './seed-storage.ts';
import { collectRunSecrets, writeReports } from './write-reports.ts';
import { allowLabWaits, labConfig, lighthouseFlags } from './lab-settings.ts';
import type { FormFactor, LabMetrics, Measurement, MeasureOptions, StorageStateLike, Throttling } from './lab-types.ts';

/** Default bound of one whole run (Chrome start, seeding, Lighthouse, reports). */
export const DEFAULT_MEASURE_TIMEOUT_MS = 60_000;
const SETTLE_AFTER_TIMEOUT_MS = 5_000;
/**
 * The least time between Chrome opening its debugging port and Lighthouse starting. A fresh Chrome is
 * still busy starting up when the port opens (its profile, its first page, its other processes); a run
 * that starts at once measures part of that: on 2 cores Lighthouse's own benchmark index had a median
 * of 1.30 k (lhci 1.73 k), and the login page's LCP spread over 480–1,040 ms (lhci 440–810; 500–710
 * with this wait). Waited from the start of Chrome: the session seeding counts towards it. Chrome
 * signals no end of its start-up, so this is a bound, not an event (docs/measurements.md, eighth session).
 */
export const CHROME_SETTLE_MS = 700;

/** Measures one page once. Never throws for a measurement problem; Chrome and its profile are always removed. */
export async function measurePage(options: MeasureOptions): Promise<Measurement> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = options.timeoutMs ?? DEFAULT_MEASURE_TIMEOUT_MS;
  const run: { chrome?: FreshChrome; timedOut: boolean } = { timedOut: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const work = runLighthouse(options, run, elapsed);
  try {
    const outcome = await Promise.race([work, timeout]);
    if (outcome !== 'timeout') return outcome;
    run.timedOut = true;
    return {
      status: 'failed',
      code: 'TIMEOUT',
      reason: `no result from Lighthouse for ${options.url} within ${timeoutMs} ms`,
      durationMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
    await run.chrome?.close();
    // After a timeout, let the abandoned run notice its Chrome is gone before we return.
    if (run.timedOut) await Promise.race([work, delay(SETTLE_AFTER_TIMEOUT_MS)]);
  }
}

async function runLighthouse(
  options: MeasureOptions,
  run: { chrome?: FreshChrome; timedOut: boolean },
  elapsed: () => number,
): Promise<Measurement> {
  try {
    run.chrome = await launchFreshChrome(options.chromePath, options.chromeFlags);
    const settled = new Promise<void>((resolve) => setTimeout(resolve, CHROME_SETTLE_MS));
    if (run.timedOut) return failure('TIMEOUT', 'timed out while Chrome started', elapsed());
    if (options.storageState) await seedStorageState(run.chrome.port, options.storageState);
    const config = labConfig(options.formFactor);
    allowLabWaits();
    // The bypass header reaches the target's origin only (never Lighthouse's extraHeaders: every origin).
    const tab = options.extraHeaders
      ? await openHeaderedTab(run.chrome.port, options.url, options.extraHeaders)
      : undefined;
    await settled;
    const result = await lighthouse(options.url, lighthouseFlags(options, run.chrome.port), config, tab?.page).finally(
      () => tab?.disconnect(),
    );
    if (run.timedOut) return failure('TIMEOUT', 'Lighthouse finished after the timeout', elapsed());
    if (!result) return failure('RUNTIME_ERROR', `Lighthouse returned no result for ${options.url}`, elapsed());
    const verdict = readLighthouseResult(result.lhr, options.url);
    const secrets = collectRunSecrets(options.extraHeaders, options.storageState);
    const reports = await writeReports(result.lhr, options.reportDir, options.reportName, secrets);
    return { ...verdict, durationMs: elapsed(), reports };
  } catch (error) {
    if (run.timedOut) return failure('TIMEOUT', 'the run was abandoned after the timeout', elapsed());
    const chromeDied = run.chrome !== undefined && !run.chrome.isRunning();
    const chromeProblem = chromeDied || error instanceof ChromeLaunchError || error instanceof StorageSeedError;
    return failure(chromeProblem ? 'CHROME_FAILED' : 'RUNTIME_ERROR', describe(error, options.url), elapsed());
  } finally {
    // Also reached when a Chrome comes up after the timeout already returned: it must not outlive the run.
    await run.chrome?.close();
  }
}

function failure(
  code: Extract<Measurement, { status: 'failed' }>['code'],
  reason: string,
  durationMs: number,
): Measurement {
  return { status: 'failed', code, reason, durationMs };
}

function describe(error: unknown, url: string): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `measuring ${url} failed: ${message}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
