/**
 * One configuration for every way the suite runs: `npm start`, CI, `npx playwright test --grep
 * @login --ui`. Without BASE_URL it starts the bundled reference app and checks that.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import {
  claimReportDirOrExit,
  ensureRunId,
  ensureSessionDir,
  findBrowserOrExit,
  loadBudgetsOrExit,
  loadConfigOrExit,
  rawEnv,
  removeSessionDir,
  runContext,
} from './synthetics/config/load.ts';

const config = loadConfigOrExit();
loadBudgetsOrExit();
ensureRunId();
claimReportDirOrExit(config);
// The session folder is made once by the runner (or by `npm start` before it) and inherited by the
// workers; the process that made it removes it on every exit path (the reporter does it first).
if (ensureSessionDir().created) process.once('exit', () => removeSessionDir());

const browser = findBrowserOrExit(config);
const reportDir = config.reportDir;
const { ci } = rawEnv();

export default defineConfig({
  testDir: './synthetics/checks',
  outputDir: join(reportDir, 'test-results'),
  forbidOnly: ci,
  // Confirmation: a failing check runs once more before it counts (policy: no page for a flake).
  retries: 1,
  // One worker per two cores (Playwright's own default, written out): on a 2-core runner a second
  // worker's Chromium competes with the first one's page loads, and the journeys' vitals measure the
  // machine (home TTFB 625 ms, LCP 2.6 s on the first load) instead of the app (40 ms, 0.7–0.9 s); one
  // worker was faster there too (54 s against 62–64 s, docs/measurements.md). `--workers` overrides it.
  // The Lighthouse project allows one (never two runs at once), and `npm start` runs it with
  // --workers=1 when it shares a run with the journeys (honest lab numbers).
  workers: '50%',
  timeout: 90_000,
  // 10 s by default; SYNTHETICS_EXPECT_TIMEOUT_MS for a slower target, or a quicker verdict on a broken one.
  expect: { timeout: config.expectTimeoutMs },
  reporter: [
    // First: it clears its live line (a terminal) before `list` writes.
    ['./synthetics/checks/lighthouse/progress-reporter.ts'],
    ['list'],
    ['html', { outputFolder: join(reportDir, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reportDir, 'junit.xml') }],
    // Tells `npm start` at once when the uptime checks confirm the app is down (the early P0).
    ['./synthetics/result/app-down-reporter.ts'],
    ['./synthetics/result/summary-reporter.ts'],
  ],
  use: {
    baseURL: config.target.baseUrl,
    // No extraHTTPHeaders: the bypass header goes to the target's origin only (fixtures/test.ts).
    locale: 'fr-CH',
    timezoneId: 'Europe/Zurich',
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    // The headless shell when the system has one (synthetics/config/browser.ts); Lighthouse keeps the full browser.
    launchOptions: { executablePath: browser.checksExecutablePath, args: [...browser.args] },
  },
  projects: [
    // Listed first, so the uptime checks run first: an app found down is alerted at once (early P0).
    { name: 'uptime', testMatch: /uptime\/.+\.check\.ts$/ },
    // No trace for the sign-in: its trace would hold the saved session (storageState).
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { trace: 'off' } },
    { name: 'public', testMatch: /(security\/.+\.check|login\.journey)\.ts$/ },
    {
      name: 'journeys',
      testMatch: /\.journey\.ts$/,
      testIgnore: /login\.journey\.ts$/,
      dependencies: ['setup'],
      use: { storageState: runContext().storageStatePath },
    },
    {
      name: 'lighthouse',
      testMatch: /\.lighthouse\.ts$/,
      dependencies: ['setup'],
      workers: 1,
    },
  ],
  webServer: config.target.bundled
    ? {
        command: `"${process.execPath}" reference-app/server.ts`,
        url: `${config.target.baseUrl}/api/health`,
        env: { PORT: new URL(config.target.baseUrl).port },
        reuseExistingServer: !ci,
        timeout: 30_000,
      }
    : undefined,
});
