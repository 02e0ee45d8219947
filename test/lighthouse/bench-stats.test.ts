/** The bench's arithmetic: spread, agreement between tools, and target verdicts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aggregateRuns } from '../../synthetics/checks/lighthouse/aggregate.ts';
import type { LabMetrics, Measurement } from '../../synthetics/checks/lighthouse/lab-types.ts';
import {
  coefficientOfVariation,
  compareMetrics,
  judgeMetricTarget,
  percentDifference,
} from '../../synthetics/cli/bench/bench-stats.ts';

describe('coefficientOfVariation', () => {
  const cases: Array<[string, number[], number | undefined]> = [
    ['no value', [], undefined],
    ['one value', [100], undefined],
    ['identical values', [100, 100, 100], 0],
    ['all zero', [0, 0, 0], 0],
    ['zero mean with spread', [-1, 1], undefined],
    ['two values 90 and 110 (sample sd 14.14 / mean 100)', [90, 110], Math.SQRT2 / 10],
  ];
  for (const [name, values, expected] of cases) {
    test(`is ${String(expected)} for ${name}`, () => {
      const cv = coefficientOfVariation(values);
      if (expected === undefined) assert.equal(cv, undefined);
      else assert.ok(cv !== undefined && Math.abs(cv - expected) < 1e-9, String(cv));
    });
  }
});

describe('percentDifference', () => {
  const cases: Array<[number | undefined, number | undefined, number | undefined]> = [
    [110, 100, 10],
    [90, 100, -10],
    [0, 0, 0],
    [5, 0, undefined],
    [undefined, 100, undefined],
    [100, undefined, undefined],
  ];
  for (const [ours, baseline, expected] of cases) {
    test(`ours ${ours} vs baseline ${baseline} → ${expected}`, () =>
      assert.equal(percentDifference(ours, baseline), expected));
  }
});

function runs(lcps: number[], ttfb = 10): Measurement[] {
  return lcps.map((lcp) => {
    const metrics: LabMetrics = { lcp, cls: 0, ttfb, tbt: 0, fcp: lcp, transferBytes: 1000, requests: 4 };
    return {
      status: 'measured',
      metrics,
      finalUrl: 'http://h/',
      durationMs: 1,
      reports: { html: '', json: '' },
      warnings: [],
    };
  });
}

describe('compareMetrics and targets', () => {
  test('flags a median outside ±10 % and a noisier spread', () => {
    const rows = compareMetrics(aggregateRuns(runs([100, 150, 200])), aggregateRuns(runs([120, 125, 130])));
    const lcp = rows.find((row) => row.metric === 'lcp')!;
    assert.equal(lcp.oursMedian, 150);
    assert.equal(lcp.lhciMedian, 125);
    assert.equal(lcp.diffPercent, 20);
    assert.equal(lcp.medianWithinTarget, false);
    assert.equal(lcp.cvNoWorse, false);
    const requests = rows.find((row) => row.metric === 'requests')!;
    assert.deepEqual([requests.diffPercent, requests.medianWithinTarget, requests.cvNoWorse], [0, true, true]);
  });

  test('judges a target met only when every page and metric is', () => {
    const good = compareMetrics(aggregateRuns(runs([100, 101, 102])), aggregateRuns(runs([99, 100, 104])));
    assert.deepEqual(judgeMetricTarget([{ path: '/', metrics: good }], 'medianWithinTarget'), {
      met: true,
      misses: [],
    });
    const bad = compareMetrics(aggregateRuns(runs([100, 101, 102], 20)), aggregateRuns(runs([99, 100, 104], 10)));
    assert.deepEqual(
      judgeMetricTarget(
        [
          { path: '/', metrics: good },
          { path: '/login', metrics: bad },
        ],
        'medianWithinTarget',
      ),
      { met: false, misses: ['/login ttfb'] },
    );
  });

  test('counts an incomparable metric as a miss, marked n/a', () => {
    const rows = compareMetrics(aggregateRuns(runs([100])), aggregateRuns([]));
    const verdict = judgeMetricTarget([{ path: '/', metrics: rows }], 'cvNoWorse');
    assert.equal(verdict.met, false);
    assert.ok(verdict.misses.includes('/ lcp (n/a)'));
  });
});
