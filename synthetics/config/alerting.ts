/**
 * The alerting stage's own environment (the Slack, heartbeat, history and locale variables are in
 * `env.ts`): the run mode (monitor or post-deploy gate), the expected schedule, the clock for tests,
 * and the CI links. Validated once, at the start of a run, like the rest of the configuration.
 */
import * as z from 'zod';
import { ConfigError, wholeNumberIn } from './env.ts';
import { loadMaintenanceSync, type MaintenanceWindow } from './maintenance.ts';

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  SYNTHETICS_MODE: optionalText.pipe(
    z
      .enum(['monitor', 'gate'], {
        message: 'must be "monitor" (scheduled runs, default) or "gate" (post-deploy check)',
      })
      .default('monitor'),
  ),
  SYNTHETICS_NOW: optionalText.pipe(
    z
      .string()
      .refine((value) => !Number.isNaN(Date.parse(value)), {
        message: 'must be an ISO date-time, e.g. 2026-11-25T22:30:00Z (tests only)',
      })
      .optional(),
  ),
  SYNTHETICS_SCHEDULE_MINUTES: optionalText.pipe(
    wholeNumberIn(1, 1440, 'must be a number of minutes from 1 to 1440', 'must be a whole number of minutes').default(
      15,
    ),
  ),
  SYNTHETICS_ENVIRONMENT: optionalText,
  SYNTHETICS_REPORT_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, message: 'must be a full http(s) URL where the report folder is published' })
      .optional(),
  ),
  GITHUB_SERVER_URL: optionalText,
  GITHUB_REPOSITORY: optionalText,
  GITHUB_RUN_ID: optionalText,
  GITHUB_SHA: optionalText,
  SYNTHETICS_MAINTENANCE: optionalText,
});

/** How this run is judged and linked; plain data handed to the alerting stage. */
export interface AlertingOptions {
  /** `monitor`: incidents and heartbeat. `gate`: the result goes to the deploys channel, no incident. */
  mode: 'monitor' | 'gate';
  /** The injected clock (SYNTHETICS_NOW), for tests; undefined = the real clock. */
  now: Date | undefined;
  /** The scheduler's interval: a gap over twice this is a missed schedule. */
  scheduleMinutes: number;
  /** Environment name shown in messages; undefined = derived from the target. */
  environment: string | undefined;
  /** Where the report folder is published (its html/ and test-results/ are linked). */
  reportUrl: string | undefined;
  /** The CI run (GitHub Actions), commit and repository page, when known. */
  ci: { runUrl: string | undefined; sha: string | undefined; repoUrl?: string | undefined };
  /** Recurring maintenance windows (maintenance.json, or SYNTHETICS_MAINTENANCE): alerts held back. */
  maintenance: MaintenanceWindow[];
}

/** Validates the alerting variables (and maintenance.json); throws `ConfigError` listing every problem. */
export function loadAlertingOptions(env: Record<string, string | undefined>): AlertingOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const maintenance = loadMaintenanceSync(e.SYNTHETICS_MAINTENANCE ?? 'maintenance.json').windows;
  const repoUrl =
    e.GITHUB_SERVER_URL && e.GITHUB_REPOSITORY
      ? `${e.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${e.GITHUB_REPOSITORY}`
      : undefined;
  const runUrl = repoUrl && e.GITHUB_RUN_ID ? `${repoUrl}/actions/runs/${e.GITHUB_RUN_ID}` : undefined;
  return {
    mode: e.SYNTHETICS_MODE,
    now: e.SYNTHETICS_NOW ? new Date(e.SYNTHETICS_NOW) : undefined,
    scheduleMinutes: e.SYNTHETICS_SCHEDULE_MINUTES,
    environment: e.SYNTHETICS_ENVIRONMENT,
    reportUrl: e.SYNTHETICS_REPORT_URL?.replace(/\/+$/, ''),
    ci: { runUrl, sha: e.GITHUB_SHA, repoUrl },
    maintenance,
  };
}
