/**
 * The newcomer's path (README quick start): no BASE_URL → the suite starts the bundled reference
 * app itself, runs every check of every tier against it and passes, with the shipped timing budgets.
 * This is also the healthy run of the spine (test/suite/spine.test.ts breaks each check in turn):
 * every check green, exit 0, telemetry counted, summary, JUnit and HTML report.
 *
 * test-lane: exclusive — it judges the shipped timing budgets: nothing runs beside it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { budgetsFile, labRuns } from '../helpers/budgets-file.ts';
import { SPINE_CHECKS, runSuite } from '../helpers/suite-run.ts';
import { TELEMETRY } from '../../synthetics/target/viamentor.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const TELEMETRY_CHECKS = TELEMETRY.beacons.map((beacon) => `telemetry:${beacon.name}`);

test('without BASE_URL the suite starts the bundled app and every check of every tier passes', async () => {
  const port = await freePort();
  // The lab pages the other tests do not measure, one run each (the lab tests cover medians of 3).
  const budgets = await budgetsFile(['home', 'students', 'planning'], labRuns(1));
  const run = await runSuite(undefined, { env: { PORT: String(port), SYNTHETICS_BUDGETS: budgets } });
  assert.equal(run.code, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
  const summary = run.summary!;
  assert.equal(summary.verdict, 'pass');
  assert.equal(summary.target.baseUrl, `http://127.0.0.1:${port}`);
  assert.equal(summary.target.bundled, true);
  assert.match(summary.runId, /^\d{8}-\d{6}-[0-9a-f]{4}$/);
  const checks = summary.checks;
  assert.deepEqual(
    checks
      .filter((check) => ['uptime', 'journey', 'security', 'telemetry'].includes(check.kind))
      .map((check) => check.id)
      .sort(),
    [...SPINE_CHECKS, ...TELEMETRY_CHECKS].sort(),
  );
  for (const page of ['home', 'students', 'planning']) {
    assert.equal(
      checks.find((check) => check.id === `budget:${page}:lcp`)?.status,
      'passed',
      `Lighthouse measured ${page}`,
    );
  }
  for (const check of checks) assert.equal(check.status, 'passed', `${check.id}: ${check.error ?? ''}`);
  for (const id of TELEMETRY_CHECKS) assert.ok(run.check(id).metrics!.beacons! >= 1, `${id} counted its beacons`);
  assert.ok(run.check('uptime:home').metrics?.responseMs! >= 0, 'the home response time is recorded');
  assert.ok(run.check('uptime:health').metrics?.responseMs! >= 0, 'the health response time is recorded');
  for (const file of ['summary.json', 'junit.xml', join('html', 'index.html')])
    assert.ok(existsSync(join(run.reportDir, file)), file);
  assert.match(run.stdout, /\(bundled reference app\)/);
  assert.match(run.stdout, /journey:invoice\s+✔ passed/);
  assert.match(run.stdout, /Verdict: PASS — \d+ passed, 0 failed in/);
});
