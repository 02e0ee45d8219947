/** Regression against the baseline, missed schedules and the SLO report — table-driven, pure. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { baselineOf, detectRegressions, isRegression, metricOfCheck } from '../../synthetics/alerting/regressions.ts';
import { toRunRecord, type RunRecord } from '../../synthetics/alerting/run-record.ts';
import { checkSchedule, findScheduleGaps } from '../../synthetics/alerting/schedule.ts';
import { computeSlo } from '../../synthetics/alerting/slo.ts';
import { at, summaryOf, TARGET } from '../helpers/alerting-fixtures.ts';
import { joinRegex } from '../helpers/join-regex.ts';

const TOLERANCES = {
  ttfb: { relative: 0.25, absolute: 150 },
  cls: { relative: 0.5, absolute: 0.05 },
  apiP95: { relative: 0.5, absolute: 150 },
};

function runs(count: number, ttfb: (index: number) => number, faults: string[] = []): RunRecord[] {
  return Array.from({ length: count }, (_, index) =>
    toRunRecord(summaryOf(`r${index}`, faults, ttfb(index)), 'monitor', at(index * 15)),
  );
}

describe('regression against the baseline', () => {
  test('check ids map to the tolerance keys of budgets.json', () => {
    const table: Array<[string, string | undefined]> = [
      ['budget:api:p95', 'apiP95'],
      ['budget:home:journey-ttfb', 'ttfb'],
      ['budget:dashboard:lcp', 'lcp'],
      ['budget:home:mobile-cls', 'cls'],
      ['budget:home:transferBytes', 'transferBytes'],
      ['journey:login', undefined],
      ['a11y:home', undefined],
    ];
    for (const [id, metric] of table) assert.equal(metricOfCheck(id), metric, id);
  });

  test('worse by more than BOTH tolerances is a regression', () => {
    const table: Array<[number, number, boolean, string]> = [
      [400, 200, true, '+200 ms and +100 %'],
      [340, 200, false, '+140 ms: under the absolute tolerance'],
      [1200, 1000, false, '+200 ms but only +20 %'],
      [1300, 1000, true, '+300 ms and +30 %'],
      [200, 200, false, 'same'],
      [100, 200, false, 'better'],
      [160, 0, true, 'zero baseline: the absolute tolerance alone'],
    ];
    for (const [actual, baseline, expected, why] of table)
      assert.equal(isRegression(actual, baseline, TOLERANCES.ttfb), expected, why);
  });

  test('the baseline is the median of the values, with its spread', () => {
    assert.deepEqual(baselineOf([20, 22, 18, 100, 21]), { median: 21, mad: 1, min: 18, max: 100, runs: 5 });
  });

  test('K healthy runs then a slower TTFB still under budget: a regression', () => {
    const current = summaryOf('now', [], 400).checks;
    const [result] = detectRegressions(
      current,
      runs(10, (i) => 18 + (i % 5)),
      { baselineRuns: 10, metrics: { ttfb: TOLERANCES.ttfb } },
    );
    assert.equal(result!.status, 'regression');
    assert.equal(result!.baseline!.median, 20);
    assert.match(
      result!.message,
      joinRegex([
        /^budget:home:journey-ttfb: 400 ms vs baseline 20 ms \(median of 10 healthy runs, ±1 ms\): \+380 ms/,
        / \(\+1900 %\), over both tolerances \(\+25 %, \+150 ms\)$/,
      ]),
    );
  });

  test('fewer than K healthy runs: "no baseline yet", never an alarm', () => {
    const [result] = detectRegressions(
      summaryOf('now', [], 5000).checks,
      runs(9, () => 20),
      { baselineRuns: 10, metrics: { ttfb: TOLERANCES.ttfb } },
    );
    assert.equal(result!.status, 'no-baseline');
    assert.equal(result!.message, 'budget:home:journey-ttfb: no baseline yet (9 of 10 healthy runs)');
  });

  test('failed runs are no baseline; only the last K healthy ones count', () => {
    const history = [...runs(5, () => 500), ...runs(3, () => 20, ['invoice-total-wrong']), ...runs(3, () => 20)];
    const [result] = detectRegressions(summaryOf('now', [], 200).checks, history, {
      baselineRuns: 3,
      metrics: { ttfb: TOLERANCES.ttfb },
    });
    assert.equal(result!.baseline!.median, 20);
    assert.equal(result!.status, 'regression');
  });

  test('a check over its budget is left to its budget incident; metrics without tolerance are not judged', () => {
    const current = summaryOf('now', [], 700).checks.map((c) =>
      c.id === 'budget:home:journey-ttfb' ? { ...c, status: 'failed' as const } : c,
    );
    const results = detectRegressions(
      current,
      runs(3, () => 20),
      { baselineRuns: 3, metrics: { ttfb: TOLERANCES.ttfb } },
    );
    assert.deepEqual(results, []);
  });
});

describe('missed schedules', () => {
  const table: Array<[number | undefined, boolean, number]> = [
    [undefined, false, 0],
    [15, false, 0],
    [30, false, 0],
    [31, true, 1],
    [60, true, 3],
    [24 * 60, true, 95],
  ];
  for (const [gap, missed, missedRuns] of table) {
    test(
      `a gap of ${gap ?? 'none (first run)'} min with a 15-min ` +
        `schedule: ${missed ? `${missedRuns} missed` : 'on time'}`,
      () => {
        const result = checkSchedule(gap === undefined ? undefined : at(0).toISOString(), at(gap ?? 0), 15);
        assert.deepEqual([result.missed, result.missedRuns], [missed, missedRuns]);
      },
    );
  }
  test('gaps in a history are listed', () => {
    const history = [0, 15, 30, 90, 105].map((minute, index) =>
      toRunRecord(summaryOf(`r${index}`), 'monitor', at(minute)),
    );
    assert.deepEqual(findScheduleGaps(history, at(0), 15), [
      { from: at(30).toISOString(), to: at(90).toISOString(), gapMinutes: 60, missedRuns: 3 },
    ]);
  });
});

describe('SLO report', () => {
  test('no history: no availability, the whole error budget', () => {
    const slo = computeSlo([], TARGET, at(0), 15);
    assert.equal(slo.availability, undefined);
    assert.equal(slo.budgetMinutes, 43.2);
    assert.equal(slo.budgetLeftMinutes, 43.2);
  });

  test('a 30-minute outage in a day of 15-minute runs uses 30 of the 43.2 budget minutes', () => {
    const history = Array.from({ length: 96 }, (_, index) =>
      toRunRecord(
        summaryOf(`r${index}`, index === 40 || index === 41 ? ['health-db-down'] : []),
        'monitor',
        at(index * 15),
      ),
    );
    const slo = computeSlo(history, TARGET, at(96 * 15), 15);
    assert.equal(slo.runs, 96);
    assert.equal(slo.downRuns, 2);
    assert.equal(slo.downtimeMinutes, 30);
    assert.equal(slo.budgetLeftMinutes, 13.2);
    assert.equal(slo.availability, 0.979167);
    assert.equal(slo.met.availability, false);
  });

  test('p95 response time and p75 web vitals from the recorded values', () => {
    const history = Array.from({ length: 20 }, (_, index) =>
      toRunRecord(summaryOf(`r${index}`, [], 10 + index), 'monitor', at(index * 15)),
    );
    const slo = computeSlo(history, TARGET, at(300), 15);
    assert.equal(slo.p95ResponseMs, 85);
    assert.equal(slo.p75.ttfb, 24);
    assert.equal(slo.p75.lcp, 400);
    assert.deepEqual([slo.met.p95ResponseMs, slo.met.ttfb, slo.met.lcp], [true, true, true]);
  });

  test('gate runs, other targets and runs older than the window do not count', () => {
    const history = [
      toRunRecord(summaryOf('old', ['health-db-down']), 'monitor', at(-31 * 1440)),
      toRunRecord(summaryOf('gate', ['health-db-down']), 'gate', at(0)),
      { ...toRunRecord(summaryOf('other', ['health-db-down']), 'monitor', at(0)), target: 'https://elsewhere.example' },
      toRunRecord(summaryOf('ok'), 'monitor', at(15)),
    ];
    const slo = computeSlo(history, TARGET, at(30), 15);
    assert.deepEqual([slo.runs, slo.downRuns, slo.availability], [1, 0, 1]);
  });
});
