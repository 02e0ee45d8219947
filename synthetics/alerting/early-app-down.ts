/**
 * The early P0's decision, pure: from the uptime checks the runner confirmed red in the middle of a
 * run to the app-down incident alone (the other incidents wait for the run's result), with silences,
 * maintenance windows and the pager applied as at the end of the run. Delivery: stages/early-alert.ts.
 */
import { incidentKey } from '../model/check-ids.ts';
import type { AppDownNotice } from '../result/app-down-file.ts';
import { ALERT_POLICY, type AlertPolicy } from './alert-policy.ts';
import {
  claimDue,
  enqueue,
  queuePages,
  type AlertState,
  type MessageContext,
  type OutboxItem,
  type PageItem,
} from './alert-state.ts';
import { decideAlerts, type AlertDecision } from './incidents.ts';
import { planNotifications } from './notify-plan.ts';
import type { Silence } from './silences.ts';
import { deriveSignals } from './signals.ts';

/** The state after an early app-down decision, and the messages this run now has to deliver. */
export interface EarlyDecision {
  state: AlertState;
  decisions: AlertDecision[];
  claimed: OutboxItem[];
  claimedPages: PageItem[];
  /** Decisions a silence or a maintenance window held back. */
  suppressed: number;
}

/** What the early decision needs besides the notice: the run's maintenance windows and whether a pager is set. */
export interface EarlyRules {
  windows: readonly Silence[];
  paging: boolean;
  policy?: AlertPolicy;
}

/**
 * Pure: decides the app-down incident alone from the confirmed-red uptime checks (the other
 * incidents wait for the run's result). Undefined when the checks do not make the app down.
 */
export function decideEarlyAppDown(
  notice: AppDownNotice,
  state: AlertState,
  target: string,
  now: Date,
  context: MessageContext,
  leaseMs: number,
  rules: EarlyRules,
): EarlyDecision | undefined {
  const policy = rules.policy ?? ALERT_POLICY;
  const signal = deriveSignals(notice.checks, [], policy).find(
    (candidate) => candidate.key === incidentKey.appDown && candidate.state === 'red',
  );
  if (!signal) return undefined;
  const run = { runId: notice.runId, target, now };
  const mine = state.incidents.filter((incident) => incident.target === target);
  const outcome = decideAlerts([signal], mine, now, { runId: notice.runId, target }, policy);
  const plan = planNotifications({
    decisions: outcome.decisions,
    incidents: outcome.incidents,
    silences: state.silences ?? [],
    windows: rules.windows,
    held: state.held ?? [],
    run,
  });
  const items: OutboxItem[] = plan.send
    .filter((decision) => decision.route === 'alerts')
    .map((decision) => ({
      id: decision.id,
      channel: 'alerts',
      notice: decision,
      context,
      createdAt: now.toISOString(),
      attempts: 0,
    }));
  const claimed = claimDue(enqueue(state.outbox, items), notice.runId, now, leaseMs);
  const pages = claimDue(
    queuePages(state.pages, rules.paging ? plan.pages : [], context, now),
    notice.runId,
    now,
    leaseMs,
  );
  const incidents = [...state.incidents.filter((incident) => incident.target !== target), ...outcome.incidents];
  const next: AlertState = {
    ...state,
    incidents,
    silences: plan.silences,
    held: plan.held,
    outbox: claimed.outbox,
    ...(pages.outbox.length || state.pages ? { pages: pages.outbox } : {}),
  };
  return {
    state: next,
    decisions: outcome.decisions,
    claimed: claimed.claimed,
    claimedPages: pages.claimed,
    suppressed: plan.suppressed.length,
  };
}
