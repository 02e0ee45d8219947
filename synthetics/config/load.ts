/**
 * The run context: the only place that reads `.env` and `process.env` (test/architecture/process-env.test.ts).
 * Entry points (playwright.config.ts, the CLIs) call `loadConfigOrExit()` and its siblings; a config mistake
 * prints one line per problem and exits with code 2. The runner's workers and reporters, the Lighthouse
 * stage and the bench receive what they need from `runContext()` and `childEnv()`.
 */
import { config as loadDotenv } from 'dotenv';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BrowserNotFoundError, findChromium, type FoundBrowser } from './browser.ts';
import { ConfigError, loadSuiteConfig, type SuiteConfig } from './env.ts';
import { loadBudgetsSync, type Budgets } from './budgets.ts';
import { loadAlertingOptions, type AlertingOptions } from './alerting.ts';
import { closeSessionDir, openSessionDir, storageStateIn } from './paths.ts';
import { claimReportDir } from './report-dir.ts';

type Env = Record<string, string | undefined>;

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
  const budgets = collect(problems, () => loadBudgetsSync(budgetsPath(env)));
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

/** budgets.json, or the file SYNTHETICS_BUDGETS names. */
export function budgetsPath(env: Env = process.env): string {
  return env.SYNTHETICS_BUDGETS ?? 'budgets.json';
}

/** Loads and validates budgets.json (SYNTHETICS_BUDGETS overrides the path), or exits 2. */
export function loadBudgetsOrExit(env: NodeJS.ProcessEnv = process.env): Budgets {
  return exitOnConfigError(() => loadBudgetsSync(budgetsPath(env)));
}

/** `loadAlertingOptions` for entry points: a mistake prints one line per problem and exits 2. */
export function loadAlertingOptionsOrExit(env: NodeJS.ProcessEnv = process.env): AlertingOptions {
  return exitOnConfigError(() => loadAlertingOptions(env));
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

/**
 * The private session folder of this run (paths.ts): made by the first process that asks, inherited by
 * the runner's workers through the environment.
 */
export function ensureSessionDir(env: NodeJS.ProcessEnv = process.env): { dir: string; created: boolean } {
  return openSessionDir(env);
}

/** Deletes the session folder (only one this suite created); never throws. */
export function removeSessionDir(env: NodeJS.ProcessEnv = process.env): void {
  closeSessionDir(env);
}

/**
 * What the processes of one run share — the runner, its workers and reporters, the Lighthouse stage —
 * read from the environment the entry point validated and set up (the run id, the session folder).
 * Each value is read when first asked for; the configuration and the budgets once per context.
 */
export interface RunContext {
  /** The validated environment (a `ConfigError` here: the entry point let a mistake through). */
  readonly config: SuiteConfig;
  /** budgets.json (or SYNTHETICS_BUDGETS), validated. */
  readonly budgets: Budgets;
  /** The run id the entry point set (`unknown` outside a run): tags the records a journey creates. */
  readonly runId: string;
  /** The passive watchers (vitals, axe, API timings) are on unless SYNTHETICS_WATCHERS=off (the bench's bare runs). */
  readonly watchers: boolean;
  /** The synthetic user's saved session, in the run's private session folder. */
  readonly storageStatePath: string;
}

/** The run context of this process. */
export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  let config: SuiteConfig | undefined;
  let budgets: Budgets | undefined;
  return {
    get config() {
      config ??= loadSuiteConfig(env);
      return config;
    },
    get budgets() {
      budgets ??= loadBudgetsSync(budgetsPath(env));
      return budgets;
    },
    get runId() {
      return env.SYNTHETICS_RUN_ID ?? 'unknown';
    },
    get watchers() {
      return env.SYNTHETICS_WATCHERS !== 'off';
    },
    get storageStatePath() {
      return storageStateIn(openSessionDir(env).dir);
    },
  };
}

/**
 * The environment of a child process (the runner, a shard, the reference app, the bench's runs): this
 * process's own, with `overrides` on top and `remove` taken out.
 */
export function childEnv(overrides: Env = {}, remove: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const name of remove) delete env[name];
  return env;
}

/**
 * The raw variables read before (or instead of) validation: the install step and the bench run
 * without a complete configuration, and GitHub Actions' own variables are not the suite's contract.
 */
export function rawEnv(env: Env = process.env): {
  /** CHROME_PATH as given, for the install step and the bench. */
  chromePath: string | undefined;
  /** SYNTHETICS_SKIP_BROWSER_INSTALL=1: postinstall must not install a browser. */
  skipBrowserInstall: boolean;
  /** The bench's target (BASE_URL) and credentials, when it is not the bundled app. */
  bench: { baseUrl: string | undefined; email: string; password: string; supabaseUrl?: string; anonKey?: string };
  /** On a CI machine (CI is set): Playwright forbids `.only` and starts its own reference app. */
  ci: boolean;
  /** GitHub Actions' step output file, when running there. */
  githubOutput: string | undefined;
} {
  return {
    chromePath: env.CHROME_PATH || undefined,
    skipBrowserInstall: env.SYNTHETICS_SKIP_BROWSER_INSTALL === '1',
    bench: {
      baseUrl: env.BASE_URL || undefined,
      email: env.SYNTHETIC_EMAIL ?? '',
      password: env.SYNTHETIC_PASSWORD ?? '',
      ...(env.SUPABASE_URL ? { supabaseUrl: env.SUPABASE_URL } : {}),
      ...(env.SUPABASE_ANON_KEY ? { anonKey: env.SUPABASE_ANON_KEY } : {}),
    },
    ci: Boolean(env.CI),
    githubOutput: env.GITHUB_OUTPUT || undefined,
  };
}
