/**
 * Who gets woken up: the PagerDuty events of a run and the heartbeat's signal, from the incident
 * decisions. A P0 triggers a page when it opens (or when a silence that held it back ends) and
 * resolves it with the incident, under one dedup key; reminders are the pager's job. The
 * heartbeat's `/fail` is for an open, unsilenced P0 only — a budget miss must never page anyone. Pure.
 */
import type { AlertDecision, Incident } from './incidents.ts';
import { silenceFor, type Silence } from './silences.ts';

/** PagerDuty's limit on a dedup key. */
const DEDUP_KEY_CHARS = 255;

export interface PageEvent {
  /** Unique per event: it is delivered once (outbox id). */
  id: string;
  action: 'trigger' | 'resolve';
  /** The incident's stable key and its target: one PagerDuty alert per incident. */
  dedupKey: string;
  decision: AlertDecision;
}

/** `journey:login@https://viamentor.vercel.app`, at most 255 characters. */
export function dedupKeyOf(key: string, target: string): string {
  return `${key}@${target}`.slice(0, DEDUP_KEY_CHARS);
}

function actionOf(decision: AlertDecision): PageEvent['action'] | undefined {
  if (decision.severity !== 'P0') return undefined;
  if (decision.kind === 'open') return 'trigger';
  if (decision.kind === 'resolve') return 'resolve';
  return decision.silenceEnded ? 'trigger' : undefined;
}

/** The page events of the decisions that go out this run (after silences). */
export function decidePages(decisions: readonly AlertDecision[]): PageEvent[] {
  return decisions.flatMap((decision) => {
    const action = actionOf(decision);
    return action
      ? [{ id: `${decision.id}:page`, action, dedupKey: dedupKeyOf(decision.key, decision.target), decision }]
      : [];
  });
}

/** `fail` while a P0 incident of the target is open and no silence covers it; else `ping`. */
export function heartbeatSignal(
  incidents: readonly Incident[],
  target: string,
  active: readonly Silence[],
): 'ping' | 'fail' {
  const paging = incidents.some(
    (incident) =>
      incident.target === target &&
      incident.status === 'open' &&
      incident.severity === 'P0' &&
      !silenceFor(incident, active),
  );
  return paging ? 'fail' : 'ping';
}
