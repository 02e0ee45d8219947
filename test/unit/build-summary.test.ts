/** Tests grouped into checks, statuses combined, the verdict decided — table-driven. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kindOf } from '../../synthetics/model/check-ids.ts';
import { buildSummary, combineStatuses, type RunMeta } from '../../synthetics/result/build-summary.ts';
import type { CheckStatus, TestOutcome } from '../../synthetics/model/run-result.ts';

const META: RunMeta = {
  runId: '20261125-120000-abcd',
  target: { baseUrl: 'http://127.0.0.1:4310', bundled: true },
  startedAt: new Date('2026-11-25T12:00:00Z'),
  endedAt: new Date('2026-11-25T12:00:30Z'),
  runnerStatus: 'passed',
  globalErrors: [],
  reports: { dir: 'reports/latest', html: 'reports/latest/html/index.html', junit: 'reports/latest/junit.xml' },
};

function outcome(checkId: string | undefined, status: CheckStatus, extra: Partial<TestOutcome> = {}): TestOutcome {
  return {
    checkId,
    checkTitle: checkId ?? 'setup',
    project: 'p',
    title: `${checkId} test`,
    status,
    attempts: status === 'passed' ? 1 : 2,
    durationMs: 100,
    evidence: [],
    metrics: {},
    notes: [],
    ...extra,
  };
}

describe('combineStatuses', () => {
  const cases: Array<[CheckStatus[], CheckStatus]> = [
    [['passed'], 'passed'],
    [['passed', 'failed'], 'failed'],
    [['flaky', 'passed'], 'flaky'],
    [['flaky', 'failed'], 'failed'],
    [['skipped', 'skipped'], 'skipped'],
    [['skipped', 'passed'], 'passed'],
  ];
  for (const [input, expected] of cases)
    test(`${input.join(' + ')} → ${expected}`, () => assert.equal(combineStatuses(input), expected));
});

test('kindOf reads the id prefix', () => {
  assert.deepEqual(['uptime:home', 'journey:login', 'budget:/:lcp', 'a11y:/login'].map(kindOf), [
    'uptime',
    'journey',
    'budget',
    'a11y',
  ]);
});

describe('buildSummary', () => {
  test('all green → pass, checks in a stable order', () => {
    const summary = buildSummary(
      [outcome('journey:login', 'passed'), outcome('uptime:home', 'passed'), outcome('uptime:health', 'passed')],
      META,
    );
    assert.equal(summary.verdict, 'pass');
    assert.deepEqual(
      summary.checks.map((check) => check.id),
      ['uptime:health', 'uptime:home', 'journey:login'],
    );
    assert.deepEqual(summary.counts, { passed: 3, failed: 0, flaky: 0, skipped: 0, degraded: 0, error: 0 });
    assert.equal(summary.durationMs, 30_000);
  });

  test('a flaky check (failed, then passed on retry) is recorded but does not fail the run', () => {
    const summary = buildSummary([outcome('journey:login', 'flaky')], META);
    assert.equal(summary.verdict, 'pass');
    assert.equal(summary.checks[0]!.status, 'flaky');
    assert.equal(summary.checks[0]!.attempts, 2);
  });

  test('a failed test fails its check and the run, with its reason and evidence', () => {
    const failing = outcome('journey:login', 'failed', {
      title: 'refuses a wrong password',
      error: 'step "see the refusal": boom',
      evidence: ['test-results/x/trace.zip'],
    });
    const summary = buildSummary([outcome('journey:login', 'passed'), failing], META);
    const [check] = summary.checks;
    assert.equal(summary.verdict, 'fail');
    assert.equal(check!.status, 'failed');
    assert.equal(check!.error, 'refuses a wrong password — step "see the refusal": boom');
    assert.deepEqual(check!.evidence, ['test-results/x/trace.zip']);
    assert.equal(check!.tests!.length, 2);
  });

  test('a failed setup blocks the checks that need it: they are skipped with the reason, and the run fails', () => {
    const summary = buildSummary(
      [
        outcome(undefined, 'failed', { project: 'setup', title: 'sign in once', error: 'sign-in answered 500' }),
        outcome('journey:students', 'skipped'),
        outcome('journey:login', 'failed'),
      ],
      META,
    );
    assert.equal(summary.verdict, 'fail');
    const students = summary.checks.find((check) => check.id === 'journey:students')!;
    assert.equal(students.status, 'skipped');
    assert.match(students.error!, /^not run: the setup "sign in once" failed: sign-in answered 500/);
    assert.match(summary.warnings[0]!, /did not run/);
  });

  test('a check that skipped itself keeps its own reason when the setup failed too', () => {
    const summary = buildSummary(
      [
        outcome(undefined, 'failed', { project: 'setup', title: 'sign in once', error: 'sign-in answered 503' }),
        outcome('security:tenant-isolation', 'skipped', {
          error: 'not run: sign-in of the synthetic user failed: 503 Service Unavailable',
        }),
      ],
      META,
    );
    const isolation = summary.checks.find((check) => check.id === 'security:tenant-isolation')!;
    assert.equal(isolation.status, 'skipped');
    assert.equal(isolation.error, 'not run: sign-in of the synthetic user failed: 503 Service Unavailable');
  });

  const failingRuns: Array<[string, Partial<RunMeta>]> = [
    ['a run that timed out', { runnerStatus: 'timedout' }],
    ['a run that was interrupted', { runnerStatus: 'interrupted' }],
    ['an error outside the checks', { globalErrors: ['worker crashed'] }],
  ];
  for (const [name, meta] of failingRuns) {
    test(`${name} is never a pass`, () => {
      const summary = buildSummary([outcome('uptime:home', 'passed')], { ...META, ...meta });
      assert.equal(summary.verdict, 'fail');
      assert.ok(summary.warnings.length > 0);
    });
  }

  test('metrics and cleanup notes reach the check and the warnings', () => {
    const summary = buildSummary(
      [outcome('uptime:home', 'passed', { metrics: { responseMs: 42 }, notes: ['1 record could not be deleted'] })],
      META,
    );
    assert.deepEqual(summary.checks[0]!.metrics, { responseMs: 42 });
    assert.deepEqual(summary.warnings, ['uptime:home: 1 record could not be deleted']);
  });
});
