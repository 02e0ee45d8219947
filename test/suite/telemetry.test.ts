/**
 * The telemetry check end to end: the suite's core tier against the reference app sees every beacon
 * of the target profile (`telemetry:<name>` green) and answers all of them in the browser — the
 * app's stand-in endpoints receive none, so no beacon request leaves the browser; `telemetry-missing`
 * turns `telemetry:sentry` red and only it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite, type SuiteRun } from '../helpers/suite-run.ts';
import { TELEMETRY } from '../../synthetics/target/viamentor.ts';

const CORE = ['--tier', 'core'];
const IDS = TELEMETRY.beacons.map((beacon) => `telemetry:${beacon.name}`);

let app: ReferenceApp;

before(async () => {
  app = await startReferenceApp();
});
after(async () => app?.stop());

async function received(): Promise<Record<string, number>> {
  return (await app.api<{ received: Record<string, number> }>('GET', '/__beacons')).body.received;
}

/** The journeys worked (slow is fine: the beacons are judged only when watched journeys passed). */
function assertJourneysRan(run: SuiteRun): void {
  const journeys = run.summary!.checks.filter((check) => check.kind === 'journey');
  assert.ok(journeys.length >= 4, `${journeys.length} journeys ran:\n${run.stdout.slice(-3000)}`);
  for (const check of journeys)
    assert.ok(['passed', 'flaky', 'degraded'].includes(check.status), `${check.id}: ${check.status} ${check.error}`);
}

function telemetryChecks(run: SuiteRun) {
  return run.summary!.checks.filter((check) => check.kind === 'telemetry');
}

describe('the telemetry check against the reference app', () => {
  test('healthy: every telemetry:<name> green, not one beacon reached the app (answered in the browser)', async () => {
    const before = await received();
    const run = await runSuite(app, { args: CORE });
    // Timing budgets may miss on a loaded machine: this test is about the beacons, so it judges those.
    assertJourneysRan(run);
    assert.deepEqual(
      telemetryChecks(run).map((check) => check.id),
      [...IDS].sort(),
    );
    for (const check of telemetryChecks(run)) {
      assert.equal(check.status, 'passed', `${check.id}: ${check.error ?? ''}`);
      assert.ok(check.metrics!.beacons! >= 1, `${check.id} counted its beacons`);
    }
    assert.deepEqual(await received(), before, 'no beacon request left the browser');
  });

  test('telemetry-missing turns telemetry:sentry red (exit 1) and leaves the other beacons green', async () => {
    const before = await received();
    const run = await app.withFault('telemetry-missing', () => runSuite(app, { args: CORE }));
    assert.equal(run.code, 1, `exit code 1 expected:\n${run.stdout.slice(-3000)}`);
    assert.equal(run.summary?.verdict, 'fail');
    const sentry = run.check('telemetry:sentry');
    assert.equal(sentry.status, 'failed');
    assert.match(sentry.error ?? '', /no Sentry envelope .* seen in \d+ passing journey\(s\)/);
    for (const check of telemetryChecks(run).filter((c) => c.id !== 'telemetry:sentry'))
      assert.equal(check.status, 'passed', `${check.id} stays green: ${check.error ?? ''}`);
    assertJourneysRan(run);
    assert.match(run.stdout, /telemetry:sentry\s+✘ FAILED/);
    assert.deepEqual(await received(), before, 'no beacon request left the browser');
  });
});
