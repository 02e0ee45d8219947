/**
 * What the alerting stage reports: the `alerting` object added to summary.json, and its console
 * lines — kept apart from the checks, so a notification problem is never mistaken for (nor hides)
 * a check failure. Pure.
 */
import type { Severity } from '../alerting/alert-policy.ts';
import type { Channel } from '../alerting/alert-state.ts';
import type { DecisionKind } from '../alerting/incidents.ts';
import type { ScheduleCheck } from '../alerting/schedule.ts';
import type { SloReport } from '../alerting/slo.ts';
import { formatSloLines } from './digest-message.ts';
import type { HeartbeatResult } from './heartbeat.ts';
import type { PagesSection } from './send-pages.ts';
import { formatSilenceLines, type SilencesSection } from './silence-report.ts';

export const CHANNEL_NAMES: Record<Channel, string> = {
  alerts: '#viamentor-alerts',
  deploys: '#viamentor-deploys',
  monitoring: '#viamentor-monitoring',
};

export interface NotificationOutcome {
  id: string;
  channel: Channel;
  /** `open` · `remind` · `resolve` · `gate`. */
  kind: DecisionKind | 'gate';
  key?: string;
  severity?: Severity;
  /** `dry-run`: no webhook for this channel, written to notifications.json instead; `refused`: a 4xx, for good. */
  delivery: 'delivered' | 'dry-run' | 'pending' | 'refused';
  /** Decided by an earlier run, delivered (or tried) by this one. */
  delayed: boolean;
  attempts: number;
  error?: string;
}

/** The `alerting` object of summary.json (docs/result-schema.md). */
export interface AlertingSection {
  mode: 'monitor' | 'gate';
  at: string;
  history: { path: string; runs: number; recorded: boolean };
  incidents: {
    open: Array<{ key: string; severity: Severity; status: 'pending' | 'open'; since: string; checks: string[] }>;
    decisions: Array<{
      id: string;
      kind: DecisionKind;
      key: string;
      severity: Severity;
      route: 'alerts' | 'digest';
      durationMs?: number;
    }>;
  };
  regressions: {
    baselineRuns: number;
    checked: number;
    noBaseline: number;
    found: Array<{ checkId: string; actual: number; baseline: number; message: string }>;
  };
  notifications: { dryRun: boolean; file?: string; messages: NotificationOutcome[]; pending: number };
  heartbeat: HeartbeatResult;
  /** Monitor runs: PagerDuty events (P0 trigger/resolve); `configured: false` without PAGERDUTY_ROUTING_KEY. */
  pages?: PagesSection & { configured: boolean };
  /** Monitor runs: silences in force and the messages they held back. */
  silences?: SilencesSection;
  schedule?: ScheduleCheck;
  slo?: SloReport;
  /** Problems of the alerting stage itself (history recovered, undelivered message, failed ping…). */
  warnings: string[];
}

function hhmm(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/** The console lines of the stage (English, like the rest of the console). */
/** Where a decision went: the digest, a channel and its delivery, or nowhere. */
export function whereSent(
  section: AlertingSection,
  decision: AlertingSection['incidents']['decisions'][number],
): string {
  if (decision.route === 'digest') return 'daily digest';
  const message = section.notifications.messages.find((candidate) => candidate.id === decision.id);
  return message ? `${CHANNEL_NAMES[message.channel]}: ${message.delivery}` : 'not sent';
}

export function formatAlertingConsole(section: AlertingSection): string[] {
  const out = ['', `Alerting (${section.mode}) — history ${section.history.path} (${section.history.runs} runs)`];
  for (const decision of section.incidents.decisions) {
    out.push(`  ${decision.kind} ${decision.severity} ${decision.key} → ${whereSent(section, decision)}`);
  }
  for (const message of section.notifications.messages.filter(
    (candidate) => candidate.kind === 'gate' || candidate.delayed,
  )) {
    const what = `${message.delayed ? 'earlier ' : ''}${message.kind}${message.key ? ` ${message.key}` : ''}`;
    out.push(`  ${what} → ${CHANNEL_NAMES[message.channel]}: ${message.delivery}`);
  }
  const open = section.incidents.open.filter((incident) => incident.status === 'open');
  const openList = open.map((incident) => `${incident.severity} ${incident.key} (since ${hhmm(incident.since)} UTC)`);
  out.push(`  incidents open: ${open.length ? openList.join(', ') : 'none'}`);
  const r = section.regressions;
  if (section.mode === 'monitor') {
    const regressions = r.found.length
      ? r.found.map((found) => found.message).join('; ')
      : `none (${r.checked - r.noBaseline} metric(s) against a ${r.baselineRuns}-run ` +
        `baseline${r.noBaseline ? `, ${r.noBaseline} without a baseline yet` : ''})`;
    out.push(`  regressions: ${regressions}`);
  }
  for (const event of section.pages?.events ?? [])
    out.push(`  page ${event.action} ${event.key} → PagerDuty: ${event.delivery}`);
  out.push(...formatSilenceLines(section.silences));
  const hb = section.heartbeat;
  const heartbeat =
    hb.status === 'ok'
      ? `pinged (${hb.variant})`
      : hb.status === 'failed'
        ? `FAILED (${hb.error})`
        : hb.status === 'skipped'
          ? 'not pinged (gate run)'
          : 'not configured (HEARTBEAT_URL)';
  out.push(`  heartbeat: ${heartbeat}`);
  if (section.schedule?.missed)
    out.push(
      `  schedule: ${section.schedule.gapMinutes} min since the previous run (expected ` +
        `every ${section.schedule.expectedIntervalMinutes} min): about ${section.schedule.missedRuns} run(s) missed`,
    );
  if (section.slo) out.push(`  SLO ${section.slo.windowDays} d: ${formatSloLines(section.slo, 'en').join(' · ')}`);
  for (const warning of section.warnings) out.push(`  ⚠ ${warning}`);
  return out;
}
