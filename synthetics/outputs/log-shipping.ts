/**
 * Run logs to a Better Stack (Logtail) HTTP source: the events of run.ndjson as JSON arrays of at
 * most `BATCH_SIZE`, with the source token as a bearer token. Same delivery loop as Slack
 * (delivery-retry.ts). Batches that cannot be delivered wait in `logs-pending.jsonl` next to the
 * history and go out with the next run (at-least-once); a week-old batch is dropped with a warning.
 * A shipping problem is a warning of the stage: it never changes the verdict.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Integrations } from '../config/integrations.ts';
import {
  deliverInOrder,
  parseRetryAfter,
  sendWithRetry,
  type DeliveryPolicy,
  type DeliveryProblem,
  type SendResult,
} from './delivery-retry.ts';
import { withFileLock } from './file-lock.ts';
import { writeFileAtomic, type HistoryPaths } from './history-store.ts';
import type { RunEvent } from './run-log.ts';

export const BATCH_SIZE = 500;
const KEEP_MS = 7 * 86_400_000;

interface Batch {
  id: string;
  createdAt: string;
  events: RunEvent[];
}

/** The pending-batches file of a history. */
export function pendingLogsFile(paths: HistoryPaths): string {
  return join(dirname(paths.state), 'logs-pending.jsonl');
}

async function readPending(file: string): Promise<Batch[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Batch];
      } catch {
        return [];
      }
    });
}

function classify(response: Response): DeliveryProblem | undefined {
  if (response.ok) return undefined;
  if (response.status === 429) {
    const wait = parseRetryAfter(response.headers.get('retry-after'));
    return {
      message: 'Better Stack rate limit (429)',
      ...(wait === undefined ? { retry: 'backoff' } : { retry: 'after', waitMs: wait }),
    };
  }
  if (response.status >= 500) return { message: `Better Stack answered ${response.status}`, retry: 'backoff' };
  if (response.status === 400 || response.status === 413)
    return { message: `Better Stack refused the batch (${response.status})`, retry: 'never' };
  return {
    message: `Better Stack answered ${response.status} (check LOGTAIL_SOURCE_TOKEN and LOGTAIL_INGEST_URL)`,
    retry: 'stop',
  };
}

function sender(token: string) {
  return (url: string, events: RunEvent[], deadline: number, policy: DeliveryPolicy): Promise<SendResult> =>
    sendWithRetry(
      async (timeoutMs) => {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(events),
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body?.cancel();
          return classify(response);
        } catch (error) {
          const err = error as Error & { cause?: { message?: string } };
          return {
            message:
              err.name === 'TimeoutError'
                ? 'Better Stack did not answer in time'
                : `Better Stack could not be reached (${[err.message, err.cause?.message].filter(Boolean).join(': ')})`,
            retry: 'backoff',
          };
        }
      },
      deadline,
      policy,
    );
}

export interface ShipInput {
  events: RunEvent[];
  runId: string;
  now: Date;
  paths: HistoryPaths;
  logtail: NonNullable<Integrations['logtail']>;
  delivery: DeliveryPolicy;
}

function batchesOf(input: ShipInput): Batch[] {
  const batches: Batch[] = [];
  for (let index = 0; index < input.events.length; index += BATCH_SIZE) {
    const events = input.events.slice(index, index + BATCH_SIZE);
    batches.push({ id: `${input.runId}:${index / BATCH_SIZE}`, createdAt: input.now.toISOString(), events });
  }
  return batches;
}

/** Rewrites the pending file under its lock: what is still undelivered stays, a week-old batch goes. */
async function keepPending(
  file: string,
  fresh: readonly Batch[],
  done: ReadonlySet<string>,
  now: Date,
): Promise<string[]> {
  const warnings: string[] = [];
  await withFileLock(`${file}.lock`, async () => {
    const current = await readPending(file);
    const all = [...current, ...fresh.filter((batch) => !current.some((queued) => queued.id === batch.id))];
    const keep = all.filter((batch) => !done.has(batch.id));
    const expired = keep.filter((batch) => now.getTime() - Date.parse(batch.createdAt) > KEEP_MS);
    for (const batch of expired) warnings.push(`log batch ${batch.id} could not be shipped for 7 days: dropped`);
    const lines = keep.filter((batch) => !expired.includes(batch)).map((batch) => `${JSON.stringify(batch)}\n`);
    await writeFileAtomic(file, lines.join(''));
  });
  return warnings;
}

/** Ships this run's events and any pending batches; returns the warnings (the caller catches file errors). */
export async function shipLogs(input: ShipInput): Promise<string[]> {
  const file = pendingLogsFile(input.paths);
  const fresh = batchesOf(input);
  const pending = await readPending(file);
  const batches = [...pending.filter((batch) => !fresh.some((mine) => mine.id === batch.id)), ...fresh];
  const results = await deliverInOrder(
    batches.map((batch) => ({ id: batch.id, url: input.logtail.ingestUrl, payload: batch.events })),
    sender(input.logtail.sourceToken),
    input.delivery,
  );
  const done = new Set([...results].filter(([, result]) => result.delivered || result.permanent).map(([id]) => id));
  const warnings = [...results]
    .filter(([, result]) => !result.delivered)
    .map(
      ([id, result]) =>
        `log batch ${id} not shipped to Better Stack (${result.error ?? 'unknown error'}); ` +
        (result.permanent ? 'dropped' : 'kept for the next run'),
    );
  return [...warnings, ...(await keepPending(file, fresh, done, input.now))];
}
