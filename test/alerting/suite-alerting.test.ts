/**
 * End to end: consecutive real suite runs (`npm start`'s entry point) against ONE reference app,
 * toggling its faults between runs, with a fake Slack webhook and a fake heartbeat — the alerting
 * stage as CI runs it. Only the journeys a scenario needs run (`--grep`), to keep this file short.
 *
 * test-lane: shared — loose timing budgets: these runs judge incidents and messages, not timings.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { payloadText, startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { looseBudgetsFile, LOOSE_TIMINGS } from '../helpers/budgets-file.ts';
import { QUICK_VERDICT, runSuite, targetEnv, type SuiteRun } from '../helpers/suite-run.ts';
import { hermeticEnv } from '../helpers/run-cli.ts';
import { seedEarlierRun } from '../helpers/alerting-fixtures.ts';
import { joinRegex } from '../helpers/join-regex.ts';

let app: ReferenceApp;
let fake: FakeWebhook;

before(async () => {
  app = await startReferenceApp();
  fake = await startFakeWebhook();
});
after(async () => {
  await fake?.close();
  await app?.stop();
});

async function freshDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'viamentor-e2e-alerting-'));
}

/** Every file under the folders, as text. */
async function filesUnder(...dirs: string[]): Promise<Array<{ where: string; text: string }>> {
  const out: Array<{ where: string; text: string }> = [];
  for (const dir of dirs) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !entry.name.endsWith('.zip') && !entry.name.endsWith('.png'))
        out.push({
          where: join(entry.parentPath, entry.name),
          text: await readFile(join(entry.parentPath, entry.name), 'utf8'),
        });
    }
  }
  return out;
}

async function withFault<T>(fault: string, work: () => Promise<T>): Promise<T> {
  await app.setFault(fault, true);
  try {
    return await work();
  } finally {
    await app.setFault(fault, false);
  }
}

const headersOf = (prefix: string) =>
  fake
    .accepted(prefix)
    .map((request) => (request.body as { blocks: Array<{ text: { text: string } }> }).blocks[0]!.text.text);
const alertingOf = (run: SuiteRun) =>
  (
    run.summary as unknown as {
      alerting: {
        incidents: {
          decisions: Array<{ kind: string; key: string; severity: string; route: string; durationMs?: number }>;
        };
        notifications: { messages: Array<{ key?: string; delivery: string }> };
        heartbeat: { status: string; variant?: string };
        regressions: { found: Array<{ checkId: string }> };
      };
    }
  ).alerting;

