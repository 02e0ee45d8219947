/**
 * The Lighthouse stage against the reference app, healthy: a logged-in page within every lab budget
 * (median of 3, every value kept, full reports) and no telemetry beacon out of the tab. Each lab fault
 * trips its metric in test/suite/budgets-lab-faults.test.ts. Fewer pages and runs than budgets.json, to
 * keep CI fast: the bundled-default test measures the other pages, test/lighthouse the public login
 * page and a broken session.
 *
 * test-lane: exclusive — Lighthouse medians against the shipped budgets: nothing runs beside it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { budgetsFile, labRuns } from '../helpers/budgets-file.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite } from '../helpers/suite-run.ts';

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
});
