/** The outbox of undelivered messages: once, in order, reminders replaced, leases between overlapping runs. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  claimDue,
  emptyState,
  enqueue,
  pruneState,
  settle,
  type OutboxItem,
} from '../../synthetics/alerting/alert-state.ts';
import type { AlertDecision } from '../../synthetics/alerting/incidents.ts';
import { at, TARGET } from '../helpers/alerting-fixtures.ts';

function item(kind: AlertDecision['kind'], runId: string, minute = 0, key = 'journey:login'): OutboxItem {
  const notice: AlertDecision = {
    id: `${runId}:${kind}:${key}`,
    kind,
    key,
    target: TARGET,
    severity: 'P0',
    incidentKind: 'login',
    subject: key,
    route: 'alerts',
    runId,
    at: at(minute).toISOString(),
    since: at(0).toISOString(),
    checkIds: [key],
    flaps: 0,
  };
  return {
    id: notice.id,
    channel: 'alerts',
    notice,
    context: { environment: 'local', baseUrl: TARGET, reportPath: 'reports/latest' },
    createdAt: at(minute).toISOString(),
    attempts: 0,
  };
}

const ids = (items: readonly OutboxItem[]) => items.map((entry) => entry.id);

describe('outbox', () => {
  test('the same decision is queued once', () => {
    assert.deepEqual(ids(enqueue(enqueue([], [item('open', 'r1')]), [item('open', 'r1')])), ['r1:open:journey:login']);
  });

  test('a newer reminder replaces an undelivered older one; the open stays', () => {
    const queued = enqueue([item('open', 'r1'), item('remind', 'r5', 60)], [item('remind', 'r9', 120)]);
    assert.deepEqual(ids(queued), ['r1:open:journey:login', 'r9:remind:journey:login']);
  });

  test('a resolve drops the pending reminders: they stop when it resolves', () => {
    const queued = enqueue(
      [item('open', 'r1'), item('remind', 'r5', 60), item('remind', 'r5', 60, 'app-down')],
      [item('resolve', 'r7', 90)],
    );
    assert.deepEqual(ids(queued), ['r1:open:journey:login', 'r5:remind:app-down', 'r7:resolve:journey:login']);
  });

  test('an overlapping run does not take what another run has claimed, until the lease ends', () => {
    const first = claimDue([item('open', 'r1')], 'runA', at(0), 60_000);
    assert.deepEqual(ids(first.claimed), ['r1:open:journey:login']);
    assert.deepEqual(claimDue(first.outbox, 'runB', at(0.5), 60_000).claimed, []);
    assert.deepEqual(
      ids(claimDue(first.outbox, 'runB', at(2), 60_000).claimed),
      ['r1:open:journey:login'],
      "a crashed run's claim expires",
    );
  });

  test('settle: delivered items leave; the others stay, with their error, claim released', () => {
    const claimed = claimDue([item('open', 'r1'), item('resolve', 'r2')], 'runA', at(0), 60_000).outbox;
    const next = settle(
      claimed,
      [
        { id: 'r1:open:journey:login', delivered: true },
        { id: 'r2:resolve:journey:login', delivered: false, error: 'Slack answered 500' },
      ],
      'runA',
    );
    assert.equal(next.length, 1);
    assert.deepEqual(
      [next[0]!.id, next[0]!.attempts, next[0]!.lastError, next[0]!.claimedBy],
      ['r2:resolve:journey:login', 1, 'Slack answered 500', undefined],
    );
  });

  test('messages undeliverable for 24 hours are dropped (and reported by the stage)', () => {
    const state = { ...emptyState(), outbox: [item('open', 'old', 0), item('open', 'new', 24 * 60, 'app-down')] };
    const pruned = pruneState(state, at(24 * 60 + 1), { outboxMs: 24 * 3_600_000, recentMs: 1, incidentMs: 1 });
    assert.deepEqual(
      [ids(pruned.state.outbox), ids(pruned.expired)],
      [['new:open:app-down'], ['old:open:journey:login']],
    );
  });
});