/** The two scenarios at once, the second against a reference app of its own (its fault is app-wide). */
describe('alerting in real suite runs', { concurrency: true }, () => {
  test(
    'invoice-total-wrong after a red run, then healthy: one P1 open, one resolve with its duration; heartbeat ' +
      'pinged but never /fail for a P1; no secret anywhere',
    async () => {
      const history = await freshDir();
      const hook = '/services/T9/B9/e2e-hook-7f3a9c';
      const beat = '/heartbeat/e2e-beat-51d0e2';
      const env = {
        SLACK_WEBHOOK_URL: `${fake.origin}${hook}`,
        HEARTBEAT_URL: `${fake.origin}${beat}`,
        HISTORY_PATH: history,
        SYNTHETICS_BUDGETS: await looseBudgetsFile(),
        ...QUICK_VERDICT,
      };
      const args = ['--tier', 'core', '--grep', '@invoice'];
      // The scheduled run before saw the invoice journey red (recorded, not run: a red first run opens
      // nothing, as the decision tables and the sharded run show): this run's red is the second in a row.
      const target = hermeticEnv({ ...targetEnv(app), ...env });
      await seedEarlierRun({ env: target, baseUrl: app.url, faults: ['invoice-total-wrong'], dir: await freshDir() });
      const runs = [await withFault('invoice-total-wrong', () => runSuite(app, { args, env }))];
      runs.push(await runSuite(app, { args, env }));
      assert.deepEqual(
        runs.map((run) => run.code),
        [1, 0],
        "the exit codes are the checks' alone",
      );
      assert.deepEqual(headersOf(hook), [
        '🟡 P1 important — Parcours en échec : journey: invoice',
        '✅ Résolu — 🟡 P1 important — Parcours en échec : journey: invoice',
      ]);
      const [open, resolve] = fake.accepted(hook).map((request) => payloadText(request.body));
      assert.match(open!, /Expected: "CHF 20\.25"; Received: "CHF 19\.25"/);
      assert.match(open!, /Trace : `test-results\/.*trace\.zip`/);
      assert.match(resolve!, /\*Durée :\* \d+ (s|min) \(du /);
      // P2 side effects of the failing journey (a slower interaction) may come and go: they go to the digest.
      const paging = (run: SuiteRun) => alertingOf(run).incidents.decisions.filter((d) => d.route === 'alerts');
      assert.deepEqual(
        runs.map((run) => paging(run).map((d) => `${d.kind} ${d.severity} ${d.key}`)),
        [['open P1 journey:invoice'], ['resolve P1 journey:invoice']],
      );
      assert.ok(paging(runs[1]!)[0]!.durationMs! > 0);
      // /fail is for an open P0 only (docs/alerting-integrations.md): a P1 still fails the run and reaches Slack.
      assert.deepEqual(
        fake.requests.filter((r) => r.path.startsWith(beat)).map((r) => r.path),
        [beat, beat],
      );
      assert.match(
        runs[0]!.stdout,
        joinRegex([
          /Alerting \(monitor\) — history .*runs\.jsonl \(2 runs\)\n(.*\n)* {2}open P1 journey:invoice →/,
          / #viamentor-alerts: delivered/,
        ]),
      );
      const texts = [
        ...(await filesUnder(history, ...runs.map((run) => run.reportDir))),
        ...runs.map((run, i) => ({ where: `output of run ${i}`, text: run.stdout + run.stderr })),
      ];
      for (const secret of ['e2e-hook-7f3a9c', 'e2e-beat-51d0e2', app.password]) {
        assert.deepEqual(
          texts.filter(({ text }) => text.includes(secret)).map(({ where }) => where),
          [],
          `${secret} leaked`,
        );
      }
    },
  );

  test(
    'K healthy runs recorded, then slow-ttfb kept under a raised budget: a P2 regression for the digest, no ' +
      'Slack message',
    async () => {
      const dir = await freshDir();
      const budgets = JSON.parse(await readFile('budgets.json', 'utf8'));
      Object.assign(budgets, LOOSE_TIMINGS);
      budgets.regression.baselineRuns = 2;
      await writeFile(join(dir, 'budgets.json'), JSON.stringify(budgets));
      const hook = '/services/T9/B9/e2e-regression';
      const env = {
        SLACK_WEBHOOK_URL: `${fake.origin}${hook}`,
        HISTORY_PATH: join(dir, 'history'),
        SYNTHETICS_BUDGETS: join(dir, 'budgets.json'),
      };
      const own = await startReferenceApp();
      let slow: SuiteRun;
      try {
        // The K = 2 healthy runs before are recorded, not run (home TTFB 20 ms in each): the baseline.
        const target = hermeticEnv({ ...targetEnv(own), ...env });
        for (const minutesAgo of [30, 15])
          await seedEarlierRun({ env: target, baseUrl: own.url, faults: [], dir, minutesAgo });
        const args = ['--tier', 'core', '--grep', '@uptime'];
        slow = await own.withFault('slow-ttfb', () => runSuite(own, { args, env }));
      } finally {
        await own.stop();
      }
      assert.equal(slow.code, 0, `still under budget:\n${slow.stdout.slice(-2000)}`);
      const alerting = alertingOf(slow);
      assert.ok(
        alerting.regressions.found.some((found) => found.checkId === 'budget:home:journey-ttfb'),
        JSON.stringify(alerting.regressions),
      );
      assert.ok(
        alerting.incidents.decisions.some(
          (d) => d.kind === 'open' && d.severity === 'P2' && d.key === 'regression:budget:home:journey-ttfb',
        ),
      );
      assert.match(slow.stdout, /regressions: .*budget:home:journey-ttfb: \d+ ms vs baseline \d+ ms/);
      assert.deepEqual(headersOf(hook), [], 'P2 goes to the daily digest');
    },
  );
});
