/**
 * PagerDuty Events API v2: a P0 incident's page. `trigger` when it opens, `resolve` when it
 * resolves, both under the incident's dedup key, so PagerDuty keeps one alert per incident and does
 * its own reminders and escalation. Delivered like Slack messages (delivery-retry.ts): timeout,
 * 429/5xx retried with backoff, kept in the state's outbox until PagerDuty accepts it (202). A 400
 * (`invalid event`) can never succeed: it is reported with PagerDuty's errors and dropped.
 */
import type { MessageContext } from '../alerting/alert-state.ts';
import type { PageEvent } from '../alerting/pages.ts';
import type { Locale } from './alert-texts.ts';
import {
  parseRetryAfter,
  sendWithRetry,
  type DeliveryPolicy,
  type DeliveryProblem,
  type SendResult,
} from './delivery-retry.ts';
import { environmentLabel, incidentTitle } from './incident-message.ts';

/** PagerDuty's limit on `payload.summary`. */
const SUMMARY_CHARS = 1024;

/** One Events API v2 request body (the routing key is a secret: never logged, never written). */
export type PagerDutyBody = Record<string, unknown> & {
  routing_key: string;
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
};

function links(event: PageEvent, ctx: MessageContext): Array<{ href: string; text: string }> {
  const out: Array<{ href: string; text: string }> = [];
  if (ctx.runUrl) out.push({ href: ctx.runUrl, text: 'CI run' });
  if (ctx.reportUrl) out.push({ href: `${ctx.reportUrl}/html/index.html`, text: 'Report' });
  const trace = event.decision.evidence?.find((path) => path.endsWith('.zip'));
  if (trace && ctx.reportUrl) out.push({ href: `${ctx.reportUrl}/${trace}`, text: 'Trace' });
  return out;
}

/** The request body of a page event: a full `trigger`, or a `resolve` naming the dedup key. */
export function pagerDutyBody(
  event: PageEvent,
  ctx: MessageContext,
  routingKey: string,
  locale: Locale,
): PagerDutyBody {
  const base = { routing_key: routingKey, event_action: event.action, dedup_key: event.dedupKey } as const;
  if (event.action === 'resolve') return { ...base };
  const d = event.decision;
  const environment = environmentLabel(ctx.environment, locale);
  const summary = `${d.severity} — ${incidentTitle(d, locale)} — ${environment} — ${ctx.baseUrl}`.slice(
    0,
    SUMMARY_CHARS,
  );
  return {
    ...base,
    payload: {
      summary,
      source: ctx.baseUrl,
      severity: 'critical',
      timestamp: d.at,
      component: d.checkIds[0] ?? d.key,
      group: environment,
      class: d.incidentKind,
      custom_details: {
        incident: d.key,
        checks: d.checkIds,
        since: d.since,
        run_id: d.runId,
        report: ctx.reportUrl ? `${ctx.reportUrl}/html/index.html` : `${ctx.reportPath}/html/index.html`,
        ...(d.reason ? { reason: d.reason.slice(0, 1500) } : {}),
        ...(d.evidence ? { evidence: d.evidence } : {}),
        ...(ctx.sha ? { commit: ctx.sha } : {}),
      },
    },
    client: 'Viamentor Synthetics',
    ...(ctx.runUrl ? { client_url: ctx.runUrl } : {}),
    links: links(event, ctx),
  };
}

async function answerOf(response: Response): Promise<{ status?: string; message?: string; errors?: string[] }> {
  try {
    return (await response.json()) as { status?: string; message?: string; errors?: string[] };
  } catch {
    return {};
  }
}

/** What one HTTP answer of the Events API means for this event. */
async function classify(response: Response): Promise<DeliveryProblem | undefined> {
  const answer = await answerOf(response);
  if (response.status === 202 || (response.ok && answer.status === 'success')) return undefined;
  if (response.status === 429) {
    const wait = parseRetryAfter(response.headers.get('retry-after'));
    return {
      message: 'PagerDuty rate limit (429)',
      ...(wait === undefined ? { retry: 'backoff' } : { retry: 'after', waitMs: wait }),
    };
  }
  if (response.status >= 500) return { message: `PagerDuty answered ${response.status}`, retry: 'backoff' };
  const errors = (answer.errors ?? []).join('; ').slice(0, 300);
  if (response.status === 400)
    return {
      message: `PagerDuty refused the event (400 ${answer.status ?? ''}: ${errors || answer.message || 'no detail'})`,
      retry: 'never',
    };
  return {
    message: `PagerDuty answered ${response.status} (check PAGERDUTY_ROUTING_KEY and PAGERDUTY_EVENTS_URL)`,
    retry: 'stop',
  };
}

/** Sends one event to the Events API, retrying as the policy allows until `deadline`. */
export async function sendToPagerDuty(
  url: string,
  body: PagerDutyBody,
  deadline: number,
  policy: DeliveryPolicy,
): Promise<SendResult> {
  return sendWithRetry(
    async (timeoutMs) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return await classify(response);
      } catch (error) {
        const err = error as Error & { cause?: { message?: string } };
        if (err.name === 'TimeoutError')
          return { message: 'PagerDuty did not answer in time (request timeout)', retry: 'backoff' };
        return {
          message: `PagerDuty could not be reached (${[err.message, err.cause?.message].filter(Boolean).join(': ')})`,
          retry: 'backoff',
        };
      }
    },
    deadline,
    policy,
  );
}
