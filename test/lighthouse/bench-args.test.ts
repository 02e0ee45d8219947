/**
 * `npm run bench`'s arguments (node:util parseArgs, one usage line, exit 2), the suite half's parts
 * and the "measured under load" flag — tables; plus the CLI itself on a bad argument.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSuiteBench, partsOf, measuredUnderLoad } from '../../synthetics/cli/bench/suite-bench.ts';
import { startReferenceAppProcess } from '../../synthetics/cli/bench/reference-app-process.ts';
import { platformEnv } from '../../synthetics/cli/bench/watchers-bench.ts';
import { readBenchArgs } from '../../synthetics/cli/bench-args.ts';
import type { RunSummary } from '../../synthetics/model/run-result.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';

describe('bench arguments', () => {
  const cases: Array<[string[], unknown]> = [
    [[], { runs: 3, paths: ['/', '/login'], only: ['suite', 'lighthouse', 'watchers'] }],
    [
      ['--runs', '5', '--pages', '/,/dashboard', '--only', 'suite'],
      { runs: 5, paths: ['/', '/dashboard'], only: ['suite'] },
    ],
    [['--runs=1', '--only=lighthouse,watchers'], { runs: 1, paths: ['/', '/login'], only: ['lighthouse', 'watchers'] }],
    [['--bogus'], /^unknown or incomplete argument "--bogus" \(valid: --runs N/],
    [['--runs'], /^unknown or incomplete argument "--runs <value>"/],
    [['stray'], /^unknown or incomplete argument "stray"/],
    [['--runs', '21'], '--runs needs a whole number from 1 to 20 (got "21")'],
    [['--pages', 'login'], '--pages needs comma-separated paths starting with / (got "login")'],
    [['--only', 'suite,nope'], '--only takes suite, lighthouse, watchers (got "suite,nope")'],
  ];
  for (const [args, expected] of cases) {
    test(`${JSON.stringify(args)}`, () => {
      const result = readBenchArgs(args);
      if (expected instanceof RegExp) assert.match(String(result), expected);
      else assert.deepEqual(result, expected);
    });
  }

  test('npm run bench -- --bogus: exit 2, one line, no stack trace', async () => {
    const result = await runCli('synthetics/cli/bench.ts', ['--bogus'], hermeticEnv(), 120_000);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^Usage error: unknown or incomplete argument "--bogus"/);
  });
});

describe('the suite half', () => {
  test('a run that did not complete measured nothing: never "MET"', () => {
    const run = { wallMs: 500, targetMs: 20_000 } as const;
    const [, configError, healthy, failing, slow] = formatSuiteBench([
      { ...run, tier: 'core', exitCode: 2, parts: {} },
      { ...run, tier: 'core', exitCode: 0, parts: { runner: 400 } },
      { ...run, tier: 'core', exitCode: 1, parts: { runner: 400 } },
      { ...run, tier: 'all', wallMs: 70_000, targetMs: 60_000, exitCode: 0, parts: { runner: 69_000 } },
    ]);
    assert.match(configError!, /exit 2 {2}target <= 20\.0 s: NOT MEASURED \(the run did not complete\)/);
    assert.match(healthy!, /target <= 20\.0 s: MET /);
    assert.match(failing!, /exit 1 {2}target <= 20\.0 s: MET /);
    assert.match(slow!, /target <= 60\.0 s: NOT MET /);
  });

  test("the bundled app's Supabase origin and anon key reach the bench's runs", async () => {
    assert.deepEqual(platformEnv({}), {});
    const app = await startReferenceAppProcess();
    try {
      assert.notEqual(new URL(app.supabaseUrl).origin, new URL(app.url).origin, 'two origins, as in production');
      assert.match(app.anonKey, /^eyJ/);
      assert.deepEqual(platformEnv(app), { SUPABASE_URL: app.supabaseUrl, SUPABASE_ANON_KEY: app.anonKey });
      const health = await fetch(`${app.supabaseUrl}/auth/v1/health`, { headers: { apikey: app.anonKey } });
      assert.equal(health.status, 200);
    } finally {
      await app.stop();
    }
  });

  test("parts: the runner, and the checks' own durations by kind", () => {
    const checks = [
      { kind: 'uptime', durationMs: 100 },
      { kind: 'uptime', durationMs: 50 },
      { kind: 'journey', durationMs: 4000 },
      { kind: 'journey', durationMs: 6000 },
      { kind: 'budget', durationMs: 0 },
      { kind: 'a11y', durationMs: 0 },
    ] as RunSummary['checks'];
    assert.deepEqual(partsOf({ durationMs: 12_000, checks }), { runner: 12_000, uptime: 150, journey: 10_000 });
    assert.deepEqual(partsOf(undefined), {});
  });
  test('measured under load: a 1-minute load average above half the CPUs at the start or the end', () => {
    const cases: Array<[number, number, number, boolean]> = [
      [0.2, 0.9, 2, false],
      [1.0, 1.0, 2, false],
      [1.1, 0.3, 2, true],
      [0.3, 9.8, 2, true],
      [3.5, 3.9, 8, false],
    ];
    for (const [start, end, cpus, busy] of cases)
      assert.equal(measuredUnderLoad(start, end, cpus), busy, `${start}/${end} on ${cpus}`);
  });
});
