/**
 * The newcomer's path (README quick start): no BASE_URL → the suite starts the bundled reference
 * app itself, runs every check against it and passes.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { budgetsFile, labRuns } from '../helpers/budgets-file.ts';
import { SPINE_CHECKS, runSuite } from '../helpers/suite-run.ts';

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

test('without BASE_URL the suite starts the bundled app and every check of every tier passes', async () => {
  const port = await freePort();
  // The lab pages the other tests do not measure, one run each (the lab tests cover medians of 3).
  const budgets = await budgetsFile(['home', 'students', 'planning'], labRuns(1));
  const run = await runSuite(undefined, { env: { PORT: String(port), SYNTHETICS_BUDGETS: budgets } });
  assert.equal(run.code, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
  assert.equal(run.summary?.target.baseUrl, `http://127.0.0.1:${port}`);
  assert.equal(run.summary?.target.bundled, true);
  const checks = run.summary!.checks;
  for (const id of SPINE_CHECKS) assert.equal(checks.find((check) => check.id === id)?.status, 'passed', id);
  for (const page of ['home', 'students', 'planning']) {
    assert.equal(
      checks.find((check) => check.id === `budget:${page}:lcp`)?.status,
      'passed',
      `Lighthouse measured ${page}`,
    );
  }
  for (const check of checks) assert.equal(check.status, 'passed', `${check.id}: ${check.error ?? ''}`);
  assert.match(run.stdout, /\(bundled reference app\)/);
});
