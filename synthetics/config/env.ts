/**
 * The suite's environment contract, validated once with a schema. The run context (load.ts) calls
 * `loadSuiteConfig` with the process's environment; everything else receives the typed `SuiteConfig`.
 */
import * as z from 'zod';
import { INTEGRATION_ENV, integrationsOf, isHttpUrl, type Integrations } from './integrations.ts';
import { checkHistoryPath, checkReportDirValue, checkRunId } from './paths.ts';
import { missingPlatform, platformConfig, platformEnvFields, type PlatformConfig } from './platform-env.ts';

/** Defaults that apply only to the bundled reference app (never to a real target). */
export const BUNDLED_TARGET = {
  port: 4310,
  email: 'synthetic@viamentor.test',
  password: 'viamentor-synthetic',
} as const;

/** Variables whose values are never echoed back, even in an error. */
const SECRET_KEYS = /PASSWORD|SECRET|WEBHOOK|HEARTBEAT|ROUTING_KEY|TOKEN|PUSHGATEWAY|ANON_KEY/;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A config mistake the user must fix: one line per problem, each naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

function httpUrl(example: string) {
  return optionalText.pipe(
    z
      .string()
      .refine((value) => isHttpUrl(value), { message: `must be a full http(s) URL, e.g. ${example}` })
      .optional(),
  );
}

/** True when a URL carries a user name or password (`https://user:pass@host`), which would leak everywhere. */
function hasUserinfo(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value.trim());
    return url.username !== '' || url.password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value.trim());
  }
}

const URL_KEYS = [
  'BASE_URL',
  'SUPABASE_URL',
  'SLACK_WEBHOOK_URL',
  'SLACK_WEBHOOK_URL_MONITORING',
  'SLACK_WEBHOOK_URL_DEPLOYS',
  'HEARTBEAT_URL',
  'PAGERDUTY_EVENTS_URL',
  'LOGTAIL_INGEST_URL',
  'PROMETHEUS_PUSHGATEWAY_URL',
];

/** URLs must not carry credentials: named, never echoed (the password would be in the message). */
function userinfoProblems(env: Record<string, string | undefined>): string[] {
  return URL_KEYS.filter((key) => hasUserinfo(env[key])).map(
    (key) => `${key}: must not contain a user name or password (user:pass@); remove it — the value is not shown`,
  );
}

/** Paths the suite writes or deletes: checked apart so that every problem is listed together. */
function pathProblems(env: Record<string, string | undefined>): string[] {
  return [
    checkRunId(env.SYNTHETICS_RUN_ID),
    checkReportDirValue(env.SYNTHETICS_REPORT_DIR),
    checkHistoryPath(env.HISTORY_PATH),
  ].filter((problem): problem is string => problem !== undefined);
}

/** A whole number from `min` to `max` in a variable's text; `message` says the range, `whole` a fraction. */
export function wholeNumberIn(min: number, max: number, message: string, whole = message) {
  return z.coerce
    .number<string | undefined>({ message })
    .int({ message: whole })
    .min(min, { message })
    .max(max, { message });
}

/** A check's assertions wait this long for the page by default: a slow production page is not a broken one. */
export const DEFAULT_EXPECT_TIMEOUT_MS = 10_000;

const envSchema = z.object({
  BASE_URL: httpUrl('https://viamentor.vercel.app'),
  SYNTHETIC_EMAIL: optionalText.pipe(
    z.email({ message: 'must be an e-mail address, e.g. synthetic@viamentor.ch' }).optional(),
  ),
  SYNTHETIC_PASSWORD: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined)),
  CHROME_PATH: optionalText,
  VERCEL_AUTOMATION_BYPASS_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^\S+$/, { message: 'must not contain spaces (copy it from Vercel → Deployment Protection)' })
      .optional(),
  ),
  SLACK_WEBHOOK_URL: httpUrl('https://hooks.slack.com/services/…'),
  SLACK_WEBHOOK_URL_MONITORING: httpUrl('https://hooks.slack.com/services/…'),
  SLACK_WEBHOOK_URL_DEPLOYS: httpUrl('https://hooks.slack.com/services/…'),
  HEARTBEAT_URL: httpUrl('https://uptime.betterstack.com/api/v1/heartbeat/…'),
  HISTORY_PATH: optionalText,
  ...INTEGRATION_ENV,
  ALERT_LOCALE: optionalText.pipe(z.enum(['fr', 'en'], { message: 'must be "fr" or "en"' }).default('fr')),
  PORT: optionalText.pipe(
    wholeNumberIn(
      1,
      65535,
      'must be a port number from 1 to 65535',
      'must be a whole port number from 1 to 65535',
    ).optional(),
  ),
  SYNTHETICS_REPORT_DIR: optionalText,
  SYNTHETICS_EXPECT_TIMEOUT_MS: optionalText.pipe(
    wholeNumberIn(
      1000,
      120_000,
      'must be milliseconds from 1000 to 120000, e.g. 10000',
      'must be whole milliseconds from 1000 to 120000, e.g. 10000',
    ).default(DEFAULT_EXPECT_TIMEOUT_MS),
  ),
  // The target's platform (Supabase origin, further API origins): platform-env.ts.
  ...platformEnvFields,
});

