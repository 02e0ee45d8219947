/**
 * The schema of the alerting state file (`incidents.json` next to the history): checked when read,
 * so a hand-edited or truncated file is reported and replaced, never trusted half-way.
 */
import * as z from 'zod';
import type { AlertState } from '../alerting/alert-state.ts';
import { INCIDENT_KINDS } from '../alerting/alert-policy.ts';

const severity = z.enum(['P0', 'P1', 'P2']);
// Every kind the policy knows (a kind missing here made a tenant-leak incident unreadable, re-paging each run).
const kind = z.enum(INCIDENT_KINDS);
const status = z.enum(['passed', 'failed', 'flaky', 'skipped', 'degraded', 'error']);

const incident = z.object({
  key: z.string(),
  target: z.string(),
  severity,
  kind,
  subject: z.string(),
  status: z.enum(['pending', 'open']),
  firstFailedAt: z.string(),
  openedAt: z.string().optional(),
  lastRedAt: z.string(),
  redStreak: z.number(),
  greenStreak: z.number(),
  greenSince: z.string().optional(),
  lastNotifiedAt: z.string().optional(),
  reminders: z.number(),
  flaps: z.number(),
  checkIds: z.array(z.string()),
  reason: z.string().optional(),
  evidence: z.array(z.string()).optional(),
  firstRunId: z.string(),
  lastRunId: z.string(),
});

const decision = z.object({
  id: z.string(),
  kind: z.enum(['open', 'remind', 'resolve']),
  key: z.string(),
  target: z.string(),
  severity,
  incidentKind: kind,
  subject: z.string(),
  route: z.enum(['alerts', 'digest']),
  runId: z.string(),
  at: z.string(),
  since: z.string(),
  durationMs: z.number().optional(),
  checkIds: z.array(z.string()),
  reason: z.string().optional(),
  evidence: z.array(z.string()).optional(),
  reminder: z.number().optional(),
  flaps: z.number(),
  silenceEnded: z.boolean().optional(),
});

const gate = z.object({
  id: z.string(),
  kind: z.literal('gate'),
  target: z.string(),
  runId: z.string(),
  at: z.string(),
  verdict: z.enum(['pass', 'fail']),
  counts: z.record(status, z.number()),
  failing: z.array(
    z.object({ id: z.string(), status, error: z.string().optional(), evidence: z.array(z.string()).optional() }),
  ),
});

const context = z.object({
  environment: z.string(),
  baseUrl: z.string(),
  runUrl: z.string().optional(),
  reportUrl: z.string().optional(),
  reportPath: z.string(),
  sha: z.string().optional(),
  runbooksUrl: z.string().optional(),
});

const lease = {
  attempts: z.number(),
  lastError: z.string().optional(),
  refused: z.boolean().optional(),
  claimedBy: z.string().optional(),
  claimedUntil: z.string().optional(),
};

const pageItem = z.object({
  id: z.string(),
  event: z.object({ id: z.string(), action: z.enum(['trigger', 'resolve']), dedupKey: z.string(), decision }),
  context,
  createdAt: z.string(),
  ...lease,
});

const silence = z.object({
  id: z.string(),
  reason: z.string(),
  checks: z.string().optional(),
  from: z.string(),
  until: z.string(),
  source: z.enum(['manual', 'window']),
});

const held = z.object({ decision, silenceId: z.string(), announced: z.boolean() });

const outboxItem = z.object({
  id: z.string(),
  channel: z.enum(['alerts', 'deploys', 'monitoring']),
  notice: z.union([decision, gate]),
  context,
  createdAt: z.string(),
  ...lease,
});

const stateSchema = z.object({
  v: z.literal(1),
  incidents: z.array(incident),
  recent: z.array(incident.extend({ resolvedAt: z.string(), durationMs: z.number() })),
  outbox: z.array(outboxItem),
  pages: z.array(pageItem).optional(),
  silences: z.array(silence).optional(),
  held: z.array(held).optional(),
});

/** Parses the state file's text; throws with the first problem's path when it is not a valid state. */
export function parseAlertState(text: string): AlertState {
  const parsed = stateSchema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
}
