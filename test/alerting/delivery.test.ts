/**
 * Delivery edges against local fakes: Slack answering 200, 429 with Retry-After, 500, or hanging;
 * the heartbeat answering, failing or hanging. Small bounds keep these fast; the defaults are checked.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sendWithRetry } from '../../synthetics/outputs/delivery-retry.ts';
import { heartbeatTarget, pingHeartbeat } from '../../synthetics/outputs/heartbeat.ts';
import { DELIVERY_POLICY, deliverAll, parseRetryAfter, sendToSlack } from '../../synthetics/outputs/slack-delivery.ts';
import { FAST_DELIVERY } from '../helpers/alerting-fixtures.ts';
import { startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';

const message = {
  text: 'hello',
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'hello' } }],
};
let slack: FakeWebhook;
let url: string;

before(async () => {
  slack = await startFakeWebhook();
  url = `${slack.origin}/services/T0/B0/secret`;
});
after(async () => slack.close());
beforeEach(() => {
  slack.requests.length = 0;
  slack.fallback({ status: 200 });
});

const soon = (ms = FAST_DELIVERY.totalMs) => Date.now() + ms;

describe('sendToSlack', () => {
  test(
    'the policy by default: 20 s for a first send, 10 s per retry, 30 s in all, Retry-After honoured up to ' + '20 s',
    () => {
      assert.deepEqual(
        { ...DELIVERY_POLICY, backoffMs: [...DELIVERY_POLICY.backoffMs] },
        {
          timeoutMs: 10_000,
          firstTimeoutMs: 20_000,
          totalMs: 30_000,
          maxRetryAfterMs: 20_000,
          backoffMs: [1000, 2000, 4000, 8000],
        },
      );
    },
  );

  test('200: delivered at once, the Block Kit payload posted as JSON', async () => {
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.deepEqual(result, { delivered: true, attempts: 1 });
    assert.deepEqual(slack.requests[0]!.body, message);
    assert.equal(slack.requests[0]!.path, '/services/T0/B0/secret');
  });

  test('429 then 200: waits what Retry-After asks, then delivered once', async () => {
    slack.script({ status: 429, retryAfter: '1' });
    const started = Date.now();
    const result = await sendToSlack(url, message, soon(5000), { ...FAST_DELIVERY, totalMs: 5000 });
    assert.deepEqual(result, { delivered: true, attempts: 2 });
    assert.ok(Date.now() - started >= 950, 'waited the Retry-After second');
    assert.equal(slack.accepted().length, 1);
  });

  test('429 asking longer than this run may wait: not delivered, kept for the next run', async () => {
    slack.script({ status: 429, retryAfter: '120' });
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.equal(result.delivered, false);
    assert.match(
      result.error!,
      /Slack rate limit \(429, Retry-After: 120\): longer than the 2 s this run may wait; kept for the next run/,
    );
    assert.equal(slack.requests.length, 1);
  });

  test('500 then 200: retried with backoff, delivered once', async () => {
    slack.script({ status: 500 });
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.deepEqual(result, { delivered: true, attempts: 2 });
    assert.equal(slack.accepted().length, 1);
  });

  test('500 every time: retried within the total bound, then reported', async () => {
    slack.fallback({ status: 500 });
    const started = Date.now();
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.equal(result.delivered, false);
    assert.ok(result.attempts >= 2, `${result.attempts} attempts`);
    assert.match(result.error!, /^Slack answered 500 internal_error; no retry within the 1\.5 s delivery bound$/);
    assert.ok(Date.now() - started < FAST_DELIVERY.totalMs + 1000);
  });

  test('hanging: each send times out; the whole delivery ends within its bound', async () => {
    slack.fallback('hang');
    const started = Date.now();
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    const elapsed = Date.now() - started;
    assert.equal(result.delivered, false);
    assert.match(result.error!, /Slack did not answer in time \(request timeout\)/);
    assert.ok(elapsed < FAST_DELIVERY.totalMs + 1000, `ended after ${elapsed} ms`);
  });

  test('a 4xx other than 429 is a permanent failure of that message, not retried', async () => {
    slack.script({ status: 404 });
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.match(result.error!, /Slack refused the message: 404 no_service/);
    assert.equal(result.permanent, true);
    assert.equal(slack.requests.length, 1);
  });

  test('a 200 whose answer is not "ok": not posted, a permanent failure, not sent again', async () => {
    slack.script({ status: 200, body: 'invalid_blocks' });
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.deepEqual([result.delivered, result.permanent, slack.requests.length], [false, true, 1]);
    assert.match(result.error!, /Slack answered 200 "invalid_blocks" instead of "ok"/);
  });

  test('a slow first answer within the longer first timeout: sent once (without it: sent twice)', async () => {
    const policy = { timeoutMs: 300, totalMs: 6000, maxRetryAfterMs: 2000, backoffMs: [100] };
    slack.script({ status: 200, delayMs: 900 });
    const once = await sendToSlack(url, message, soon(policy.totalMs), { ...policy, firstTimeoutMs: 4000 });
    assert.deepEqual([once.delivered, once.attempts, slack.requests.length], [true, 1, 1]);
    slack.requests.length = 0;
    slack.script({ status: 200, delayMs: 900 });
    const twice = await sendToSlack(url, message, soon(policy.totalMs), policy);
    assert.deepEqual([twice.delivered, twice.attempts, slack.requests.length], [true, 2, 2]);
  });

  test('a 500 is not permanent: the message stays for the next run', async () => {
    slack.fallback({ status: 500 });
    const result = await sendToSlack(url, message, soon(), FAST_DELIVERY);
    assert.equal(result.delivered, false);
    assert.equal(result.permanent, undefined);
  });

  test('an unusable URL (a port fetch refuses) fails at once', async () => {
    const result = await sendToSlack('http://127.0.0.1:9/services/x', message, soon(), FAST_DELIVERY);
    assert.equal(result.attempts, 1);
    assert.match(result.error!, /the webhook URL cannot be used \(fetch failed: bad port\)/);
  });

  test('Retry-After: seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.ok(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())! > 3000);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

describe('sendWithRetry (the loop Slack, PagerDuty and log shipping share)', () => {
  const policy = { timeoutMs: 50, firstTimeoutMs: 400, totalMs: 2000, maxRetryAfterMs: 500, backoffMs: [10] };

  test('the first attempt gets the longer first timeout, retries the shorter one', async () => {
    const given: number[] = [];
    const result = await sendWithRetry(
      async (timeoutMs) => {
        given.push(timeoutMs);
        return given.length < 3 ? { message: 'timeout', retry: 'backoff' } : undefined;
      },
      soon(policy.totalMs),
      policy,
    );
    assert.deepEqual([result, given], [{ delivered: true, attempts: 3 }, [400, 50, 50]]);
  });

  test('a refusal for good (`never`) is permanent and not retried; `stop` waits for the next run', async () => {
    let calls = 0;
    const never = async () => (calls++, { message: 'invalid event', retry: 'never' as const });
    const refused = await sendWithRetry(never, soon(), policy);
    assert.deepEqual([refused, calls], [{ delivered: false, attempts: 1, error: 'invalid event', permanent: true }, 1]);
    const stopped = await sendWithRetry(async () => ({ message: 'bad URL', retry: 'stop' }), soon(), policy);
    assert.deepEqual(stopped, { delivered: false, attempts: 1, error: 'bad URL' });
  });
});

describe('deliverAll', () => {
  test('in order; after a failure, later messages to the same webhook wait (order kept)', async () => {
    slack.script({ status: 429, retryAfter: '60' });
    const other = `${slack.origin}/services/T0/B0/deploys`;
    const results = await deliverAll(
      [
        { id: 'a', url, payload: message },
        { id: 'b', url, payload: message },
        { id: 'c', url: other, payload: message },
      ],
      FAST_DELIVERY,
    );
    assert.deepEqual(
      [...results].map(([id, result]) => [id, result.delivered]),
      [
        ['a', false],
        ['b', false],
        ['c', true],
      ],
    );
    assert.match(results.get('b')!.error!, /an earlier message to the same channel could not be delivered/);
  });

  test('a message refused for good (404) never blocks the ones after it', async () => {
    slack.script({ status: 404 });
    const results = await deliverAll(
      [
        { id: 'a', url, payload: message },
        { id: 'b', url, payload: message },
      ],
      FAST_DELIVERY,
    );
    assert.deepEqual(
      [...results].map(([id, result]) => [id, result.delivered, result.permanent ?? false]),
      [
        ['a', false, true],
        ['b', true, false],
      ],
    );
  });
});

describe('heartbeat', () => {
  test('a passing run pings the heartbeat, a failing run its /fail variant', async () => {
    const beat = `${slack.origin}/api/v1/heartbeat/tok3n`;
    assert.deepEqual(await pingHeartbeat(beat, false, 500), { status: 'ok', variant: 'success', httpStatus: 200 });
    assert.deepEqual(await pingHeartbeat(beat, true, 500), { status: 'ok', variant: 'fail', httpStatus: 200 });
    assert.deepEqual(
      slack.requests.map((request) => `${request.method} ${request.path}`),
      ['GET /api/v1/heartbeat/tok3n', 'GET /api/v1/heartbeat/tok3n/fail'],
    );
    assert.equal(heartbeatTarget('https://x.test/hb/abc/?q=1', true), 'https://x.test/hb/abc/fail?q=1');
  });

  test('a failing or hanging heartbeat is reported within its timeout, never thrown', async () => {
    slack.script({ status: 500 });
    assert.deepEqual(await pingHeartbeat(`${slack.origin}/hb`, false, 500), {
      status: 'failed',
      variant: 'success',
      httpStatus: 500,
      error: 'the heartbeat answered 500',
    });
    slack.fallback('hang');
    const started = Date.now();
    const hung = await pingHeartbeat(`${slack.origin}/hb`, true, 300);
    assert.deepEqual(hung, {
      status: 'failed',
      variant: 'fail',
      error: 'the heartbeat could not be pinged (no answer within 0.3 s)',
    });
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(await pingHeartbeat(undefined, false), { status: 'not-configured' });
  });
});
