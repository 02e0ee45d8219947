/**
 * The messages a run has claimed from the outbox: formatted (in the team's language, secrets
 * redacted), sent to their channel's webhook — or, for a channel without one, written to
 * `notifications.json` and printed (dry run) — and settled in the state: delivered ones leave the
 * outbox, the others stay for the next run. Every payload of the run lands in notifications.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteConfig } from '../config/env.ts';
import { settle, type DeliveryOutcome, type OutboxItem } from '../alerting/alert-state.ts';
import { CHANNEL_NAMES, type AlertingSection, type NotificationOutcome } from './alerting-report.ts';
import type { Locale } from './alert-texts.ts';
import { updateState, writeFileAtomic, type HistoryPaths } from './history-store.ts';
import { formatGateMessage, formatIncidentMessage } from './incident-message.ts';
import { redactDeep, redactText } from '../model/redact.ts';
import type { SlackPayload } from './slack-blocks.ts';
import { deliverAll, type DeliveryPolicy } from './slack-delivery.ts';

export interface SendContext {
  runId: string;
  now: Date;
  paths: HistoryPaths;
  slack: SuiteConfig['slack'];
  secrets: readonly string[];
  locale: Locale;
  reportDir: string;
  delivery: DeliveryPolicy;
  print: (text: string) => void;
  /** The stage's warnings: undelivered messages are added here. */
  warnings: string[];
}

/** The webhook variable of each channel (for messages that name what to set). */
const VARIABLES = {
  alerts: 'SLACK_WEBHOOK_URL',
  deploys: 'SLACK_WEBHOOK_URL_DEPLOYS',
  monitoring: 'SLACK_WEBHOOK_URL_MONITORING',
} as const;

/** Where the payloads of a run are written. */
export function notificationsFile(reportDir: string): string {
  return join(reportDir, 'notifications.json');
}

function format(item: OutboxItem, runId: string, locale: Locale): SlackPayload {
  const delayed = item.notice.runId !== runId;
  return item.notice.kind === 'gate'
    ? formatGateMessage(item.notice, item.context, locale, delayed)
    : formatIncidentMessage(item.notice, item.context, locale, delayed);
}

/** `open journey:login to #viamentor-alerts`: a message as a warning names it. */
function describe(message: NotificationOutcome): string {
  return `${message.kind}${message.key ? ` ${message.key}` : ''} to ${CHANNEL_NAMES[message.channel]}`;
}

/** What this run already wrote to the file (the early app-down alert comes first); nothing from an earlier run. */
async function earlierOfThisRun(file: string, runId: string): Promise<unknown[]> {
  try {
    const written = JSON.parse(await readFile(file, 'utf8')) as { runId?: string; messages?: unknown[] };
    return written.runId === runId && Array.isArray(written.messages) ? written.messages : [];
  } catch {
    return [];
  }
}

/** Writes the run's notifications.json: every payload of the run, the ones already written first. */
async function writeNotificationsFile(file: string, ctx: SendContext, messages: readonly unknown[]): Promise<void> {
  const all = [...(await earlierOfThisRun(file, ctx.runId)), ...messages];
  const body = redactDeep({ runId: ctx.runId, at: ctx.now.toISOString(), messages: all }, ctx.secrets);
  await writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
}

/** Formats, delivers (or dry-runs) and settles the claimed messages; never throws on a delivery problem. */
export async function sendNotifications(
  claimed: readonly OutboxItem[],
  ctx: SendContext,
): Promise<AlertingSection['notifications']> {
  const dryRun = !ctx.slack.alerts && !ctx.slack.deploys && !ctx.slack.monitoring;
  const file = notificationsFile(ctx.reportDir);
  if (claimed.length === 0) {
    await writeNotificationsFile(file, ctx, []);
    return { dryRun, file, messages: [], pending: 0 };
  }
  const prepared = claimed.map((item) => ({
    item,
    url: ctx.slack[item.channel],
    payload: redactDeep(format(item, ctx.runId, ctx.locale), ctx.secrets),
  }));
  const live = prepared.filter((entry) => entry.url);
  const results = await deliverAll(
    live.map((entry) => ({ id: entry.item.id, url: entry.url!, payload: entry.payload })),
    ctx.delivery,
  );
  const messages: NotificationOutcome[] = prepared.map(({ item, url }) => {
    const result = results.get(item.id);
    const notice = item.notice;
    return {
      id: item.id,
      channel: item.channel,
      kind: notice.kind,
      ...(notice.kind === 'gate' ? {} : { key: notice.key, severity: notice.severity }),
      delivery: !url ? 'dry-run' : result?.delivered ? 'delivered' : result?.permanent ? 'refused' : 'pending',
      delayed: notice.runId !== ctx.runId,
      attempts: item.attempts + (result?.attempts ?? 0),
      ...(result?.error ? { error: redactText(result.error, ctx.secrets) } : {}),
    };
  });
  const outcomes: DeliveryOutcome[] = messages.map((message) => ({
    id: message.id,
    delivered: message.delivery === 'delivered' || message.delivery === 'dry-run',
    ...(message.delivery === 'refused' ? { permanent: true } : {}),
    ...(message.error ? { error: message.error } : {}),
  }));
  ctx.warnings.push(
    ...(await updateState(ctx.paths, ctx.now, (state) => ({
      ...state,
      outbox: settle(state.outbox, outcomes, ctx.runId),
    }))),
  );
  for (const message of messages.filter((candidate) => candidate.delivery === 'pending')) {
    ctx.warnings.push(
      `notification not delivered: ${describe(message)} (${message.error ?? 'unknown error'}); kept for the next run`,
    );
  }
  for (const message of messages.filter((candidate) => candidate.delivery === 'refused')) {
    ctx.warnings.push(
      `notification refused by Slack: ${describe(message)} (${message.error ?? 'unknown error'}); ` +
        'not retried, listed in the digest',
    );
  }
  const written = prepared.map(({ payload }, index) => ({ ...messages[index]!, payload }));
  await writeNotificationsFile(file, ctx, written);
  const dry = prepared.filter((entry) => !entry.url);
  if (dry.length) {
    const lines = dry.map(({ item, payload }) => `  [${CHANNEL_NAMES[item.channel]}] ${payload.text}`);
    const unset = [...new Set(dry.map(({ item }) => VARIABLES[item.channel]))].join(', ');
    ctx.print(
      redactText(
        [``, `Dry run (no ${unset}): ${dry.length} Slack message(s) written to ${file}:`, ...lines].join('\n'),
        ctx.secrets,
      ),
    );
  }
  return { dryRun, file, messages, pending: messages.filter((message) => message.delivery === 'pending').length };
}
