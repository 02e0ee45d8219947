/**
 * The run's files for other tools, written on every run (a failing one too): `run.ndjson` (run
 * logs) and `metrics.prom` (Prometheus text format) in the report folder, secrets redacted; then,
 * when configured, the logs shipped to Better Stack and the metrics pushed to a Pushgateway. Every
 * problem is a warning; none changes the verdict.
 */
import { join } from 'node:path';
import type { SuiteConfig } from '../config/env.ts';
import type { RunSummary } from '../model/run-result.ts';
import type { AlertingSection } from './alerting-report.ts';
import { sendWithRetry, type DeliveryPolicy } from './delivery-retry.ts';
import { historyPaths, writeFileAtomic } from './history-store.ts';
import { shipLogs } from './log-shipping.ts';
import { formatMetrics } from './metrics.ts';
import { redactDeep, redactText } from '../model/redact.ts';
import { buildRunEvents } from './run-log.ts';

export interface RunOutputsInput {
  summary: RunSummary;
  section: AlertingSection | undefined;
  config: SuiteConfig;
  now: Date;
  delivery: DeliveryPolicy;
}

/** Where the Pushgateway keeps this target's metrics: one group per target (base64url label value). */
export function pushgatewayUrl(base: string, target: string): string {
  return `${base}/metrics/job/viamentor_synthetics/target@base64/${Buffer.from(target).toString('base64url')}`;
}

async function pushMetrics(url: string, text: string, delivery: DeliveryPolicy): Promise<string | undefined> {
  const result = await sendWithRetry(
    async (timeoutMs) => {
      try {
        const response = await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'text/plain; version=0.0.4' },
          body: text,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        if (response.ok) return undefined;
        return {
          message: `the Pushgateway answered ${response.status}`,
          retry: response.status >= 500 ? 'backoff' : 'stop',
        };
      } catch (error) {
        return { message: `the Pushgateway could not be reached (${(error as Error).message})`, retry: 'backoff' };
      }
    },
    Date.now() + delivery.totalMs,
    delivery,
  );
  return result.delivered
    ? undefined
    : `metrics not pushed to the Pushgateway (${result.error}); the next run pushes fresh ones`;
}

/** Writes run.ndjson and metrics.prom, ships and pushes them when configured; returns the warnings. */
export async function writeRunOutputs(input: RunOutputsInput): Promise<string[]> {
  const { summary, config } = input;
  const secrets = config.secrets;
  const warnings: string[] = [];
  const attempt = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      warnings.push(redactText(`${what}: ${(error as Error)?.message ?? String(error)}`, secrets));
    }
  };
  const events = redactDeep(buildRunEvents(summary, input.section), secrets);
  const metrics = redactText(formatMetrics(summary, input.section), secrets);
  await attempt('run.ndjson could not be written', () =>
    writeFileAtomic(
      join(summary.reports.dir, 'run.ndjson'),
      events.map((event) => `${JSON.stringify(event)}\n`).join(''),
    ),
  );
  await attempt('metrics.prom could not be written', () =>
    writeFileAtomic(join(summary.reports.dir, 'metrics.prom'), metrics),
  );
  const { logtail, pushgatewayUrl: gateway } = config.integrations;
  if (logtail) {
    await attempt('the run logs could not be shipped', async () => {
      warnings.push(
        ...(await shipLogs({
          events,
          runId: summary.runId,
          now: input.now,
          paths: historyPaths(config.historyPath),
          logtail,
          delivery: input.delivery,
        })),
      );
    });
  }
  if (gateway) {
    await attempt('the metrics could not be pushed', async () => {
      const problem = await pushMetrics(pushgatewayUrl(gateway, summary.target.baseUrl), metrics, input.delivery);
      if (problem) warnings.push(problem);
    });
  }
  return warnings.map((warning) => redactText(warning, secrets));
}
