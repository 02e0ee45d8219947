/** Budget evaluation and the accessibility verdict — table-driven, pure. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateBudget } from '../../synthetics/result/budget-assertions.ts';
import { aggregate, median, percentile } from '../../synthetics/model/numbers.ts';
import { evaluateA11y } from '../../synthetics/result/accessibility.ts';
import { type A11yViolation } from '../../synthetics/model/observations.ts';
import { joinRegex } from '../helpers/join-regex.ts';

describe('aggregation', () => {
  const cases: Array<[string, number[], number | undefined]> = [
    ['odd count', [300, 100, 200], 200],
    ['even count', [100, 400, 200, 300], 250],
    ['one value', [42], 42],
    ['no value', [], undefined],
  ];
  for (const [name, values, expected] of cases) test(`median of ${name}`, () => assert.equal(median(values), expected));
  test('optimistic, pessimistic and p95', () => {
    assert.equal(aggregate([3, 1, 2], 'optimistic'), 1);
    assert.equal(aggregate([3, 1, 2], 'pessimistic'), 3);
    assert.equal(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
      95,
    );
    assert.equal(percentile([10, 20], 95), 20);
    assert.equal(aggregate([0.17, 0], 'p75'), 0.17, 'p75 of two loads is the worse one');
    assert.equal(aggregate([0, 0, 0, 0.17], 'p75'), 0);
    assert.equal(aggregate([], 'p95'), undefined);
  });
});

describe('evaluateBudget', () => {
  const base = { id: 'budget:home:lcp', page: 'home', metric: 'lcp', expected: 2500, aggregation: 'median' as const };
  test('under budget passes, LHCI-style record', () => {
    const result = evaluateBudget({ ...base, values: [2100, 1900, 2000] });
    assert.equal(result.status, 'passed');
    assert.equal(result.actual, 2000);
    assert.deepEqual(result.values, [2100, 1900, 2000]);
    assert.equal(result.operator, '<=');
  });
  test('over budget fails with expected, found and all values', () => {
    const result = evaluateBudget({ ...base, values: [3100, 3300, 2400] });
    assert.equal(result.status, 'failed');
    assert.equal(
      result.message,
      'lcp over budget — expected: <=2500 ms  found: 3100 ms (median)  all values: 3100 ms, 3300 ms, 2400 ms',
    );
  });
  test('exactly on budget passes (<=)', () =>
    assert.equal(evaluateBudget({ ...base, values: [2500] }).status, 'passed'));
  test('no measured value is an error, never a pass', () => {
    const result = evaluateBudget({
      ...base,
      values: [],
      failedMeasurements: ['run 1: REDIRECTED: asked for /dashboard, got /login'],
    });
    assert.equal(result.status, 'error');
    assert.match(result.message, /^measurement failed: run 1: REDIRECTED/);
  });
  test('some failed runs are named next to the measured ones', () => {
    const result = evaluateBudget({ ...base, values: [2000, 2200], failedMeasurements: ['run 3: NO_LCP'] });
    assert.equal(result.status, 'passed');
    assert.match(result.message, /1 run\(s\) failed: run 3: NO_LCP/);
  });
  test('CLS is shown without a unit, bytes in KB', () => {
    assert.match(
      evaluateBudget({ ...base, metric: 'cls', expected: 0.1, values: [0.25], unit: '' }).message,
      /expected: <=0\.1 {2}found: 0\.25/,
    );
    assert.match(
      evaluateBudget({ ...base, metric: 'transferBytes', expected: 1_000_000, values: [2_048_000], unit: 'bytes' })
        .message,
      /found: 2000 KB/,
    );
  });
});

describe('evaluateA11y', () => {
  const label: A11yViolation = {
    rule: 'label',
    impact: 'critical',
    help: 'Form elements must have labels',
    helpUrl: 'https://dequeuniversity.com/rules/axe/4.11/label',
    targets: ['#date'],
  };
  const minor: A11yViolation = {
    rule: 'region',
    impact: 'moderate',
    help: 'Content in landmarks',
    helpUrl: 'https://x',
    targets: ['p'],
  };
  const policy = { failOn: ['serious', 'critical'] as const, allow: [] };

  test('a clean page passes', () =>
    assert.equal(
      evaluateA11y('planning', [[]], { ...policy, failOn: [...policy.failOn] }, '2026-11-25').status,
      'passed',
    ));
  test('a critical violation fails, with rule, impact, target and help URL in the message', () => {
    const result = evaluateA11y('planning', [[label]], { failOn: ['serious', 'critical'], allow: [] }, '2026-11-25');
    assert.equal(result.status, 'failed');
    assert.equal(result.id, 'a11y:planning');
    assert.match(
      result.message,
      joinRegex([
        /label \(critical\): Form elements must have labels — #date —/,
        / https:\/\/dequeuniversity\.com\/rules\/axe\/4\.11\/label/,
      ]),
    );
  });
  test('impacts below the policy do not fail', () => {
    assert.equal(
      evaluateA11y('planning', [[minor]], { failOn: ['serious', 'critical'], allow: [] }, '2026-11-25').status,
      'passed',
    );
  });
  const allow = {
    failOn: ['serious', 'critical'] as Array<'serious' | 'critical'>,
    allow: [{ rule: 'label', reason: 'date picker rework, JIRA VM-12', expires: '2026-12-31' }],
  };
  test('an allow-listed rule passes until its expiry date (inclusive)', () => {
    const result = evaluateA11y('planning', [[label]], allow, '2026-12-31');
    assert.equal(result.status, 'passed');
    assert.equal(result.allowed[0]?.reason, 'date picker rework, JIRA VM-12');
  });
  test('the day after its expiry the rule fails again', () => {
    assert.equal(evaluateA11y('planning', [[label]], allow, '2027-01-01').status, 'failed');
  });
  test('an entry limited to other pages does not apply', () => {
    const scoped = { ...allow, allow: [{ ...allow.allow[0]!, pages: ['students'] }] };
    assert.equal(evaluateA11y('planning', [[label]], scoped, '2026-11-25').status, 'failed');
  });
  test('several scans of one page merge their targets', () => {
    const result = evaluateA11y(
      'planning',
      [[label], [{ ...label, targets: ['#date', '#other'] }]],
      { failOn: ['critical'], allow: [] },
      '2026-11-25',
    );
    assert.deepEqual(result.violations[0]?.targets, ['#date', '#other']);
  });
});
