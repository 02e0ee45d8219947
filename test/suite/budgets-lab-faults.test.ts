/**
 * The Lighthouse stage's faults: slow-ttfb, layout-shift and slow-lcp break three different metrics of
 * one page, so one run with all three on (one Lighthouse run of the home page) turns each metric red
 * with its own reason, exit 1. The healthy lab run is test/suite/budgets-lab.test.ts.
 *
 * test-lane: shared — each fault is seconds (or a whole layout shift) beyond its budget: a loaded
 * machine does not decide these verdicts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { budgetsFile, labRuns } from '../helpers/budgets-file.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite, type SuiteRun } from '../helpers/suite-run.ts';
import { FAULT_DELAYS_MS } from '../../reference-app/src/faults.ts';

describe('slow-ttfb, layout-shift and slow-lcp on together, home page, one Lighthouse run', () => {
  const faults: Array<[string, string, RegExp]> = [
    ['slow-ttfb', 'budget:home:ttfb', /ttfb over budget — expected: <=600 ms {2}found: \d{4,5} ms/],
    ['layout-shift', 'budget:home:cls', /cls over budget — expected: <=0\.1 {2}found: 0\.\d+/],
    ['slow-lcp', 'budget:home:lcp', /lcp over budget — expected: <=2500 ms {2}found: ([3-9]\d{3}|\d{5}) ms/],
  ];
  let app: ReferenceApp;
  let run: SuiteRun;
  before(async () => {
    app = await startReferenceApp();
    const budgets = await budgetsFile(['home'], labRuns(1));
    for (const [fault] of faults) await app.setFault(fault, true);
    run = await runSuite(app, { args: ['--tier', 'lab'], env: { SYNTHETICS_BUDGETS: budgets } });
  });
  after(async () => app?.stop());

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
