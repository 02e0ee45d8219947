/**
 * One configuration for every way the suite runs: `npm start`, CI, `npx playwright test --grep
 * @login --ui`. Without BASE_URL it starts the bundled reference app and checks that.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { ensureRunId, findBrowserOrExit, loadBudgetsOrExit, loadConfigOrExit } from './synthetics/config/load.ts';
import { storageStatePath } from './synthetics/config/paths.ts';

const config = loadConfigOrExit();
loadBudgetsOrExit();
ensureRunId();

const browser = findBrowserOrExit(config);
const reportDir = config.reportDir;

export default defineConfig({
  testDir: './synthetics/checks',
  outputDir: join(reportDir, 'test-results'),
  forbidOnly: Boolean(process.env.CI),
  // Confirmation: a failing check runs once more before it counts (policy: no page for a flake).
  retries: 1,
  // Two workers for the journeys; the Lighthouse project allows one (never two runs at once), and
  // `npm start` runs it with --workers=1 when it shares a run with the journeys (honest lab numbers).
  workers: 2,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: join(reportDir, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reportDir, 'junit.xml') }],
    ['./synthetics/result/summary-reporter.ts'],
  ],
  use: {
    baseURL: config.target.baseUrl,
    extraHTTPHeaders: config.extraHeaders,
    locale: 'fr-CH',
    timezoneId: 'Europe/Zurich',
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: [...browser.args] },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'public', testMatch: /((uptime|security)\/.+\.check|login\.journey)\.ts$/ },
    {
      name: 'journeys',
      testMatch: /\.journey\.ts$/,
      testIgnore: /login\.journey\.ts$/,
      dependencies: ['setup'],
      use: { storageState: storageStatePath() },
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
        reuseExistingServer: !process.env.CI,
        timeout: 30_000,
      }
    : undefined,
});
