/** The incident state machine and the signals it is fed — table-driven, pure. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALERT_POLICY, ruleFor } from '../../synthetics/alerting/alert-policy.ts';
import { decideAlerts, type Incident } from '../../synthetics/alerting/incidents.ts';
import { deriveSignals, type Signal } from '../../synthetics/alerting/signals.ts';
import { at, healthyChecks, summaryOf, TARGET } from '../helpers/alerting-fixtures.ts';

type Step = 'R' | 'G' | '?';

function signalFor(key: string, state: Step): Signal {
  const rule = ruleFor(key);
  return {
    key,
    severity: rule.severity,
    kind: rule.kind,
    state: state === 'R' ? 'red' : state === 'G' ? 'green' : 'unknown',
    subject: key,
    checkIds: [key],
    ...(state === 'R' ? { reason: 'broken' } : {}),
  };
}

/** Plays one signal through a sequence of runs 15 minutes apart; returns `kind@run` for every decision. */
function play(key: string, steps: readonly Step[], minutes = 15): string[] {
  let incidents: Incident[] = [];
  const out: string[] = [];
  steps.forEach((step, index) => {
    const outcome = decideAlerts([signalFor(key, step)], incidents, at(index * minutes), {
      runId: `run${index}`,
      target: TARGET,
    });
    incidents = outcome.incidents;
    for (const decision of outcome.decisions) {
      const lasted = decision.durationMs !== undefined ? `(${Math.round(decision.durationMs / 60_000)}m)` : '';
      out.push(`${decision.kind}@${index}${lasted}`);
    }
  });
  return out;
}

describe('decideAlerts: open, remind, resolve', () => {
  const cases: Array<[string, string, Step[], string[], number?]> = [
    ['a P0 opens at its first confirmed failure', 'journey:login', ['R'], ['open@0']],
    ['a P1 waits for a second failing run', 'journey:invoice', ['R'], []],
    ['a P1 opens at the second consecutive failing run', 'journey:invoice', ['R', 'R'], ['open@1']],
    [
      'invoice red for 3 runs then green: one open, one resolve with its duration',
      'journey:invoice',
      ['R', 'R', 'R', 'G'],
      ['open@1', 'resolve@3(45m)'],
    ],
    ['a P1 resolves at the first green run', 'journey:invoice', ['R', 'R', 'G', 'G'], ['open@1', 'resolve@2(30m)']],
    [
      'a P0 resolves after two green runs; the duration ends at the first',
      'journey:login',
      ['R', 'G', 'G'],
      ['open@0', 'resolve@2(15m)'],
    ],
    [
      'P0 reminder only after the hourly interval',
      'journey:login',
      ['R', 'R', 'R', 'R', 'R', 'R'],
      ['open@0', 'remind@4(60m)'],
    ],
    [
      'P0 reminders keep the hourly pace',
      'journey:login',
      Array<Step>(10).fill('R'),
      ['open@0', 'remind@4(60m)', 'remind@8(120m)'],
    ],
    ['P1 reminder every 4 hours', 'journey:invoice', Array<Step>(18).fill('R'), ['open@1', 'remind@17(255m)']],
    [
      'P2 opens and resolves silently (digest), never reminds',
      'budget:home:lcp',
      ['R', 'R', 'R', 'R', 'R', 'G'],
      ['open@0', 'resolve@5(75m)'],
    ],
    ['a P1 flapping on/off never opens', 'journey:invoice', ['R', 'G', 'R', 'G', 'R', 'G', 'R', 'G'], []],
    [
      'a P0 flapping on/off: one open (and the hourly reminder), no resolve until two greens in a row',
      'journey:login',
      ['R', 'G', 'R', 'G', 'R', 'G', 'G'],
      ['open@0', 'remind@4(60m)', 'resolve@6(75m)'],
    ],
    [
      'unknown (not run) changes nothing: no open, no resolve',
      'journey:invoice',
      ['R', '?', 'R', '?', 'G'],
      ['open@2', 'resolve@4(60m)'],
    ],
    ['green with no incident: nothing', 'journey:login', ['G', 'G', 'G'], []],
    ['a pending P1 that turns green is forgotten', 'journey:invoice', ['R', 'G', 'R'], []],
  ];
  for (const [name, key, steps, expected, minutes] of cases)
    test(name, () => assert.deepEqual(play(key, steps, minutes), expected));

  test("the reminder interval is the policy's: reminders are recalculated from the last notification", () => {
    assert.deepEqual(play('journey:login', ['R', 'R', 'R'], 40), ['open@0', 'remind@2(80m)']);
  });

  test('decisions carry what the message needs', () => {
    const outcome = decideAlerts([signalFor('journey:login', 'R')], [], at(0), { runId: 'r1', target: TARGET });
    const [decision] = outcome.decisions;
    assert.deepEqual(
      { ...decision },
      {
        id: 'r1:open:journey:login',
        kind: 'open',
        key: 'journey:login',
        target: TARGET,
        severity: 'P0',
        incidentKind: 'login',
        subject: 'journey:login',
        route: 'alerts',
        runId: 'r1',
        at: at(0).toISOString(),
        since: at(0).toISOString(),
        checkIds: ['journey:login'],
        reason: 'broken',
        flaps: 0,
      },
    );
    assert.equal(outcome.incidents[0]!.status, 'open');
  });

  test('a resolved incident leaves the open list and is returned with its duration', () => {
    let incidents = decideAlerts([signalFor('journey:invoice', 'R')], [], at(0), {
      runId: 'a',
      target: TARGET,
    }).incidents;
    incidents = decideAlerts([signalFor('journey:invoice', 'R')], incidents, at(15), {
      runId: 'b',
      target: TARGET,
    }).incidents;
    const outcome = decideAlerts([signalFor('journey:invoice', 'G')], incidents, at(30), {
      runId: 'c',
      target: TARGET,
    });
    assert.deepEqual(outcome.incidents, []);
    assert.equal(outcome.resolved[0]!.durationMs, 30 * 60_000);
    assert.equal(outcome.resolved[0]!.resolvedAt, at(30).toISOString());
  });

  test('flaps are counted while open', () => {
    let incidents: Incident[] = [];
    const states: Step[] = ['R', 'G', 'R', 'G', 'R', 'G', 'G'];
    let last;
    states.forEach((state, index) => {
      last = decideAlerts([signalFor('journey:login', state)], incidents, at(index * 15), {
        runId: `r${index}`,
        target: TARGET,
      });
      incidents = last.incidents;
    });
    assert.equal(last!.decisions[0]!.flaps, 2);
  });
});

