/**
 * The alerting state kept between runs, next to the history: open (and pending) incidents, recently
 * resolved ones (for the digest and MTTR), and the outbox of messages decided but not yet delivered.
 * A message leaves the outbox only once delivered, so a Slack outage delays it to the next run
 * instead of losing it; a claim (lease) keeps two overlapping runs from both sending it. Pure.
 */
import type { CheckStatus } from '../model/run-result.ts';
import type { AlertDecision, Incident, ResolvedIncident } from './incidents.ts';
import type { PageEvent } from './pages.ts';
import type { HeldNotice, Silence } from './silences.ts';

/** Where a message goes: #viamentor-alerts, #viamentor-deploys, #viamentor-monitoring. */
export type Channel = 'alerts' | 'deploys' | 'monitoring';

/** A post-deploy gate result (deploys channel): pass or fail with the checks that are not green. */
export interface GateResult {
  id: string;
  kind: 'gate';
  target: string;
  runId: string;
  at: string;
  verdict: 'pass' | 'fail';
  counts: Record<CheckStatus, number>;
  failing: Array<{ id: string; status: CheckStatus; error?: string; evidence?: string[] }>;
}

export type Notice = AlertDecision | GateResult;

/** What a message says about where it comes from and where to look. */
export interface MessageContext {
  environment: string;
  baseUrl: string;
  runUrl?: string;
  /** Published report folder, if any; else `reportPath` is shown. */
  reportUrl?: string;
  reportPath: string;
  sha?: string;
  /** The runbooks section (docs/monitoring-policy.md) on the repository's site, when the run knows its repository. */
  runbooksUrl?: string;
}

export interface OutboxItem {
  id: string;
  channel: Channel;
  notice: Notice;
  context: MessageContext;
  createdAt: string;
  attempts: number;
  lastError?: string;
  /** Slack refused it for good (a 4xx): kept for the digest until pruned, never sent again. */
  refused?: boolean;
  claimedBy?: string;
  claimedUntil?: string;
}

/** What an outbox entry needs for claims and retries (Slack messages, page events). */
export interface Leased {
  id: string;
  attempts: number;
  lastError?: string;
  /** Refused for good by the receiver: never claimed again. */
  refused?: boolean;
  claimedBy?: string;
  claimedUntil?: string;
}

/** A PagerDuty event waiting for delivery (same guarantees as a Slack message). */
export interface PageItem extends Leased {
  event: PageEvent;
  context: MessageContext;
  createdAt: string;
}

export interface AlertState {
  v: 1;
  incidents: Incident[];
  recent: ResolvedIncident[];
  outbox: OutboxItem[];
  /** PagerDuty events not yet delivered. */
  pages?: PageItem[];
  /** Silences set with `npm run silence` (in force, future, or ended within a week). */
  silences?: Silence[];
  /** Incidents whose messages a silence is holding back. */
  held?: HeldNotice[];
}

export function emptyState(): AlertState {
  return { v: 1, incidents: [], recent: [], outbox: [] };
}

/**
 * Adds new messages. A newer reminder replaces an undelivered older one of the same incident; a
 * resolve drops the incident's undelivered reminders (reminders stop when it resolves).
 */
export function enqueue(outbox: readonly OutboxItem[], items: readonly OutboxItem[]): OutboxItem[] {
  let next = [...outbox];
  for (const item of items) {
    if (next.some((queued) => queued.id === item.id)) continue;
    const notice = item.notice;
    if (notice.kind === 'remind' || notice.kind === 'resolve') {
      next = next.filter(
        (queued) =>
          !(
            queued.notice.kind === 'remind' &&
            queued.notice.key === notice.key &&
            queued.notice.target === notice.target
          ),
      );
    }
    next.push(item);
  }
  return next;
}

/** Marks every unclaimed (or expired-claim) item as this run's to deliver; returns them in order. */
export function claimDue<T extends Leased>(
  outbox: readonly T[],
  runId: string,
  now: Date,
  leaseMs: number,
): { outbox: T[]; claimed: T[] } {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const claimed: T[] = [];
  const next = outbox.map((item) => {
    if (item.refused) return item;
    if (item.claimedUntil && Date.parse(item.claimedUntil) > now.getTime() && item.claimedBy !== runId) return item;
    const mine = { ...item, claimedBy: runId, claimedUntil: until };
    claimed.push(mine);
    return mine;
  });
  return { outbox: next, claimed };
}

export interface DeliveryOutcome {
  id: string;
  delivered: boolean;
  error?: string;
  /** Refused for good: stays (marked) for the digest, never retried. */
  permanent?: boolean;
}

/**
 * Delivered items leave; refused ones stay, marked, never claimed again (for the digest); the others
 * stay for the next run, with their error and attempt count.
 */
export function settle<T extends Leased>(
  outbox: readonly T[],
  outcomes: readonly DeliveryOutcome[],
  runId: string,
): T[] {
  const byId = new Map(outcomes.map((outcome) => [outcome.id, outcome]));
  return outbox.flatMap((item) => {
    const outcome = byId.get(item.id);
    if (!outcome || item.claimedBy !== runId) return [item];
    if (outcome.delivered) return [];
    const { claimedBy: _by, claimedUntil: _until, ...rest } = item;
    const refused = outcome.permanent ? { refused: true } : {};
    return [
      { ...rest, attempts: item.attempts + 1, ...(outcome.error ? { lastError: outcome.error } : {}), ...refused } as T,
    ];
  });
}

/** Drops what is too old to matter: outbox items, resolved incidents, incidents not seen for long. */
export function pruneState(
  state: AlertState,
  now: Date,
  limits: { outboxMs: number; recentMs: number; incidentMs: number },
): { state: AlertState; expired: OutboxItem[]; expiredPages: PageItem[] } {
  const fresh = (at: string, maxMs: number) => now.getTime() - Date.parse(at) <= maxMs;
  const expired = state.outbox.filter((item) => !fresh(item.createdAt, limits.outboxMs));
  const expiredPages = (state.pages ?? []).filter((item) => !fresh(item.createdAt, limits.outboxMs));
  return {
    state: {
      ...state,
      v: 1,
      ...(state.pages ? { pages: state.pages.filter((item) => fresh(item.createdAt, limits.outboxMs)) } : {}),
      incidents: state.incidents.filter((incident) => fresh(incident.lastRedAt, limits.incidentMs)),
      recent: state.recent.filter((incident) => fresh(incident.resolvedAt, limits.recentMs)),
      outbox: state.outbox.filter((item) => fresh(item.createdAt, limits.outboxMs)),
    },
    expired,
    expiredPages,
  };
}

/** Adds this run's page events to the state's queue (once each: an event already queued is not added again). */
export function queuePages(
  queued: readonly PageItem[] | undefined,
  events: readonly PageEvent[],
  context: MessageContext,
  now: Date,
): PageItem[] {
  const fresh = events.filter((event) => !queued?.some((item) => item.id === event.id));
  return [
    ...(queued ?? []),
    ...fresh.map((event): PageItem => ({ id: event.id, event, context, createdAt: now.toISOString(), attempts: 0 })),
  ];
}
