/**
 * Budgets measured inside the journeys (web vitals, API p95, durations) and accessibility, against
 * the reference app: each fault trips its check with exit 1 and a readable reason; an allow-listed
 * a11y rule passes until its expiry date, then fails again.
 *
 * test-lane: shared — each run asserts the budget its fault breaks (far beyond it) red; the runs that
 * must stay green have loose timing budgets (LOOSE_TIMINGS).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { budgetsFile, LOOSE_TIMINGS } from '../helpers/budgets-file.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite, type SuiteRun } from '../helpers/suite-run.ts';

const CORE = ['--tier', 'core'];

function assertFailedRun(run: SuiteRun): void {
  assert.equal(run.code, 1, `exit 1 expected:\n${run.stdout.slice(-3000)}`);
  assert.equal(run.summary?.verdict, 'fail');
}

describe('in-journey budgets and accessibility against the reference app', () => {
  let app: ReferenceApp;
  before(async () => {
    app = await startReferenceApp();
  });
  after(async () => app?.stop());

  // layout-shift and slow-ttfb break different metrics of different pages: one run with both on.
  describe('layout-shift and slow-ttfb on together (uptime and login checks), one run', () => {
    let run: SuiteRun;
    before(async () => {
      await app.setFault('layout-shift', true);
      await app.setFault('slow-ttfb', true);
      try {
        run = await runSuite(app, { args: [...CORE, '--grep', '@uptime|@login'] });
      } finally {
        await app.setFault('layout-shift', false);
        await app.setFault('slow-ttfb', false);
      }
    });

    test('layout-shift trips the in-journey CLS of the home page, the uptime check itself still passes', () => {
      assertFailedRun(run);
      assert.equal(run.check('budget:home:journey-cls').status, 'failed');
      assert.match(
        run.check('budget:home:journey-cls').error ?? '',
        /journey-cls over budget — expected: <=0\.1 {2}found: 0\.\d+ \(p75\)/,
      );
      assert.equal(run.check('uptime:home').status, 'passed');
    });

    test('slow-ttfb trips the in-journey TTFB', () => {
      assertFailedRun(run);
      assert.match(
        run.check('budget:login:journey-ttfb').error ?? '',
        // The fault's 1.5 s, plus what a loaded machine adds.
        /journey-ttfb over budget — expected: <=600 ms {2}found: [12]\d{3} ms/,
      );
    });
  });

  /** Budgets in which the `label` rule is allowed on the planning page until `expires`. */
  const allowLabel = (expires: string) =>
    budgetsFile([], {
      ...LOOSE_TIMINGS,
      accessibility: {
        failOn: ['serious', 'critical'],
        allow: [{ rule: 'label', reason: 'date picker rework (VM-12)', expires, pages: ['planning'] }],
      },
    });

  // The two allow-list runs at once, with a11y-regression on for both (the same fault, two budgets files).
  describe('a11y-regression, two allow-lists, two runs at once', { concurrency: true }, () => {
    before(async () => app.setFault('a11y-regression', true));
    after(async () => app.setFault('a11y-regression', false));
    const bookingRun = async (expires: string) =>
      runSuite(app, { args: [...CORE, '--grep', '@booking'], env: { SYNTHETICS_BUDGETS: await allowLabel(expires) } });

    // One run proves both: the fault is seen, and an allow-list entry past its expiry date hides nothing.
    test('a11y-regression fails a11y:planning with rule, impact, target and help URL (allowance expired)', async () => {
      const run = await bookingRun('2020-01-01');
      assertFailedRun(run);
      const check = run.check('a11y:planning');
      assert.equal(check.status, 'failed');
      assert.match(
        check.error ?? '',
        /label \((critical|serious)\): .+ — .+ — https:\/\/dequeuniversity\.com\/rules\/axe\//,
      );
      assert.equal(run.check('journey:booking').status, 'passed', 'the journey does not use that input');
      for (const other of run.summary!.checks.filter((c) => c.kind === 'a11y' && c.id !== 'a11y:planning'))
        assert.equal(other.status, 'passed', other.id);
    });

    test('an allow-listed rule passes until its expiry date', async () => {
      const inForce = await bookingRun('2999-12-31');
      assert.equal(inForce.code, 0, inForce.stdout.slice(-2000));
      assert.equal(inForce.check('a11y:planning').status, 'passed');
      assert.equal((inForce.check('a11y:planning').allowed as unknown[]).length, 1);
    });
  });

  // rest-slow delays the Supabase origin's REST and RPC answers, which is where the SPA's data calls go;
  // api-slow (the app's data calls) now delays the same answers, and keeps its own proof. Both runs at once,
  // the second against a reference app of its own (a fault is app-wide): each is a minute of waiting on
  // slowed answers, little CPU.
  describe('slowed API answers, two runs at once', { concurrency: true }, () => {
    let second: ReferenceApp;
    before(async () => {
      second = await startReferenceApp();
    });
    after(async () => second?.stop());
    for (const fault of ['rest-slow', 'api-slow']) {
      test(`${fault} fails budget:api:p95 and degrades a journey that waits on the API`, async () => {
        await assertSlowApiSeen(fault === 'rest-slow' ? app : second, fault);
      });
    }
  });

  async function assertSlowApiSeen(target: ReferenceApp, fault: string): Promise<void> {
    // The students journey takes 5-15 s here; with its ~10 API calls each 2.5 s slower, well over 20 s.
    const budgets = await budgetsFile([], { journeys: { durationMs: { default: 60_000, students: 20_000 } } });
    const run = await target.withFault(fault, () =>
      runSuite(target, { args: [...CORE, '--grep', '@students'], env: { SYNTHETICS_BUDGETS: budgets } }),
    );
    assertFailedRun(run);
    const p95 = run.check('budget:api:p95');
    assert.equal(p95.status, 'failed');
    assert.ok((p95.actual ?? 0) >= 2500, `p95 ${p95.actual}`);
    for (const name of ['students']) {
      const journey = run.check(`journey:${name}`);
      assert.equal(journey.status, 'degraded', `${journey.id} took ${journey.durationMs} ms`);
      assert.match(journey.error ?? '', /took [\d.]+ s, over its 20\.0 s duration budget/);
    }
  }
});
