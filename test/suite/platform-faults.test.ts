/**
 * Faults of the Supabase origin, seen by the suite (core tier): `supabase-down` takes
 * /api/health down with it and is ONE app-down P0 grouped with uptime:health — the isolation check,
 * which cannot sign in, is skipped with its reason rather than paging a second P0; with
 * `token-refresh-broken` signing in works but a session cannot be refreshed (everyone would be signed
 * out within the hour): the login journey's refresh step turns it red. The healthy app passing that
 * step is proven by every healthy run (test/suite/bundled-default.test.ts).
 *
 * test-lane: shared — loose timing budgets: these runs judge what turns red, not timings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appsOfTheirOwn } from '../helpers/reference-app.ts';
import { looseBudgetsFile } from '../helpers/budgets-file.ts';
import { QUICK_VERDICT, runSuite } from '../helpers/suite-run.ts';

/**
 * Both runs at once, each against a reference app of its own (a fault is app-wide): most of a run is
 * waiting — on assertions given up after their timeout, on supabase-js retrying a failed refresh for up
 * to 30 s — not CPU; one after the other they held a test slot for 105–130 s.
 */
describe('faults of the Supabase origin', { concurrency: true }, () => {
  const apps = appsOfTheirOwn();
  let env: Record<string, string>;
  before(async () => {
    env = { SYNTHETICS_BUDGETS: await looseBudgetsFile(), ...QUICK_VERDICT };
  });
  after(async () => apps.stopAll());

  test('supabase-down: uptime:health red, one app-down P0, the isolation check not run', async () => {
    // The checks the outage touches first-hand (the journeys, blocked by a failed sign-in, prove nothing more).
    const args = ['--tier', 'core', '--grep', '@uptime|@security'];
    const app = await apps.start();
    const run = await app.withFault('supabase-down', () => runSuite(app, { args, env }));
    assert.equal(run.code, 1, run.stdout.slice(-3000));
    const health = run.check('uptime:health');
    assert.equal(health.status, 'failed');
    assert.equal(health.attempts, 2, 'confirmed by a retry');
    assert.match(health.error ?? '', /GET \/api\/health answers 200 \(body: .*"database":"error"/);
    const isolation = run.check('security:tenant-isolation');
    assert.equal(isolation.status, 'skipped', isolation.error);
    assert.match(isolation.error ?? '', /not run: sign-in of the synthetic user failed.*503/);
    assert.match(run.stdout, /open P0 app-down/, 'one app-down P0');
    assert.doesNotMatch(run.stdout, /open P0 security:/, 'no security page for an outage');
  });

  test('token-refresh-broken: journey:login red at its refresh step; signing in still works', async () => {
    // No confirming retry (the spine and the outage above prove it): each attempt waits out supabase-js's
    // own retries of the refresh, about 27 s.
    const app = await apps.start();
    const run = await app.withFault('token-refresh-broken', () =>
      runSuite(app, { args: ['--tier', 'core', '--grep', '@login', '--retries=0'], env }),
    );
    assert.equal(run.code, 1, run.stdout.slice(-3000));
    const login = run.check('journey:login');
    assert.equal(login.status, 'failed');
    assert.equal(login.attempts, 1);
    assert.match(login.error ?? '', /step "the session refreshes.*refreshing the session failed: .*500/);
    assert.match(run.stdout, /open P0 journey:login/);
  });
});
