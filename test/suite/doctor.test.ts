/**
 * `npm run doctor` against the reference app: a full table, every profile label found, exit 0 on
 * a healthy target; the missing items named and exit 1 when faults remove what the profile
 * expects; exit 2 for a configuration or usage mistake. The doctor writes nothing.
 *
 * test-lane: shared — the doctor probes, it measures no timing budget.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { hermeticEnv, runCli, type CliResult } from '../helpers/run-cli.ts';
import { snapshotRealRecords, targetEnv } from '../helpers/suite-run.ts';
import { PAGES } from '../../synthetics/target/viamentor.ts';

/** Rows of the doctor's table flagged MISSING, by item name. */
function missing(run: CliResult): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => /\sMISSING$/.test(line))
    .map((line) => line.split(/\s{2,}/)[0]!);
}

describe('npm run doctor', () => {
  let app: ReferenceApp;
  before(async () => {
    app = await startReferenceApp();
  });
  after(async () => app?.stop());

  test('a healthy target: every profile label is found, nothing is written', async () => {
    const before = await snapshotRealRecords(app);
    const run = await runCli('synthetics/cli/doctor.ts', [], hermeticEnv(targetEnv(app)), 180_000);
    const labels = PAGES.reduce((sum, page) => sum + page.find.length, 0);
    assert.ok(run.stdout.split('\n').filter((line) => /\s(ok|MISSING)$/.test(line)).length >= labels + 4, run.stdout);
    assert.deepEqual(missing(run), [], run.stdout);
    assert.match(run.stdout, /^rpc book_lesson .* ok$/m, 'the RPCs were probed');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await snapshotRealRecords(app), before, 'the doctor wrote nothing');
    assert.ok(!run.stdout.includes(app.password), 'the password is never printed');
  });

  test('faults that remove what the profile expects: each missing item named, exit 1', async () => {
    const broken = ['home-blank', 'health-db-down', 'a11y-regression'];
    for (const fault of broken) await app.setFault(fault, true);
    try {
      const run = await runCli('synthetics/cli/doctor.ts', [], hermeticEnv(targetEnv(app)), 180_000);
      assert.equal(run.code, 1, run.stderr);
      const gone = missing(run);
      for (const item of ['home: link "Se connecter"', 'health endpoint', 'planning: label "Date"']) {
        assert.ok(gone.includes(item), `${item} is reported missing:\n${run.stdout}`);
      }
      assert.match(run.stdout, /^doctor: \d+ of \d+ items missing \(.*planning: label "Date".*\); fix the target/m);
    } finally {
      for (const fault of broken) await app.setFault(fault, false);
    }
  });

  test('a real target without its Supabase settings: exit 2, one line per problem', async () => {
    const env = hermeticEnv({ BASE_URL: app.url, SYNTHETIC_EMAIL: app.email, SYNTHETIC_PASSWORD: 'x-password' });
    const run = await runCli('synthetics/cli/doctor.ts', [], env, 30_000);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Configuration error: SUPABASE_URL: is required when BASE_URL is set/m);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
  });

  test('an unknown option: exit 2', async () => {
    const run = await runCli('synthetics/cli/doctor.ts', ['--fix'], hermeticEnv(), 30_000);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Usage error: .*--fix.*\(the doctor takes only --skip-pages\)/m);
  });
});
