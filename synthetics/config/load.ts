/**
 * The only place that reads `.env` and `process.env`. Entry points (playwright.config.ts, the CLIs)
 * call `loadConfigOrExit()`; a config mistake prints one line per problem and exits with code 2.
 */
import { config as loadDotenv } from 'dotenv';
import { randomBytes } from 'node:crypto';
import { chromium } from '@playwright/test';
import { BrowserNotFoundError, findChromium, type FoundBrowser } from './browser.ts';
import { ConfigError, loadSuiteConfig, type SuiteConfig } from './env.ts';
import { loadBudgetsSync, type Budgets } from './budgets.ts';

/** Exit codes of every entry point: 0 healthy, 1 a check failed, 2 configuration or usage error. */
export const EXIT = { healthy: 0, checkFailed: 1, usage: 2 } as const;

/** Loads `.env` (SYNTHETICS_ENV_FILE overrides its path; `none` skips it); the environment wins. */
export function loadDotenvFile(env: NodeJS.ProcessEnv = process.env): void {
  const file = env.SYNTHETICS_ENV_FILE ?? '.env';
  if (file === 'none') return;
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
  loadDotenvFile(env);
  return exitOnConfigError(() => loadSuiteConfig(env));
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

/** Finds Chromium for this configuration, or prints what to do and exits 2. */
export function findBrowserOrExit(config: SuiteConfig): FoundBrowser {
  try {
    return findChromium(config.chromePath, chromium.executablePath());
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(EXIT.usage);
  }
}
