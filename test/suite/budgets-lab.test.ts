/**
 * The Lighthouse stage against the reference app: healthy → a logged-in page within every lab budget
 * (median of 3, every value kept, full reports) and no telemetry beacon out of the tab; each lab fault
 * trips its metric with exit 1 and a readable reason. Fewer pages and runs than budgets.json, to keep
 * CI fast: the bundled-default test measures the other pages, test/lighthouse the public login page
 * and a broken session.
 *
 * test-lane: exclusive — Lighthouse medians against the shipped budgets: nothing runs beside it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { budgetsFile, labRuns } from '../helpers/budgets-file.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite, type SuiteRun } from '../helpers/suite-run.ts';
import { FAULT_DELAYS_MS } from '../../reference-app/src/faults.ts';

const LAB = ['--tier', 'lab'];

describe('lab budgets against the reference app', () => {
  let app: ReferenceApp;
  before(async () => {
    app = await startReferenceApp();
  });
  after(async () => app?.stop());

  /** What the app's beacon stand-ins received (its SPA sends Sentry, GA4 and Vercel beacons on every load). */
  const beaconsReceived = async () =>
    (await app.api<{ received: Record<string, number> }>('GET', '/__beacons')).body.received;

  test('healthy: a logged-in page within every lab budget, median of 3 runs with every value kept', async () => {
    const beaconsBefore = await beaconsReceived();
    const run = await runSuite(app, {
      args: LAB,
      env: { SYNTHETICS_BUDGETS: await budgetsFile(['dashboard'], labRuns(3)) },
    });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    for (const page of ['dashboard']) {
      for (const metric of ['lcp', 'cls', 'ttfb', 'tbt', 'fcp', 'transferBytes', 'requests']) {
        const check = run.check(`budget:${page}:${metric}`);
        assert.equal(check.status, 'passed', `${check.id}: ${check.error ?? ''}`);
        assert.equal(check.values?.length, 3, `${check.id} keeps every run`);
        assert.equal(check.operator, '<=');
        assert.ok(typeof check.expected === 'number' && typeof check.actual === 'number');
      }
    }
    assert.ok(
      existsSync(join(run.reportDir, 'lighthouse', 'dashboard-desktop-1.report.html')),
      'full Lighthouse reports are kept',
    );
    // The profile's beacons are blocked in Lighthouse's tab: three loads of a page, not one beacon out.
    assert.deepEqual(await beaconsReceived(), beaconsBefore, 'no telemetry beacon left a lab run');
    assert.match(run.stdout, /dashboard\s+lcp\s+<= 2500 ms\s+\d+ ms\s+\d+ ms, \d+ ms, \d+ ms\s+✔ passed/);
  });

  // The three lab faults break three different metrics of one page: one run with all three on (one
  // Lighthouse run of the home page), each metric red with its own reason.
  describe('slow-ttfb, layout-shift and slow-lcp on together, home page, one run', () => {
    const faults: Array<[string, string, RegExp]> = [
      ['slow-ttfb', 'budget:home:ttfb', /ttfb over budget — expected: <=600 ms {2}found: \d{4} ms/],
      ['layout-shift', 'budget:home:cls', /cls over budget — expected: <=0\.1 {2}found: 0\.\d+/],
      ['slow-lcp', 'budget:home:lcp', /lcp over budget — expected: <=2500 ms {2}found: [3-9]\d{3} ms/],
    ];
    let run: SuiteRun;
    before(async () => {
      const budgets = await budgetsFile(['home'], labRuns(1));
      for (const [fault] of faults) await app.setFault(fault, true);
      try {
        run = await runSuite(app, { args: LAB, env: { SYNTHETICS_BUDGETS: budgets } });
      } finally {
        for (const [fault] of faults) await app.setFault(fault, false);
      }
    });

    test('exit 1, verdict fail', () => {
      assert.equal(run.code, 1, run.stdout.slice(-3000));
      assert.equal(run.summary?.verdict, 'fail');
    });

    for (const [fault, id, reason] of faults)
      test(`${fault} trips ${id}`, () => {
        assert.equal(run.check(id).status, 'failed', id);
        assert.match(run.check(id).error ?? '', reason);
      });

    test("slow-lcp's own 3 s delay is in the LCP, not only slow-ttfb's", () => {
      const lcp = run.check('budget:home:lcp').actual ?? 0;
      const ttfb = run.check('budget:home:ttfb').actual ?? 0;
      assert.ok(lcp - ttfb >= FAULT_DELAYS_MS['slow-lcp'], `lcp ${lcp} ms, ttfb ${ttfb} ms`);
    });
  });
});