/** Credentials have no default for a real target; checked apart so it is reported with the rest. */
function missingCredentials(env: Record<string, string | undefined>): string[] {
  const target = env.BASE_URL?.trim();
  if (!target) return [];
  const needed = { SYNTHETIC_EMAIL: 'e-mail', SYNTHETIC_PASSWORD: 'password' } as const;
  return Object.entries(needed)
    .filter(([key]) => !env[key]?.trim())
    .map(([key, what]) => {
      const shown = hasUserinfo(target) ? 'BASE_URL is set' : `BASE_URL is set (${target})`;
      return `${key}: is required when ${shown}: set the synthetic user's ${what} in .env or the environment`;
    });
}

/** Everything the checks need, typed, with secrets grouped so that outputs can redact them. */
export interface SuiteConfig {
  target: { baseUrl: string; bundled: boolean; loopback: boolean };
  credentials: { email: string; password: string };
  chromePath: string | undefined;
  bypassSecret: string | undefined;
  /** Extra headers for every request to the target (Vercel protection bypass). */
  extraHeaders: Record<string, string>;
  slack: { alerts?: string; monitoring?: string; deploys?: string };
  heartbeatUrl: string | undefined;
  /** PagerDuty, log shipping and the Pushgateway: each optional (integrations.ts). */
  integrations: Integrations;
  historyPath: string | undefined;
  alertLocale: 'fr' | 'en';
  reportDir: string;
  /** How long a check's assertion waits for the page before it fails (Playwright's expect timeout). */
  expectTimeoutMs: number;
  /** Values that must never appear in a log, report, trace or message. */
  secrets: string[];
  /** The Supabase origin, its anon key, the API origins (platform-env.ts). */
  platform: PlatformConfig;
}

/** Validates the environment; throws `ConfigError` listing every problem at once. */
export function loadSuiteConfig(env: Record<string, string | undefined>): SuiteConfig {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => {
      const key = String(issue.path[0] ?? 'environment');
      const shown = key in env && !SECRET_KEYS.test(key) && !hasUserinfo(env[key]) ? ` (got "${env[key]}")` : '';
      return `${key}${shown}: ${issue.message}`;
    }),
    ...userinfoProblems(env),
    ...missingCredentials(env),
    ...pathProblems(env),
    ...missingPlatform(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const bundled = !e.BASE_URL;
  const baseUrl = (e.BASE_URL ?? `http://127.0.0.1:${e.PORT ?? BUNDLED_TARGET.port}`).replace(/\/+$/, '');
  const password = e.SYNTHETIC_PASSWORD ?? BUNDLED_TARGET.password;
  const platform = platformConfig(e, new URL(baseUrl).origin, bundled);
  const extraHeaders: Record<string, string> = e.VERCEL_AUTOMATION_BYPASS_SECRET
    ? { 'x-vercel-protection-bypass': e.VERCEL_AUTOMATION_BYPASS_SECRET }
    : {};
  const secrets = [
    password,
    e.VERCEL_AUTOMATION_BYPASS_SECRET,
    e.SLACK_WEBHOOK_URL,
    e.SLACK_WEBHOOK_URL_MONITORING,
    e.SLACK_WEBHOOK_URL_DEPLOYS,
    e.HEARTBEAT_URL,
    e.PAGERDUTY_ROUTING_KEY,
    e.LOGTAIL_SOURCE_TOKEN,
    e.PROMETHEUS_PUSHGATEWAY_URL,
    platform.anonKey,
  ].filter((value): value is string => Boolean(value));
  return {
    target: { baseUrl, bundled, loopback: LOOPBACK_HOSTS.has(new URL(baseUrl).hostname) },
    credentials: { email: e.SYNTHETIC_EMAIL ?? BUNDLED_TARGET.email, password },
    chromePath: e.CHROME_PATH,
    bypassSecret: e.VERCEL_AUTOMATION_BYPASS_SECRET,
    extraHeaders,
    slack: {
      alerts: e.SLACK_WEBHOOK_URL,
      monitoring: e.SLACK_WEBHOOK_URL_MONITORING ?? e.SLACK_WEBHOOK_URL,
      deploys: e.SLACK_WEBHOOK_URL_DEPLOYS ?? e.SLACK_WEBHOOK_URL,
    },
    heartbeatUrl: e.HEARTBEAT_URL,
    integrations: integrationsOf(e),
    historyPath: e.HISTORY_PATH,
    alertLocale: e.ALERT_LOCALE,
    reportDir: e.SYNTHETICS_REPORT_DIR ?? 'reports/latest',
    expectTimeoutMs: e.SYNTHETICS_EXPECT_TIMEOUT_MS,
    secrets,
    platform,
  };
}
