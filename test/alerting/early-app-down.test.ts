/**
 * The early app-down decision, pure: which confirmed-red uptime checks make an early P0, what it
 * leaves untouched, and that the end-of-run decision of the same run counts the run once and sends
 * nothing more — then the next run goes on as if the alert had been decided at the end.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideEarlyAppDown } from '../../synthetics/alerting/early-app-down.ts';
import type { AppDownNotice } from '../../synthetics/result/app-down-file.ts';
import { emptyState, type AlertState, type MessageContext } from '../../synthetics/alerting/alert-state.ts';
import { decideAlerts } from '../../synthetics/alerting/incidents.ts';
import { deriveSignals } from '../../synthetics/alerting/signals.ts';
import { at, summaryOf, TARGET } from '../helpers/alerting-fixtures.ts';

const RULES = { windows: [], paging: false };
const context: MessageContext = { environment: 'local', baseUrl: TARGET, reportPath: 'reports/latest' };
const red = (id: string) => ({ id, title: id, status: 'failed' as const, error: `${id} is down` });
const notice = (runId: string, ...ids: string[]): AppDownNotice => ({
  runId,
  at: at(0).toISOString(),
  checks: ids.map(red),
});

describe('decideEarlyAppDown', () => {
  const cases: Array<[string, AppDownNotice, string[]]> = [
    ['a blank home page', notice('run1', 'uptime:home'), ['run1:open:app-down']],
    ['the health endpoint down', notice('run1', 'uptime:health'), ['run1:open:app-down']],
    ['both, one incident', notice('run1', 'uptime:home', 'uptime:health'), ['run1:open:app-down']],
    ['no uptime check among them', notice('run1', 'journey:login'), []],
  ];
  for (const [name, input, sent] of cases) {
    test(`${name} → ${sent.join(', ') || 'nothing early'}`, () => {
      const decided = decideEarlyAppDown(input, emptyState(), TARGET, at(0), context, 60_000, RULES);
      assert.deepEqual(decided?.claimed.map((item) => item.id) ?? [], sent);
      if (decided)
        assert.deepEqual(
          decided.state.incidents.map((incident) => `${incident.key} ${incident.status} ${incident.lastRunId}`),
          ['app-down open run1'],
        );
    });
  }

  test(
    'an incident already open (an earlier run) is not opened again; other targets and incidents are left ' + 'alone',
    () => {
      const first = decideEarlyAppDown(
        notice('run1', 'uptime:home'),
        emptyState(),
        TARGET,
        at(0),
        context,
        60_000,
        RULES,
      )!;
      const state: AlertState = {
        ...first.state,
        outbox: [],
        incidents: [
          ...first.state.incidents,
          ...decideAlerts(deriveSignals(summaryOf('x', ['invoice-total-wrong']).checks), [], at(0), {
            runId: 'run0',
            target: 'http://other',
          }).incidents,
        ],
      };
      const second = decideEarlyAppDown(notice('run2', 'uptime:home'), state, TARGET, at(15), context, 60_000, RULES)!;
      assert.deepEqual(second.claimed, [], 'no second open, no reminder before an hour');
      assert.equal(second.state.incidents.length, state.incidents.length);
    },
  );

  test('the end-of-run decision of the same run sends nothing more and counts the run once', () => {
    const early = decideEarlyAppDown(
      notice('run1', 'uptime:home'),
      emptyState(),
      TARGET,
      at(0),
      context,
      60_000,
      RULES,
    )!;
    const end = decideAlerts(deriveSignals(summaryOf('run1', ['app-down']).checks), early.state.incidents, at(1), {
      runId: 'run1',
      target: TARGET,
    });
    assert.deepEqual(end.decisions, []);
    const incident = end.incidents.find((candidate) => candidate.key === 'app-down')!;
    assert.equal(incident.redStreak, 1, 'one run, one red');
    assert.ok(incident.checkIds.includes('journey:login'), 'the end-of-run result completes the checks it explains');
    const next = decideAlerts(deriveSignals(summaryOf('run2').checks), end.incidents, at(15), {
      runId: 'run2',
      target: TARGET,
    });
    const after = decideAlerts(deriveSignals(summaryOf('run3').checks), next.incidents, at(30), {
      runId: 'run3',
      target: TARGET,
    });
    assert.deepEqual(
      after.decisions.map((decision) => decision.id),
      ['run3:resolve:app-down'],
      'resolves after two green runs, as usual',
    );
  });

  test('with a pager configured, the early P0 also queues its PagerDuty trigger (claimed by this run)', () => {
    const decided = decideEarlyAppDown(notice('run1', 'uptime:home'), emptyState(), TARGET, at(0), context, 60_000, {
      ...RULES,
      paging: true,
    })!;
    assert.deepEqual(
      decided.claimedPages.map((item) => `${item.event.action} ${item.event.dedupKey}`),
      [`trigger app-down@${TARGET}`],
    );
    assert.equal(decided.state.pages?.length, 1, 'kept in the state until delivered');
    const without = decideEarlyAppDown(
      notice('run1', 'uptime:home'),
      emptyState(),
      TARGET,
      at(0),
      context,
      60_000,
      RULES,
    )!;
    assert.deepEqual(without.claimedPages, []);
  });

  test('a silence in force holds the early P0 back: tracked, not sent, not paged', () => {
    const silence = {
      id: 's1',
      reason: 'maintenance',
      from: at(-5).toISOString(),
      until: at(30).toISOString(),
      source: 'manual' as const,
    };
    const state: AlertState = { ...emptyState(), silences: [silence] };
    const decided = decideEarlyAppDown(notice('run1', 'uptime:home'), state, TARGET, at(0), context, 60_000, {
      ...RULES,
      paging: true,
    })!;
    assert.deepEqual(decided.claimed, [], 'no Slack message');
    assert.deepEqual(decided.claimedPages, [], 'no page');
    assert.equal(decided.suppressed, 1);
    assert.deepEqual(
      decided.state.incidents.map((incident) => `${incident.key} ${incident.status}`),
      ['app-down open'],
      'still tracked',
    );
  });
});
