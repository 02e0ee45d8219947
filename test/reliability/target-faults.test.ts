/**
 * Reliability matrix, the target's side: down, hanging, 5xx, a blank 200, a TTFB beyond the test
 * timeout. Each run is bounded (a short test timeout, one attempt, the uptime checks only) and must
 * end with a failing verdict, a written report, the run in the history and its alert kept (dry run).
 *
 * test-lane: shared — every run here fails on purpose, far beyond any timing budget.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startFakeTarget, type FakeTarget, type TargetMode } from '../helpers/fake-target.ts';
import { runSuite, type SuiteRun } from '../helpers/suite-run.ts';

const BOUND_MS = 150_000;
const ARGS = ['--tier', 'core', '--grep', '@uptime', '--retries=0', '--timeout=6000', '--workers=1'];
const PASSWORD = 'target-fault-pw-31';
/**
 * The checks' assertions give up after 2 s (SYNTHETICS_EXPECT_TIMEOUT_MS), well inside the 6 s test
 * timeout: with 5 s, a loaded machine's slower page set-up let the test timeout strike first.
 */
const EXPECT_2S = { SYNTHETICS_EXPECT_TIMEOUT_MS: '2000' };

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function runAgainst(url: string) {
  const started = Date.now();
  // The broken target stands for both origins (its Supabase URL is the same broken server).
  const target = {
    url,
    supabaseUrl: url,
    anonKey: 'anon-key-of-a-broken-target-42',
    email: 'synthetic@viamentor.test',
  };
  const run = await runSuite({ ...target, password: PASSWORD } as never, { args: ARGS, env: EXPECT_2S });
  return { run, elapsed: Date.now() - started };
}

async function assertFailedAndKept(url: string, expectError: RegExp): Promise<SuiteRun> {
  const { run, elapsed } = await runAgainst(url);
  const explain = `${run.stdout.slice(-1500)}\n${run.stderr.slice(-800)}`;
  assert.equal(run.code, 1, explain);
  assert.equal(run.summary?.verdict, 'fail', explain);
  for (const id of ['uptime:home', 'uptime:health']) assert.equal(run.check(id).status, 'failed', explain);
  assert.match(JSON.stringify(run.summary?.checks), expectError);
  assert.ok(existsSync(join(run.reportDir, 'html', 'index.html')), 'the HTML report is written');
  const history = (await readFile(join(run.reportDir, 'history', 'runs.jsonl'), 'utf8')).trim().split('\n');
  assert.equal(history.length, 1, 'the run is in the history');
  const notifications = JSON.parse(await readFile(join(run.reportDir, 'notifications.json'), 'utf8')) as {
    messages: unknown[];
  };
  assert.ok(notifications.messages.length >= 1, 'the alert is kept (dry run: written, not lost)');
  assert.ok(!`${run.stdout}${run.stderr}`.includes(PASSWORD), 'no password in the output');
  assert.ok(elapsed < BOUND_MS, `bounded: ${elapsed} ms`);
  return run;
}

/**
 * Three runs at a time, each mode against a fake target of its own: a run here is mostly waiting on a
 * target that answers late or not at all (one after the other: 70–115 s).
 */
describe('the target misbehaves: a failing, complete, recorded run', { timeout: BOUND_MS * 6, concurrency: 3 }, () => {
  const fakes: FakeTarget[] = [];
  after(async () => Promise.all(fakes.map((fake) => fake.close())));

  test('down (connection refused)', { timeout: BOUND_MS }, async () => {
    await assertFailedAndKept(await closedPort(), /ECONNREFUSED|ERR_CONNECTION_REFUSED/);
  });

  const modes: Array<[string, TargetMode, RegExp]> = [
    ['5xx everywhere', 'error-500', /500/],
    ['a blank 200', 'blank-200', /uptime:home[^}]*"status":"failed"/],
    ['hangs (never answers)', 'hang', /Timeout|timed out|exceeded/i],
    ['TTFB beyond the test timeout', { slowMs: 12_000 }, /Timeout|timed out|exceeded/i],
  ];
  for (const [name, mode, error] of modes) {
    test(name, { timeout: BOUND_MS }, async () => {
      const fake = await startFakeTarget(mode);
      fakes.push(fake);
      const run = await assertFailedAndKept(fake.url, error);
      // The blank page's heading is awaited, then given up on after SYNTHETICS_EXPECT_TIMEOUT_MS (EXPECT_2S).
      if (mode === 'blank-200') assert.match(run.stdout, /Timeout: 2000ms/, 'the assertions waited 2 s, not 10');
    });
  }
});
