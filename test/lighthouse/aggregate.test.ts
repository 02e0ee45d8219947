/** Several Lighthouse runs become one number per metric: the median of the runs that measured. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aggregateRuns, median } from '../../synthetics/checks/lighthouse/aggregate.ts';
import type { LabMetrics, Measurement } from '../../synthetics/checks/lighthouse/lab-types.ts';

describe('median', () => {
  const cases: Array<[string, number[], number | undefined]> = [
    ['no value at all', [], undefined],
    ['a single value', [42], 42],
    ['an odd count, unsorted', [300, 100, 200], 200],
    ['an even count: mean of the two middle values', [400, 100, 300, 200], 250],
    ['two values', [1, 2], 1.5],
    ['duplicates', [5, 5, 1, 5], 5],
    ['non-finite values ignored', [Number.NaN, 10, Number.POSITIVE_INFINITY, 30], 20],
    ['only non-finite values', [Number.NaN], undefined],
    ['negative and fractional values', [-0.5, 0.25, 0.1], 0.1],
  ];
  for (const [name, values, expected] of cases) {
    test(`gives ${String(expected)} for ${name}`, () => assert.equal(median(values), expected));
  }

  test("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    assert.deepEqual(values, [3, 1, 2]);
  });
});

function measured(lcp: number, overrides: Partial<LabMetrics> = {}): Measurement {
  return {
    status: 'measured',
    metrics: { lcp, cls: 0.01, ttfb: 20, tbt: 0, fcp: lcp / 2, transferBytes: 50_000, requests: 10, ...overrides },
    finalUrl: 'http://127.0.0.1/dashboard',
    durationMs: 5000,
    reports: { html: 'a.report.html', json: 'a.report.json' },
    warnings: [],
  };
}

function failed(code: Extract<Measurement, { status: 'failed' }>['code'], reason: string): Measurement {
  return { status: 'failed', code, reason, durationMs: 1000 };
}

describe('aggregateRuns', () => {
  const cases: Array<{
    name: string;
    runs: Measurement[];
    lcp: number | undefined;
    lcpValues: number[];
    measured: number;
    failures: string[];
  }> = [
    { name: 'no run', runs: [], lcp: undefined, lcpValues: [], measured: 0, failures: [] },
    {
      name: 'three measured runs',
      runs: [measured(300), measured(100), measured(200)],
      lcp: 200,
      lcpValues: [300, 100, 200],
      measured: 3,
      failures: [],
    },
    {
      name: 'four measured runs (even count)',
      runs: [measured(100), measured(400), measured(200), measured(300)],
      lcp: 250,
      lcpValues: [100, 400, 200, 300],
      measured: 4,
      failures: [],
    },
    {
      name: 'failed runs ignored but counted',
      runs: [measured(100), failed('NO_LCP', 'no largest contentful paint'), measured(300), failed('TIMEOUT', 'slow')],
      lcp: 200,
      lcpValues: [100, 300],
      measured: 2,
      failures: ['NO_LCP: no largest contentful paint', 'TIMEOUT: slow'],
    },
    {
      name: 'only failed runs',
      runs: [failed('REDIRECTED', 'asked for /dashboard, Lighthouse measured /login')],
      lcp: undefined,
      lcpValues: [],
      measured: 0,
      failures: ['REDIRECTED: asked for /dashboard, Lighthouse measured /login'],
    },
  ];
  for (const { name, runs, lcp, lcpValues, measured: count, failures } of cases) {
    test(`aggregates ${name}`, () => {
      const result = aggregateRuns(runs);
      assert.equal(result.metrics.lcp.median, lcp);
      assert.deepEqual(result.metrics.lcp.values, lcpValues);
      assert.equal(result.measured, count);
      assert.equal(result.failed, failures.length);
      assert.deepEqual(result.failures, failures);
    });
  }

  test('aggregates every metric, each on its own', () => {
    const result = aggregateRuns([
      measured(100, { cls: 0.3, ttfb: 10, tbt: 50, fcp: 80, transferBytes: 1000, requests: 3 }),
      measured(200, { cls: 0.1, ttfb: 30, tbt: 0, fcp: 60, transferBytes: 3000, requests: 5 }),
      measured(300, { cls: 0.2, ttfb: 20, tbt: 10, fcp: 70, transferBytes: 2000, requests: 4 }),
    ]);
    const medians = Object.fromEntries(Object.entries(result.metrics).map(([key, value]) => [key, value.median]));
    assert.deepEqual(medians, { lcp: 200, cls: 0.2, ttfb: 20, tbt: 10, fcp: 70, transferBytes: 2000, requests: 4 });
    assert.deepEqual(result.metrics.cls.values, [0.3, 0.1, 0.2]);
  });

  test('keeps a metric missing in one run out of that metric only', () => {
    const result = aggregateRuns([measured(100), measured(200, { ttfb: Number.NaN }), measured(300)]);
    assert.deepEqual(result.metrics.ttfb.values, [20, 20]);
    assert.deepEqual(result.metrics.lcp.values, [100, 200, 300]);
  });
});