describe('deriveSignals: severities and grouping', () => {
  const keyed = (signals: Signal[]) => Object.fromEntries(signals.map((s) => [s.key, `${s.severity}:${s.state}`]));

  test('severity per check comes from the one policy table', () => {
    const table: Array<[string, string, string]> = [
      ['app-down', 'P0', 'app-down'],
      ['journey:login', 'P0', 'login'],
      ['journey:invoice', 'P1', 'journey'],
      ['latency:budget:api:p95', 'P1', 'latency'],
      ['budget:home:lcp', 'P2', 'performance'],
      ['slow:journey:booking', 'P2', 'performance'],
      ['regression:budget:home:lcp', 'P2', 'regression'],
      ['a11y:planning', 'P2', 'accessibility'],
      ['uptime:new-check', 'P1', 'journey'],
    ];
    for (const [key, severity, kind] of table)
      assert.deepEqual([ruleFor(key).severity, ruleFor(key).kind], [severity, kind], key);
  });

  test('a healthy run: every signal green', () => {
    const signals = deriveSignals(healthyChecks());
    assert.ok(
      signals.every((signal) => signal.state === 'green'),
      JSON.stringify(signals.filter((s) => s.state !== 'green')),
    );
    assert.equal(keyed(signals)['app-down'], 'P0:green');
  });

  test('health down: ONE app-down P0 with every red check; the journeys say nothing', () => {
    const signals = deriveSignals(summaryOf('x', ['app-down']).checks);
    const red = signals.filter((signal) => signal.state === 'red');
    assert.deepEqual(
      red.map((signal) => signal.key),
      ['app-down'],
    );
    assert.deepEqual(red[0]!.checkIds, [
      'uptime:home',
      'uptime:health',
      'journey:login',
      'journey:students',
      'journey:booking',
      'journey:invoice',
    ]);
    assert.equal(keyed(signals)['journey:invoice'], 'P1:unknown');
    assert.equal(keyed(signals)['journey:login'], 'P0:unknown');
  });

  test('login broken: P0 login red, the blocked journeys unknown (skipped)', () => {
    const k = keyed(deriveSignals(summaryOf('x', ['login-broken']).checks));
    assert.equal(k['journey:login'], 'P0:red');
    assert.equal(k['journey:invoice'], 'P1:unknown');
    assert.equal(k['app-down'], 'P0:green');
  });

  test('flaky is green (a one-off flake pages nobody); degraded is a P2 slow signal', () => {
    const checks = healthyChecks().map((c) =>
      c.id === 'journey:booking'
        ? { ...c, status: 'flaky' as const }
        : c.id === 'journey:students'
          ? { ...c, status: 'degraded' as const, error: 'took 40 s' }
          : c,
    );
    const k = keyed(deriveSignals(checks));
    assert.equal(k['journey:booking'], 'P1:green');
    assert.equal(k['journey:students'], 'P1:green');
    assert.equal(k['slow:journey:students'], 'P2:red');
  });

  test('API p95 over 2 s is a P1 latency signal, besides its P2 budget', () => {
    const checks = healthyChecks().map((c) =>
      c.id === 'budget:api:p95' ? { ...c, status: 'failed' as const, actual: 2600 } : c,
    );
    const k = keyed(deriveSignals(checks));
    assert.equal(k['latency:budget:api:p95'], 'P1:red');
    assert.equal(k['budget:api:p95'], 'P2:red');
    assert.equal(ALERT_POLICY.latencyP1Ms, 2000);
  });
});
