/**
 * The optional integrations beyond Slack and the heartbeat — PagerDuty (P0 pages), Better Stack /
 * Logtail (run logs) and a Prometheus Pushgateway (metrics) — as environment variables, validated
 * with the rest of the environment (env.ts). Each one is off until its variable is set.
 */
import * as z from 'zod';

/** The official Events API v2 endpoint. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
/** Better Stack's default HTTP ingestion host for a Logtail source. */
export const LOGTAIL_INGEST_URL = 'https://in.logs.betterstack.com';

const text = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

/** A full http(s) URL with a host (shared with env.ts). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const url = (example: string) =>
  text.pipe(
    z
      .string()
      .refine(isHttpUrl, { message: `must be a full http(s) URL, e.g. ${example}` })
      .optional(),
  );
const token = (where: string) =>
  text.pipe(
    z
      .string()
      .regex(/^\S+$/, { message: `must not contain spaces (copy it from ${where})` })
      .optional(),
  );

/** The variables, merged into the environment schema of env.ts. */
export const INTEGRATION_ENV = {
  PAGERDUTY_ROUTING_KEY: token('PagerDuty → Service → Integrations → Events API v2 → Integration Key'),
  PAGERDUTY_EVENTS_URL: url(PAGERDUTY_EVENTS_URL),
  LOGTAIL_SOURCE_TOKEN: token('Better Stack → Logs → Sources → your HTTP source'),
  LOGTAIL_INGEST_URL: url(LOGTAIL_INGEST_URL),
  PROMETHEUS_PUSHGATEWAY_URL: url('http://pushgateway.example:9091'),
};

type Parsed = { [K in keyof typeof INTEGRATION_ENV]?: string | undefined };

/** Where each integration sends, when it is on. The routing key and token are secrets. */
export interface Integrations {
  pagerduty?: { routingKey: string; eventsUrl: string };
  logtail?: { sourceToken: string; ingestUrl: string };
  pushgatewayUrl?: string;
}

/** The integrations that are on, from the validated variables. */
export function integrationsOf(env: Parsed): Integrations {
  return {
    ...(env.PAGERDUTY_ROUTING_KEY
      ? {
          pagerduty: {
            routingKey: env.PAGERDUTY_ROUTING_KEY,
            eventsUrl: env.PAGERDUTY_EVENTS_URL ?? PAGERDUTY_EVENTS_URL,
          },
        }
      : {}),
    ...(env.LOGTAIL_SOURCE_TOKEN
      ? { logtail: { sourceToken: env.LOGTAIL_SOURCE_TOKEN, ingestUrl: env.LOGTAIL_INGEST_URL ?? LOGTAIL_INGEST_URL } }
      : {}),
    ...(env.PROMETHEUS_PUSHGATEWAY_URL ? { pushgatewayUrl: env.PROMETHEUS_PUSHGATEWAY_URL.replace(/\/+$/, '') } : {}),
  };
}
