/**
 * The page events a run has claimed from the state: sent to PagerDuty's Events API (when
 * PAGERDUTY_ROUTING_KEY is set) in order, and settled in the state — delivered or refused for good
 * (400 invalid event: reported, it cannot succeed) ones leave, the others stay for the next run.
 * The routing key never leaves this file but in the request body.
 */
import type { Integrations } from '../config/integrations.ts';
import { settle, type DeliveryOutcome, type PageItem } from '../alerting/alert-state.ts';
import type { Locale } from './alert-texts.ts';
import { deliverInOrder, type DeliveryPolicy } from './delivery-retry.ts';
import { updateState, type HistoryPaths } from './history-store.ts';
import { pagerDutyBody, sendToPagerDuty } from './pagerduty.ts';
import { redactText } from '../model/redact.ts';

/** One page event of the run, as summary.json shows it. */
export interface PageOutcome {
  id: string;
  action: 'trigger' | 'resolve';
  key: string;
  dedupKey: string;
  /** `refused`: PagerDuty answered 400 (invalid event), a permanent failure: reported and dropped. */
  delivery: 'delivered' | 'pending' | 'refused';
  delayed: boolean;
  attempts: number;
  error?: string;
}

export interface PagesSection {
  events: PageOutcome[];
  pending: number;
}

export interface PageContext {
  runId: string;
  now: Date;
  paths: HistoryPaths;
  pagerduty: Integrations['pagerduty'];
  secrets: readonly string[];
  locale: Locale;
  delivery: DeliveryPolicy;
  warnings: string[];
}

/** Delivers the claimed page events and settles them; never throws on a delivery problem. */
export async function sendPages(claimed: readonly PageItem[], ctx: PageContext): Promise<PagesSection> {
  const pd = ctx.pagerduty;
  if (!pd || claimed.length === 0) return { events: [], pending: 0 };
  const outgoing = claimed.map((item) => ({
    id: item.id,
    url: pd.eventsUrl,
    payload: pagerDutyBody(item.event, item.context, pd.routingKey, ctx.locale),
  }));
  const results = await deliverInOrder(outgoing, sendToPagerDuty, ctx.delivery);
  const events: PageOutcome[] = claimed.map((item) => {
    const result = results.get(item.id);
    const delivery = result?.delivered ? 'delivered' : result?.permanent ? 'refused' : 'pending';
    return {
      id: item.id,
      action: item.event.action,
      key: item.event.decision.key,
      dedupKey: item.event.dedupKey,
      delivery,
      delayed: item.event.decision.runId !== ctx.runId,
      attempts: item.attempts + (result?.attempts ?? 0),
      ...(result?.error ? { error: redactText(result.error, ctx.secrets) } : {}),
    };
  });
  const outcomes: DeliveryOutcome[] = events.map((event) => ({
    id: event.id,
    delivered: event.delivery !== 'pending',
    ...(event.error ? { error: event.error } : {}),
  }));
  ctx.warnings.push(
    ...(await updateState(ctx.paths, ctx.now, (state) => ({
      ...state,
      pages: settle(state.pages ?? [], outcomes, ctx.runId),
    }))),
  );
  for (const event of events.filter((candidate) => candidate.delivery !== 'delivered')) {
    const fate = event.delivery === 'refused' ? 'dropped (it cannot succeed)' : 'kept for the next run';
    ctx.warnings.push(
      `page not delivered: ${event.action} ${event.key} to PagerDuty (${event.error ?? 'unknown error'}); ${fate}`,
    );
  }
  return { events, pending: events.filter((event) => event.delivery === 'pending').length };
}
