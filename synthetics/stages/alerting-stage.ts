/**
 * The alerting stage, after a run: summary → history append → pure decisions (regressions, signals,
 * incidents, missed schedule, SLO) → silences → messages and pages → delivery (or dry run) →
 * heartbeat → run.ndjson and metrics.prom → the `alerting` object in summary.json and the console.
 * It never throws and never changes the exit code: its own problems are warnings in that object,
 * apart from the checks.
 */
import type { AlertingOptions } from '../config/alerting.ts';
import type { SuiteConfig } from '../config/env.ts';
import type { RunSummary } from '../model/run-result.ts';
import { ALERT_POLICY, type AlertPolicy } from '../alerting/alert-policy.ts';
import {
  claimDue,
  enqueue,
  pruneState,
  queuePages,
  type AlertState,
  type GateResult,
  type MessageContext,
  type OutboxItem,
  type PageItem,
} from '../alerting/alert-state.ts';
import { decideAlerts, type AlertDecision } from '../alerting/incidents.ts';
import { detectRegressions, type RegressionConfig, type RegressionResult } from '../alerting/regressions.ts';
import { healthyRuns, monitorRuns, toRunRecord, type RunRecord } from '../alerting/run-record.ts';
import { checkSchedule, type ScheduleCheck } from '../alerting/schedule.ts';
import { deriveSignals } from '../alerting/signals.ts';
import { computeSlo } from '../alerting/slo.ts';
import { windowOccurrences } from '../alerting/maintenance.ts';
import { planNotifications, type NotifyPlan } from '../alerting/notify-plan.ts';
import { formatAlertingConsole, type AlertingSection } from '../outputs/alerting-report.ts';
import { RUNBOOKS_DOC } from '../outputs/alert-texts.ts';
import { pingHeartbeat, type HeartbeatResult } from '../outputs/heartbeat.ts';
import { historyPaths, recordRun, writeFileAtomic } from '../outputs/history-store.ts';
import { sendNotifications } from '../outputs/send-notifications.ts';
import { sendPages } from '../outputs/send-pages.ts';
import { silencesSection } from '../outputs/silence-report.ts';
import { DELIVERY_POLICY, type DeliveryPolicy } from '../outputs/slack-delivery.ts';
import { redactDeep, redactText } from '../model/redact.ts';
import type { EarlyAlert } from './early-alert.ts';
import { writeRunOutputs } from '../outputs/run-outputs.ts';

export interface AlertingInput {
  summary: RunSummary;
  /** summary.json, re-written with the `alerting` object. */
  summaryPath: string;
  config: SuiteConfig;
  regression: RegressionConfig;
  options: AlertingOptions;
  /** The stage's clock (the entry point's: SYNTHETICS_NOW or the real time). */
  now: Date;
  delivery?: DeliveryPolicy;
  heartbeatTimeoutMs?: number;
  policy?: AlertPolicy;
  print?: (text: string) => void;
  /** What the early app-down alert already decided and sent during this run (early-app-down.ts). */
  early?: EarlyAlert;
}

const STATE_LIMITS = { outboxMs: 24 * 3_600_000, recentMs: 30 * 86_400_000, incidentMs: 90 * 86_400_000 };

/** `production`, `preview`, `local`, the configured name, or the host. */
export function environmentOf(target: SuiteConfig['target'], configured: string | undefined): string {
  if (configured) return configured;
  const host = new URL(target.baseUrl).hostname;
  if (target.bundled || target.loopback) return 'local';
  if (host === 'viamentor.vercel.app') return 'production';
  return host.endsWith('.vercel.app') ? 'preview' : host;
}

function gateResult(summary: RunSummary, now: Date): GateResult {
  const failing = summary.checks.filter((check) => check.status !== 'passed' && check.status !== 'flaky');
  return {
    id: `${summary.runId}:gate`,
    kind: 'gate',
    target: summary.target.baseUrl,
    runId: summary.runId,
    at: now.toISOString(),
    verdict: summary.verdict,
    counts: summary.counts,
    failing: failing.map((check) => ({
      id: check.id,
      status: check.status,
      ...(check.error ? { error: check.error } : {}),
      ...(check.evidence ? { evidence: check.evidence } : {}),
    })),
  };
}

interface Decided {
  decisions: AlertDecision[];
  claimed: OutboxItem[];
  claimedPages: PageItem[];
  expired: Array<OutboxItem | PageItem>;
  /** Monitor runs: what silences held back, the page events, the heartbeat's signal. */
  plan?: NotifyPlan;
  regressions: RegressionResult[];
  schedule?: ScheduleCheck;
  state: AlertState;
}

