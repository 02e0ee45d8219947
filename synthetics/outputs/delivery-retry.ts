/**
 * The delivery loop every HTTP integration shares (Slack, PagerDuty, log shipping): each attempt
 * has a timeout; a 429 waits what `Retry-After` asks (if that fits the bound); 5xx and network
 * errors retry with backoff; everything within one total bound. The integration only says, per
 * attempt, whether it worked and, if not, how to retry. What cannot be delivered is reported, and
 * the caller keeps it for the next run (at-least-once, nothing lost) — except a message the receiver
 * refused for good (a 4xx other than 429, an invalid event): permanent for that message only, never
 * retried, never blocking the rest. A send that times out after the receiver accepted it may arrive
 * twice; the longer first timeout makes that rare (docs/reliability.md).
 */
import { setTimeout as sleepFor } from 'node:timers/promises';

export interface DeliveryPolicy {
  /** One request (a retry). */
  timeoutMs: number;
  /** The first request of a message: longer, so that a slow receiver is not asked twice. */
  firstTimeoutMs?: number;
  /** Every attempt of every message of a run, waits included. */
  totalMs: number;
  /** The longest Retry-After honoured within a run; longer: the message waits for the next run. */
  maxRetryAfterMs: number;
  /** Waits between attempts after a 5xx or a network error. */
  backoffMs: readonly number[];
}

export const DELIVERY_POLICY: DeliveryPolicy = {
  timeoutMs: 10_000,
  firstTimeoutMs: 20_000,
  totalMs: 30_000,
  maxRetryAfterMs: 20_000,
  backoffMs: [1000, 2000, 4000, 8000],
};

export interface SendResult {
  delivered: boolean;
  attempts: number;
  /** Why it was not delivered (the last problem). */
  error?: string;
  /** The receiver refused this message for good (retrying the same bytes cannot help): not to be retried. */
  permanent?: boolean;
}

/** What went wrong with one attempt, and what to do about it. */
export interface DeliveryProblem {
  message: string;
  /**
   * `after`: wait `waitMs` (Retry-After); `backoff`: next backoff; `stop`: no retry in this run (the
   * channel is unusable: the message waits); `never`: the receiver refused this message for good.
   */
  retry: 'after' | 'backoff' | 'stop' | 'never';
  waitMs?: number;
}

/** One attempt: resolves undefined when delivered, else the problem. Gets the time it may take. */
export type Attempt = (timeoutMs: number) => Promise<DeliveryProblem | undefined>;

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function waitFor(problem: DeliveryProblem, policy: DeliveryPolicy, backoff: number): number {
  if (problem.retry === 'after') return problem.waitMs ?? 1000;
  return policy.backoffMs[Math.min(backoff, policy.backoffMs.length - 1)] ?? 1000;
}

/** Runs `attempt` until it works, the policy says stop, or `deadline` (epoch ms) is reached. */
export async function sendWithRetry(
  attempt: Attempt,
  deadline: number,
  policy: DeliveryPolicy = DELIVERY_POLICY,
): Promise<SendResult> {
  const bound = `${policy.totalMs / 1000} s delivery bound`;
  let attempts = 0;
  let backoff = 0;
  let last: string | undefined;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      return {
        delivered: false,
        attempts,
        error: last ? `${last}; no retry within the ${bound}` : `not sent: the ${bound} was reached`,
      };
    }
    attempts += 1;
    const timeoutMs = attempts === 1 ? (policy.firstTimeoutMs ?? policy.timeoutMs) : policy.timeoutMs;
    const problem = await attempt(Math.max(1, Math.min(timeoutMs, remaining)));
    if (!problem) return { delivered: true, attempts };
    last = problem.message;
    if (problem.retry === 'never') return { delivered: false, attempts, error: last, permanent: true };
    if (problem.retry === 'stop') return { delivered: false, attempts, error: last };
    const wait = waitFor(problem, policy, backoff);
    if (problem.retry === 'backoff') backoff += 1;
    if (problem.retry === 'after' && wait > policy.maxRetryAfterMs) {
      return {
        delivered: false,
        attempts,
        error: `${last}: longer than the ${policy.maxRetryAfterMs / 1000} s this run may wait; kept for the next run`,
      };
    }
    if (Date.now() + wait >= deadline)
      return { delivered: false, attempts, error: `${last}; no retry within the ${bound}` };
    await sleepFor(wait);
  }
}

export interface Outgoing<P> {
  id: string;
  url: string;
  payload: P;
}

/** Sends one payload to one URL within `deadline`. */
export type Sender<P> = (url: string, payload: P, deadline: number, policy: DeliveryPolicy) => Promise<SendResult>;

/**
 * Sends messages in order within one total bound. After a failure on a URL, the later messages for
 * it are not tried (they would arrive before the one that failed); a message refused for good blocks nothing.
 */
export async function deliverInOrder<P>(
  messages: readonly Outgoing<P>[],
  send: Sender<P>,
  policy: DeliveryPolicy = DELIVERY_POLICY,
): Promise<Map<string, SendResult>> {
  const deadline = Date.now() + policy.totalMs;
  const results = new Map<string, SendResult>();
  const blocked = new Set<string>();
  for (const message of messages) {
    if (blocked.has(message.url)) {
      results.set(message.id, {
        delivered: false,
        attempts: 0,
        error: 'not sent: an earlier message to the same channel could not be delivered',
      });
      continue;
    }
    const result = await send(message.url, message.payload, deadline, policy);
    results.set(message.id, result);
    if (!result.delivered && !result.permanent) blocked.add(message.url);
  }
  return results;
}
