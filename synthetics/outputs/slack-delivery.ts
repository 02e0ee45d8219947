/**
 * Delivery to Slack incoming webhooks that loses nothing and never hangs a run: every send has a
 * timeout; a 429 waits what `Retry-After` asks (if that fits the bound); 5xx and network errors
 * retry with backoff; everything within one total bound (30 s). `@slack/webhook` does the HTTP — it
 * has no timeout by default and never retries a 429 nor reads Retry-After, so both are done here.
 * What cannot be delivered is reported, and the caller keeps it for the next run — except a 4xx
 * other than 429 (a bad payload or webhook): permanent for that message only, never blocking the rest.
 * Delivery is at-least-once: a send that times out after Slack accepted it may arrive twice; the
 * long first timeout and the check of Slack's `ok` answer make that rare (docs/reliability.md).
 */
import slack from '@slack/webhook';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { SlackPayload } from './slack-blocks.ts';

const { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError } = slack;

export interface DeliveryPolicy {
  /** One request (a retry). */
  timeoutMs: number;
  /** The first request of a message: longer, so that a slow Slack is not asked twice. */
  firstTimeoutMs?: number;
  /** Every attempt of every message of a run, waits included. */
  totalMs: number;
  /** The longest Retry-After honoured within a run; longer: the message waits for the next run. */
  maxRetryAfterMs: number;
  /** Waits between attempts after a 5xx or a network error. */
  backoffMs: readonly number[];
}

export const DELIVERY_POLICY: DeliveryPolicy = { timeoutMs: 10_000, firstTimeoutMs: 20_000, totalMs: 30_000, maxRetryAfterMs: 20_000, backoffMs: [1000, 2000, 4000, 8000] };

export interface SendResult {
  delivered: boolean;
  attempts: number;
  /** Why it was not delivered (the last problem). */
  error?: string;
  /** Slack refused this message for good (a 4xx other than 429): not to be retried. */
  permanent?: boolean;
}

interface Problem {
  message: string;
  /** `after`: wait `waitMs` (Retry-After); `backoff`: next backoff; `stop`: no retry in this run; `never`: refused for good. */
  retry: 'after' | 'backoff' | 'stop' | 'never';
  waitMs?: number;
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function classify(error: unknown, retryAfter: string | null): Problem {
  if (error instanceof IncomingWebhookHTTPError) {
    const body = String(error.body ?? '').slice(0, 100);
    if (error.statusCode === 429) return { message: `Slack rate limit (429, Retry-After: ${retryAfter ?? 'none'})`, retry: 'after', waitMs: parseRetryAfter(retryAfter) ?? 1000 };
    if (error.statusCode >= 500) return { message: `Slack answered ${error.statusCode}${body ? ` ${body}` : ''}`, retry: 'backoff' };
    return { message: `Slack refused the message: ${error.statusCode}${body ? ` ${body}` : ''} (check the webhook URL and the payload)`, retry: 'never' };
  }
  if (error instanceof IncomingWebhookRequestError) {
    const cause = (error.original as Error & { cause?: { message?: string } }).cause?.message;
    const why = [error.original.message, cause].filter(Boolean).join(': ');
    if (/timeout|aborted/i.test(why)) return { message: 'Slack did not answer in time (request timeout)', retry: 'backoff' };
    if (/bad port|invalid url|unknown scheme/i.test(why)) return { message: `the webhook URL cannot be used (${why})`, retry: 'stop' };
    return { message: `Slack could not be reached (${why})`, retry: 'backoff' };
  }
  return { message: (error as Error)?.message ?? String(error), retry: 'stop' };
}

/** Sends one payload, retrying as the policy allows until `deadline` (epoch ms). */
export async function sendToSlack(url: string, payload: SlackPayload, deadline: number, policy: DeliveryPolicy = DELIVERY_POLICY): Promise<SendResult> {
  let attempts = 0;
  let backoff = 0;
  let last: string | undefined;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { delivered: false, attempts, error: last ? `${last}; no retry within the ${policy.totalMs / 1000} s delivery bound` : `not sent: the ${policy.totalMs / 1000} s delivery bound was reached` };
    attempts += 1;
    let retryAfter: string | null = null;
    const timeoutMs = attempts === 1 ? (policy.firstTimeoutMs ?? policy.timeoutMs) : policy.timeoutMs;
    const webhook = new IncomingWebhook(url, {
      timeout: Math.max(1, Math.min(timeoutMs, remaining)),
      fetch: async (target, init) => {
        const response = await fetch(target, init);
        retryAfter = response.headers.get('retry-after');
        return response;
      },
    });
    try {
      const answer = await webhook.send(payload);
      // Slack answers 200 "ok"; anything else was not posted (and would not be by sending it again).
      if (answer.text !== undefined && answer.text.trim() !== 'ok') {
        return { delivered: false, attempts, permanent: true, error: `Slack answered 200 "${answer.text.slice(0, 60)}" instead of "ok"` };
      }
      return { delivered: true, attempts };
    } catch (error) {
      const problem = classify(error, retryAfter);
      last = problem.message;
      if (problem.retry === 'never') return { delivered: false, attempts, permanent: true, error: last };
      if (problem.retry === 'stop') return { delivered: false, attempts, error: last };
      const wait = problem.retry === 'after' ? problem.waitMs! : policy.backoffMs[Math.min(backoff++, policy.backoffMs.length - 1)] ?? 1000;
      if (problem.retry === 'after' && wait > policy.maxRetryAfterMs) return { delivered: false, attempts, error: `${last}: longer than the ${policy.maxRetryAfterMs / 1000} s this run may wait; kept for the next run` };
      if (Date.now() + wait >= deadline) return { delivered: false, attempts, error: `${last}; no retry within the ${policy.totalMs / 1000} s delivery bound` };
      await sleepFor(wait);
    }
  }
}

export interface Outgoing {
  id: string;
  url: string;
  payload: SlackPayload;
}

/**
 * Sends messages in order within one total bound. After a failure on a webhook, the later messages
 * for it are not tried (they would arrive before the one that failed) — unless that failure was a
 * permanent refusal of that one message: it never blocks the queue.
 */
export async function deliverAll(messages: readonly Outgoing[], policy: DeliveryPolicy = DELIVERY_POLICY): Promise<Map<string, SendResult>> {
  const deadline = Date.now() + policy.totalMs;
  const results = new Map<string, SendResult>();
  const blocked = new Set<string>();
  for (const message of messages) {
    if (blocked.has(message.url)) {
      results.set(message.id, { delivered: false, attempts: 0, error: 'not sent: an earlier message to the same channel could not be delivered' });
      continue;
    }
    const result = await sendToSlack(message.url, message.payload, deadline, policy);
    results.set(message.id, result);
    if (!result.delivered && !result.permanent) blocked.add(message.url);
  }
  return results;
}
