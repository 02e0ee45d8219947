/**
 * The early P0: when the uptime checks confirm the app is down in the middle of a run, the app-down
 * incident is decided and its message delivered at once — not minutes later, after the journeys and
 * the Lighthouse stage. The incident is stored as opened by this run, so the end-of-run decision
 * counts the run once and sends nothing more for it (incidents.ts); the messages and the decision
 * are handed to that stage for summary.json. Silences and maintenance windows apply as at the end of
 * the run, and a P0 pages PagerDuty from here too (the decision: alerting/early-app-down.ts).
 * Monitor mode only (a gate has no incidents).
 */
import type { AlertingOptions } from '../config/alerting.ts';
import type { SuiteConfig } from '../config/env.ts';
import { readAppDownNotice, type AppDownNotice } from '../result/app-down-file.ts';
import type { MessageContext } from '../alerting/alert-state.ts';
import { decideEarlyAppDown, type EarlyDecision } from '../alerting/early-app-down.ts';
import { windowOccurrences } from '../alerting/maintenance.ts';
import type { AlertingSection } from '../outputs/alerting-report.ts';
import { historyPaths, updateState } from '../outputs/history-store.ts';
import { sendNotifications } from '../outputs/send-notifications.ts';
import { sendPages, type PagesSection } from '../outputs/send-pages.ts';
import { DELIVERY_POLICY, type DeliveryPolicy } from '../outputs/slack-delivery.ts';

/** What the early stage did, for the end-of-run stage to report alongside its own. */
export interface EarlyAlert {
  decisions: AlertingSection['incidents']['decisions'];
  notifications: AlertingSection['notifications'];
  pages?: PagesSection;
  warnings: string[];
}

/** What the early stage needs from `npm start`. */
export interface EarlyAlertInput {
  notice: AppDownNotice;
  config: SuiteConfig;
  options: AlertingOptions;
  context: MessageContext;
  now: Date;
  reportDir: string;
  delivery?: DeliveryPolicy;
  print?: (text: string) => void;
}

/** Decides under the history lock, then delivers (its messages open the run's `notifications.json`). */
export async function sendEarlyAppDown(input: EarlyAlertInput): Promise<EarlyAlert | undefined> {
  if (input.options.mode !== 'monitor') return undefined;
  const delivery = input.delivery ?? DELIVERY_POLICY;
  const paths = historyPaths(input.config.historyPath);
  const target = input.config.target.baseUrl;
  let decided: EarlyDecision | undefined;
  const warnings = await updateState(paths, input.now, (state) => {
    const leaseMs = delivery.totalMs + 30_000;
    const windows = windowOccurrences(input.options.maintenance, input.now, input.now);
    const rules = { windows, paging: Boolean(input.config.integrations.pagerduty) };
    decided = decideEarlyAppDown(input.notice, state, target, input.now, input.context, leaseMs, rules);
    return decided?.state ?? state;
  });
  if (!decided) return undefined;
  const { config } = input;
  const notifications = await sendNotifications(decided.claimed, {
    runId: input.notice.runId,
    now: input.now,
    paths,
    warnings,
    slack: config.slack,
    secrets: config.secrets,
    locale: config.alertLocale,
    reportDir: input.reportDir,
    delivery,
    print: input.print ?? ((text) => console.log(text)),
  });
  const pages = await sendPages(decided.claimedPages, {
    runId: input.notice.runId,
    now: input.now,
    paths,
    warnings,
    pagerduty: config.integrations.pagerduty,
    secrets: config.secrets,
    locale: config.alertLocale,
    delivery,
  });
  const decisions = decided.decisions.map(({ id, kind, key, severity, route }) => ({ id, kind, key, severity, route }));
  return { decisions, notifications, pages, warnings };
}

/** The early stage never throws into the run: its failure is a warning of the end-of-run stage. */
function failedEarly(error: unknown): EarlyAlert {
  const warning = `the early app-down alert failed: ${(error as Error)?.message ?? String(error)}`;
  return { decisions: [], notifications: { dryRun: false, messages: [], pending: 0 }, warnings: [warning] };
}

/** Polls for the runner's app-down notice and sends the early P0 once; `stop()` waits for it. */
export function watchForAppDown(
  file: string,
  send: (notice: AppDownNotice) => Promise<EarlyAlert | undefined>,
  intervalMs = 250,
): { stop(): Promise<EarlyAlert | undefined> } {
  let sending: Promise<EarlyAlert | undefined> | undefined;
  let polling = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (sending || polling) return;
    polling = true;
    void readAppDownNotice(file).then((notice) => {
      polling = false;
      if (notice && !sending && !stopped) sending = send(notice).catch(failedEarly);
    });
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      return sending;
    },
  };
}
