/**
 * Delivery to Slack incoming webhooks that loses nothing and never hangs a run: every send has a
 * timeout (a longer first one); a 429 waits what `Retry-After` asks (if that fits the bound); 5xx and
 * network errors retry with backoff; everything within one total bound (30 s). The loop itself is
 * delivery-retry.ts, shared with the pager and the log shipping; this file says what Slack's answers
 * mean. `@slack/webhook` does the HTTP — it has no timeout by default and never retries a 429 nor
 * reads Retry-After, so both are done here. What cannot be delivered is reported, and the caller
 * keeps it for the next run — except a 4xx other than 429 or a 200 that is not "ok" (a bad payload
 * or webhook): permanent for that message only, never blocking the rest. Delivery is at-least-once:
 * a send that times out after Slack accepted it may arrive twice; the long first timeout and the
 * check of Slack's `ok` answer make that rare (docs/reliability.md).
 */
import slack from '@slack/webhook';
import type { SlackPayload } from './slack-blocks.ts';
import {
  DELIVERY_POLICY,
  deliverInOrder,
  parseRetryAfter,
  sendWithRetry,
  type DeliveryPolicy,
  type DeliveryProblem,
  type Outgoing as OutgoingTo,
  type SendResult,
} from './delivery-retry.ts';

export { DELIVERY_POLICY, parseRetryAfter, type DeliveryPolicy, type SendResult } from './delivery-retry.ts';

const { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError } = slack;

/** What one attempt's outcome means: Slack's answer text (when it answered 2xx) or the error thrown. */
type Outcome = { text: string | undefined } | { error: unknown };

function classify(outcome: Outcome, retryAfter: string | null): DeliveryProblem | undefined {
  if ('text' in outcome) {
    // Slack answers 200 "ok"; anything else was not posted (and would not be by sending it again).
    if (outcome.text === undefined || outcome.text.trim() === 'ok') return undefined;
    return { message: `Slack answered 200 "${outcome.text.slice(0, 60)}" instead of "ok"`, retry: 'never' };
  }
  const error = outcome.error;
  if (error instanceof IncomingWebhookHTTPError) {
    const body = String(error.body ?? '').slice(0, 100);
    if (error.statusCode === 429)
      return {
        message: `Slack rate limit (429, Retry-After: ${retryAfter ?? 'none'})`,
        retry: 'after',
        waitMs: parseRetryAfter(retryAfter) ?? 1000,
      };
    if (error.statusCode >= 500)
      return { message: `Slack answered ${error.statusCode}${body ? ` ${body}` : ''}`, retry: 'backoff' };
    return {
      message:
        `Slack refused the message: ${error.statusCode}${body ? ` ${body}` : ''} (check the webhook URL and the ` +
        `payload)`,
      retry: 'never',
    };
  }
  if (error instanceof IncomingWebhookRequestError) {
    const cause = (error.original as Error & { cause?: { message?: string } }).cause?.message;
    const why = [error.original.message, cause].filter(Boolean).join(': ');
    if (/timeout|aborted/i.test(why))
      return { message: 'Slack did not answer in time (request timeout)', retry: 'backoff' };
    if (/bad port|invalid url|unknown scheme/i.test(why))
      return { message: `the webhook URL cannot be used (${why})`, retry: 'stop' };
    return { message: `Slack could not be reached (${why})`, retry: 'backoff' };
  }
  return { message: (error as Error)?.message ?? String(error), retry: 'stop' };
}

/** Sends one payload, retrying as the policy allows until `deadline` (epoch ms). */
export async function sendToSlack(
  url: string,
  payload: SlackPayload,
  deadline: number,
  policy: DeliveryPolicy = DELIVERY_POLICY,
): Promise<SendResult> {
  return sendWithRetry(
    async (timeoutMs) => {
      let retryAfter: string | null = null;
      const webhook = new IncomingWebhook(url, {
        timeout: timeoutMs,
        fetch: async (target, init) => {
          const response = await fetch(target, init);
          retryAfter = response.headers.get('retry-after');
          return response;
        },
      });
      try {
        const answer = await webhook.send(payload);
        return classify({ text: answer.text }, retryAfter);
      } catch (error) {
        return classify({ error }, retryAfter);
      }
    },
    deadline,
    policy,
  );
}

export type Outgoing = OutgoingTo<SlackPayload>;

/**
 * Sends messages in order within one total bound. After a failure on a webhook, the later messages
 * for it are not tried (they would arrive before the one that failed) — unless that failure was a
 * permanent refusal of that one message: it never blocks the queue.
 */
export async function deliverAll(
  messages: readonly Outgoing[],
  policy: DeliveryPolicy = DELIVERY_POLICY,
): Promise<Map<string, SendResult>> {
  return deliverInOrder(messages, sendToSlack, policy);
}
