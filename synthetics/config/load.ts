/**
 * The only place that reads `.env` and `process.env`. Entry points (playwright.config.ts, the CLIs)
 * call `loadConfigOrExit()`; a config mistake prints one line per problem and exits with code 2.
 */
import { config as loadDotenv } from 'dotenv';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BrowserNotFoundError, findChromium, type FoundBrowser } from './browser.ts';
import { ConfigError, loadSuiteConfig, type SuiteConfig } from './env.ts';
import { loadBudgetsSync, type Budgets } from './budgets.ts';
import { loadAlertingOptions, type AlertingOptions } from './alerting.ts';
import { claimReportDir } from './report-dir.ts';

/** Exit codes of every entry point: 0 healthy, 1 a check failed, 2 configuration or usage error. */
export const EXIT = { healthy: 0, checkFailed: 1, usage: 2 } as const;

/**
 * Loads `.env` (SYNTHETICS_ENV_FILE overrides its path; `none` skips it); the environment wins.
 * A SYNTHETICS_ENV_FILE that does not exist is a `ConfigError` (a silent skip hides a typo).
 */
export function loadDotenvFile(env: NodeJS.ProcessEnv = process.env): void {
  const file = env.SYNTHETICS_ENV_FILE ?? '.env';
  if (file === 'none') return;
  if (env.SYNTHETICS_ENV_FILE !== undefined && !existsSync(file)) {
    throw new ConfigError([
      `SYNTHETICS_ENV_FILE: no file at ${file}; fix the path, or set it to "none" to read no .env`,
    ]);
  }
  loadDotenv({ path: file, quiet: true, processEnv: env as Record<string, string> });
}

function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
    process.exit(EXIT.usage);
  }
}

/** Loads and validates the environment, or prints the problems and exits 2 (no stack trace). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): SuiteConfig {
  exitOnConfigError(() => loadDotenvFile(env));
  return exitOnConfigError(() => loadSuiteConfig(env));
}

/** Runs every loader and keeps every `ConfigError`'s problems, so that all are listed at once. */
function collect<T>(problems: string[], load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/**
 * Everything a run needs (environment, budgets, alerting, the report folder claimed), with every
 * problem from every source printed at once before exiting 2 — for the entry points that run checks.
 */
export function loadRunSetupOrExit(env: NodeJS.ProcessEnv = process.env): {
  config: SuiteConfig;
  budgets: Budgets;
  alerting: AlertingOptions;
} {
  const problems: string[] = [];
  collect(problems, () => loadDotenvFile(env));
  const config = collect(problems, () => loadSuiteConfig(env));
  const budgets = collect(problems, () => loadBudgetsSync(env.SYNTHETICS_BUDGETS ?? 'budgets.json'));
  const alerting = collect(problems, () => loadAlertingOptions(env));
  if (config) collect(problems, () => claimReportDir(config.reportDir));
  if (problems.length > 0 || !config || !budgets || !alerting) {
    for (const problem of problems) console.error(`Configuration error: ${problem}`);
    process.exit(EXIT.usage);
  }
  return { config, budgets, alerting };
}

/** Claims the report folder as the suite's own (see report-dir.ts), or prints why not and exits 2. */
export function claimReportDirOrExit(config: SuiteConfig): void {
  exitOnConfigError(() => claimReportDir(config.reportDir));
}

/** Loads and validates budgets.json (SYNTHETICS_BUDGETS overrides the path), or exits 2. */
export function loadBudgetsOrExit(env: NodeJS.ProcessEnv = process.env): Budgets {
  return exitOnConfigError(() => loadBudgetsSync(env.SYNTHETICS_BUDGETS ?? 'budgets.json'));
}

/**
 * The run id, shared by the runner and its workers through the environment: it tags every record
 * a journey creates (`SYN-<runId>`), so it must be identical in every worker of one run.
 */
export function ensureRunId(env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  if (!env.SYNTHETICS_RUN_ID) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    env.SYNTHETICS_RUN_ID = `${stamp}-${randomBytes(2).toString('hex')}`;
  }
  return env.SYNTHETICS_RUN_ID;
}

/**
 * Finds Chromium for this configuration, or prints what to do and exits 2. Playwright is loaded
 * here, not on import: a configuration mistake is reported before paying for it.
 */
export function findBrowserOrExit(config: SuiteConfig): FoundBrowser {
  try {
    const { chromium } = createRequire(import.meta.url)('@playwright/test') as typeof import('@playwright/test');
    return findChromium(config.chromePath, chromium.executablePath());
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(EXIT.usage);
  }
}
