/**
 * The suite against the reference app: healthy → every check green, exit 0; each switchboard fault
 * → exactly its check red (confirmed by a retry), verdict fail, exit 1, a readable reason; healthy
 * again afterwards. After every run: no synthetic record left, real records untouched.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { SPINE_CHECKS, leftoverSyntheticRecords, runSuite, snapshotRealRecords, type SuiteRun } from '../helpers/suite-run.ts';

interface FaultCase {
  fault: string;
  check: string;
  reason: RegExp;
  /** Checks that cannot run when this one fails (they need a session). */
  blocked?: string[];
}

const FAULTS: FaultCase[] = [
  { fault: 'login-broken', check: 'journey:login', reason: /signing in leads to the dashboard/, blocked: ['journey:students', 'journey:booking', 'journey:invoice'] },
  { fault: 'students-save-fails', check: 'journey:students', reason: /saving a new student is confirmed|POST \/api\/students answered 500/ },
  { fault: 'booking-double-allowed', check: 'journey:booking', reason: /a double booking of .* must be refused/ },
  { fault: 'invoice-total-wrong', check: 'journey:invoice', reason: /the VAT is 8\.1 % of the subtotal.*Expected: "CHF 20\.25"; Received: "CHF 19\.25"/ },
  { fault: 'health-db-down', check: 'uptime:health', reason: /GET \/api\/health answers 200 \(body: \{"status":"unhealthy","database":"error"\}\)/ },
  { fault: 'home-blank', check: 'uptime:home', reason: /the home page shows its main heading \(a blank page is down\)/ },
  { fault: 'js-error', check: 'journey:students', reason: /client error on \/students.*: TypeError/ },
];

const CORE = ['--tier', 'core'];

/** Uptime and journey checks: the spine this file is about (budgets have their own tests). */
function spine(run: SuiteRun) {
  return run.summary!.checks.filter((check) => check.kind === 'uptime' || check.kind === 'journey');
}

function assertHealthy(run: SuiteRun): void {
  assert.equal(run.code, 0, `exit code 0 expected:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
  assert.equal(run.summary?.verdict, 'pass');
  assert.deepEqual(spine(run).map((check) => check.id).sort(), [...SPINE_CHECKS].sort());
  for (const check of run.summary!.checks) assert.equal(check.status, 'passed', `${check.id}: ${check.error ?? ''}`);
}

describe('the suite against the reference app', () => {
  let app: ReferenceApp;
  let realRecords: unknown;

  before(async () => {
    app = await startReferenceApp();
    realRecords = await snapshotRealRecords(app);
  });
  after(async () => app?.stop());
  afterEach(async () => {
    assert.deepEqual(await leftoverSyntheticRecords(app), [], 'no synthetic record is left behind');
    assert.deepEqual(await snapshotRealRecords(app), realRecords, 'real records are never modified');
  });

  test('a healthy target: every check green, exit 0, summary, JUnit and HTML report written', async () => {
    const run = await runSuite(app, { args: CORE });
    assertHealthy(run);
    const summary = run.summary!;
    assert.match(summary.runId, /^\d{8}-\d{6}-[0-9a-f]{4}$/);
    assert.equal(summary.target.baseUrl, app.url);
    assert.ok(run.check('uptime:home').metrics?.responseMs! >= 0, 'the home response time is recorded');
    assert.ok(run.check('uptime:health').metrics?.responseMs! >= 0, 'the health response time is recorded');
    for (const file of ['summary.json', 'junit.xml', join('html', 'index.html')]) assert.ok(existsSync(join(run.reportDir, file)), file);
    assert.match(run.stdout, /journey:invoice\s+✔ passed/);
    assert.match(run.stdout, /Verdict: PASS — \d+ passed, 0 failed in/);
  });

  for (const { fault, check, reason, blocked = [] } of FAULTS) {
    test(`${fault} turns ${check} red (confirmed), exit 1, with a readable reason`, async () => {
      await app.setFault(fault, true);
      let run: SuiteRun;
      try {
        run = await runSuite(app, { args: CORE });
      } finally {
        await app.setFault(fault, false);
      }
      assert.equal(run.code, 1, `exit code 1 expected:\n${run.stdout.slice(-3000)}`);
      assert.equal(run.summary?.verdict, 'fail');
      const failed = run.check(check);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 2, 'a failure is confirmed by a retry before it counts');
      assert.match(failed.error ?? '', reason);
      assert.ok((failed.evidence ?? []).some((path) => path.endsWith('trace.zip')), 'the confirming attempt left a trace');
      for (const path of failed.evidence ?? []) assert.ok(existsSync(join(run.reportDir, path)), `evidence ${path} exists`);
      for (const other of spine(run).filter((c) => c.id !== check)) {
        if (blocked.includes(other.id)) {
          assert.equal(other.status, 'skipped', other.id);
          assert.match(other.error ?? '', /^not run: the setup "sign in once for the journeys" failed/);
        } else {
          assert.ok(other.status === 'passed' || other.status === 'flaky', `${other.id} stays green under ${fault}: ${other.status} ${other.error ?? ''}`);
        }
      }
      assert.match(run.stdout, new RegExp(`${check}\\s+✘ FAILED`));
    });
  }

  test('the healthy target is green again after the faults are off', async () => {
    assertHealthy(await runSuite(app, { args: CORE }));
  });
});