/** The pure part: from the earlier history and state to the next state and what to send. */
function decide(
  input: AlertingInput,
  earlier: readonly RunRecord[],
  state: AlertState,
  context: MessageContext,
): Decided {
  const { summary, options, now } = input;
  const policy = input.policy ?? ALERT_POLICY;
  const target = summary.target.baseUrl;
  const pruned = pruneState(state, now, STATE_LIMITS);
  const item = (notice: OutboxItem['notice'], channel: OutboxItem['channel']): OutboxItem => ({
    id: notice.id,
    channel,
    notice,
    context,
    createdAt: now.toISOString(),
    attempts: 0,
  });
  let next = pruned.state;
  let decisions: AlertDecision[] = [];
  let regressions: RegressionResult[] = [];
  let schedule: ScheduleCheck | undefined;
  let items: OutboxItem[];
  let plan: NotifyPlan | undefined;
  if (options.mode === 'gate') {
    items = [item(gateResult(summary, now), 'deploys')];
  } else {
    schedule = checkSchedule(monitorRuns(earlier, target).at(-1)?.recordedAt, now, options.scheduleMinutes);
    regressions = detectRegressions(summary.checks, healthyRuns(earlier, target), input.regression);
    const mine = next.incidents.filter((incident) => incident.target === target);
    const outcome = decideAlerts(
      deriveSignals(summary.checks, regressions, policy),
      mine,
      now,
      { runId: summary.runId, target },
      policy,
    );
    decisions = outcome.decisions;
    next = {
      ...next,
      incidents: [...next.incidents.filter((incident) => incident.target !== target), ...outcome.incidents],
      recent: [...next.recent, ...outcome.resolved],
    };
    const windows = windowOccurrences(options.maintenance, now, now);
    plan = planNotifications({
      decisions,
      incidents: outcome.incidents,
      silences: next.silences ?? [],
      windows,
      held: next.held ?? [],
      run: { runId: summary.runId, target, now },
    });
    next = { ...next, silences: plan.silences, held: plan.held };
    items = plan.send.filter((decision) => decision.route === 'alerts').map((decision) => item(decision, 'alerts'));
  }
  const paged = input.config.integrations.pagerduty ? (plan?.pages ?? []) : [];
  const pages = queuePages(next.pages, paged, context, now);
  const leaseMs = (input.delivery ?? DELIVERY_POLICY).totalMs + 30_000;
  const claimed = claimDue(enqueue(next.outbox, items), summary.runId, now, leaseMs);
  const claimedPages = claimDue(pages, summary.runId, now, leaseMs);
  const after = {
    ...next,
    outbox: claimed.outbox,
    ...(pages.length || next.pages ? { pages: claimedPages.outbox } : {}),
  };
  return {
    decisions,
    claimed: claimed.claimed,
    claimedPages: claimedPages.claimed,
    expired: [...pruned.expired, ...pruned.expiredPages],
    regressions,
    ...(schedule ? { schedule } : {}),
    ...(plan ? { plan } : {}),
    state: after,
  };
}

function sectionOf(
  input: AlertingInput,
  decided: Decided,
  runs: number,
  path: string,
): Omit<AlertingSection, 'notifications' | 'heartbeat' | 'warnings'> {
  const target = input.summary.target.baseUrl;
  return {
    mode: input.options.mode,
    at: input.now.toISOString(),
    history: { path, runs, recorded: true },
    incidents: {
      open: decided.state.incidents
        .filter((incident) => incident.target === target)
        .map((incident) => ({
          key: incident.key,
          severity: incident.severity,
          status: incident.status,
          since: incident.firstFailedAt,
          checks: incident.checkIds,
        })),
      decisions: decided.decisions.map((decision) => ({
        id: decision.id,
        kind: decision.kind,
        key: decision.key,
        severity: decision.severity,
        route: decision.route,
        ...(decision.durationMs === undefined ? {} : { durationMs: decision.durationMs }),
      })),
    },
    regressions: {
      baselineRuns: input.regression.baselineRuns,
      checked: decided.regressions.length,
      noBaseline: decided.regressions.filter((result) => result.status === 'no-baseline').length,
      found: decided.regressions
        .filter((result) => result.status === 'regression')
        .map((result) => ({
          checkId: result.checkId,
          actual: result.actual,
          baseline: result.baseline!.median,
          message: result.message,
        })),
    },
    ...(decided.schedule ? { schedule: decided.schedule } : {}),
  };
}

/** What every message of a run says about where it comes from (environment, links, commit). */
export function messageContextOf(
  config: SuiteConfig,
  options: AlertingOptions,
  baseUrl: string,
  reportDir: string,
): MessageContext {
  return {
    environment: environmentOf(config.target, options.environment),
    baseUrl,
    reportPath: reportDir,
    ...(options.ci.runUrl ? { runUrl: options.ci.runUrl } : {}),
    ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
    ...(options.ci.sha ? { sha: options.ci.sha } : {}),
    ...(options.ci.repoUrl
      ? { runbooksUrl: `${options.ci.repoUrl}/blob/${options.ci.sha ?? 'HEAD'}/${RUNBOOKS_DOC}` }
      : {}),
  };
}

