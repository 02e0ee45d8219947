/**
 * Between the incident decisions and the outputs: which messages go out now (silences and
 * maintenance windows applied), which page events follow from them, and what the heartbeat says.
 * One pure step, so the stage stays a pipe: decisions in, a plan out.
 */
import type { AlertDecision, Incident } from './incidents.ts';
import { decidePages, heartbeatSignal, type PageEvent } from './pages.ts';
import { activeSilences, applySilences, keepSilences, type HeldNotice, type Silence } from './silences.ts';

export interface NotifyPlan {
  /** Decisions to deliver (Slack alerts; the digest route is listed, not sent). */
  send: AlertDecision[];
  suppressed: Array<{ decision: AlertDecision; silenceId: string }>;
  pages: PageEvent[];
  heartbeat: 'ping' | 'fail';
  /** Silences in force at this run (manual and maintenance windows). */
  active: Silence[];
  /** The state's next silences and held notices. */
  silences: Silence[];
  held: HeldNotice[];
}

export interface PlanInput {
  decisions: readonly AlertDecision[];
  /** The target's incidents after this run. */
  incidents: readonly Incident[];
  silences: readonly Silence[];
  /** This run's maintenance-window occurrences. */
  windows: readonly Silence[];
  held: readonly HeldNotice[];
  run: { runId: string; target: string; now: Date };
}

/** The plan of one monitor run. */
export function planNotifications(input: PlanInput): NotifyPlan {
  const active = [...activeSilences(input.silences, input.run.now), ...activeSilences(input.windows, input.run.now)];
  const outcome = applySilences(input.decisions, input.incidents, input.held, active, input.run);
  return {
    send: outcome.send,
    suppressed: outcome.suppressed,
    pages: decidePages(outcome.send),
    heartbeat: heartbeatSignal(input.incidents, input.run.target, active),
    active,
    silences: keepSilences(input.silences, input.run.now),
    held: outcome.held,
  };
}