async function runStage(input: AlertingInput, warnings: string[]): Promise<AlertingSection> {
  const { summary, config, options, now } = input;
  const paths = historyPaths(config.historyPath);
  const context = messageContextOf(config, options, summary.target.baseUrl, summary.reports.dir);
  const recorded = await recordRun(paths, toRunRecord(summary, options.mode, now), now, (earlier, state) => {
    const decided = decide(input, earlier, state, context);
    return { state: decided.state, result: decided };
  });
  warnings.push(...recorded.warnings);
  const decided = recorded.result;
  for (const item of decided.expired)
    warnings.push(`message ${item.id} could not be delivered for 24 h (${item.lastError ?? 'unknown error'}): dropped`);
  if (decided.schedule?.missed)
    warnings.push(
      `missed schedule: ${decided.schedule.gapMinutes} min since the previous run, expected ` +
        `every ${decided.schedule.expectedIntervalMinutes} min`,
    );
  const delivery = input.delivery ?? DELIVERY_POLICY;
  const notifications = await sendNotifications(decided.claimed, {
    runId: summary.runId,
    now,
    paths,
    warnings,
    slack: config.slack,
    secrets: config.secrets,
    locale: config.alertLocale,
    reportDir: summary.reports.dir,
    delivery,
    print: input.print ?? ((text: string) => console.log(text)),
  });
  const pages = await sendPages(decided.claimedPages, {
    runId: summary.runId,
    now,
    paths,
    warnings,
    pagerduty: config.integrations.pagerduty,
    secrets: config.secrets,
    locale: config.alertLocale,
    delivery,
  });
  const failing = decided.plan?.heartbeat === 'fail';
  const heartbeat: HeartbeatResult =
    options.mode === 'gate'
      ? { status: 'skipped' }
      : await pingHeartbeat(config.heartbeatUrl, failing, input.heartbeatTimeoutMs);
  if (heartbeat.status === 'failed') warnings.push(heartbeat.error ?? 'the heartbeat could not be pinged');
  const slo = computeSlo(recorded.records, summary.target.baseUrl, now, options.scheduleMinutes);
  const extra =
    options.mode === 'gate'
      ? {}
      : {
          pages: { configured: Boolean(config.integrations.pagerduty), ...pages },
          silences: silencesSection(decided.plan),
        };
  return {
    ...sectionOf(input, decided, recorded.records.length, paths.runs),
    notifications,
    heartbeat,
    slo,
    ...extra,
    warnings,
  };
}

/** The run's section with what the early alert already did listed first (it happened first). */
function withEarly(section: AlertingSection, early: EarlyAlert | undefined): AlertingSection {
  if (!early) return section;
  const { notifications, incidents } = section;
  return {
    ...section,
    incidents: { ...incidents, decisions: [...early.decisions, ...incidents.decisions] },
    notifications: {
      ...notifications,
      messages: [...early.notifications.messages, ...notifications.messages],
      pending: notifications.pending + early.notifications.pending,
    },
    ...(section.pages && early.pages
      ? {
          pages: {
            ...section.pages,
            events: [...early.pages.events, ...section.pages.events],
            pending: section.pages.pending,
          },
        }
      : {}),
    warnings: [...early.warnings, ...section.warnings],
  };
}

/**
 * Runs the stage for a finished run and re-writes summary.json with its `alerting` object.
 * Never throws: whatever goes wrong is a warning of the stage, and the run keeps its verdict.
 */
export async function processRunResult(raw: AlertingInput): Promise<AlertingSection> {
  const secrets = raw.config.secrets;
  // Everything below (history, state, messages) starts from a redacted result.
  const input = { ...raw, summary: redactDeep(raw.summary, secrets) };
  const print = input.print ?? ((text: string) => console.log(text));
  const warnings: string[] = [];
  let section: AlertingSection;
  try {
    section = await runStage(input, warnings);
  } catch (error) {
    warnings.push(`the alerting stage failed: ${(error as Error)?.message ?? String(error)}`);
    section = {
      mode: input.options.mode,
      at: input.now.toISOString(),
      history: { path: historyPaths(input.config.historyPath).runs, runs: 0, recorded: false },
      incidents: { open: [], decisions: [] },
      regressions: { baselineRuns: input.regression.baselineRuns, checked: 0, noBaseline: 0, found: [] },
      notifications: { dryRun: false, messages: [], pending: 0 },
      heartbeat: { status: 'not-configured' },
      warnings,
    };
  }
  const safe = redactDeep(withEarly(section, input.early), secrets);
  // run.ndjson and metrics.prom on every run; shipping them is optional and never changes the verdict.
  try {
    const outputs = { summary: input.summary, section: safe, config: input.config, now: input.now };
    safe.warnings.push(...(await writeRunOutputs({ ...outputs, delivery: input.delivery ?? DELIVERY_POLICY })));
  } catch (error) {
    safe.warnings.push(`run.ndjson/metrics.prom: ${redactText((error as Error)?.message ?? String(error), secrets)}`);
  }
  try {
    await writeFileAtomic(
      input.summaryPath,
      `${JSON.stringify(redactDeep({ ...input.summary, alerting: safe }, secrets), null, 2)}\n`,
    );
  } catch (error) {
    safe.warnings.push(`summary.json could not be updated: ${redactText((error as Error).message, secrets)}`);
  }
  print(redactText(formatAlertingConsole(safe).join('\n'), secrets));
  return safe;
}
