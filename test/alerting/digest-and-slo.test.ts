/** `npm run digest` and `npm run slo` as a user runs them, on a history made by the alerting stage. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { at, stageDriver, type StageDriver } from '../helpers/alerting-fixtures.ts';
import { payloadText, startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';
import { joinRegex } from '../helpers/join-regex.ts';

const MONITORING = '/services/T1/B3/monitoring-0123456789';
let fake: FakeWebhook;
let stage: StageDriver;

before(async () => {
  fake = await startFakeWebhook();
  stage = await stageDriver({});
  // A day in the life: healthy runs, a TTFB regression (P2), an invoice P1 still open, then a scheduler gap.
  const plan: Array<[number, string[], number]> = [
    [0, [], 20],
    [15, [], 21],
    [30, [], 22],
    [45, [], 400],
    [60, ['invoice-total-wrong'], 400],
    [75, ['invoice-total-wrong'], 400],
    [150, ['invoice-total-wrong'], 400],
  ];
  for (const [minute, faults, ttfb] of plan) await stage.run(`r${minute}`, faults, minute, { ttfb });
});
after(async () => fake.close());

const cli = (script: string, args: string[], extra: Record<string, string> = {}) =>
  runCli(
    script,
    args,
    hermeticEnv({
      HISTORY_PATH: stage.historyDir,
      SYNTHETICS_NOW: at(160).toISOString(),
      SYNTHETICS_REPORT_DIR: join(stage.dir, 'cli'),
      ...extra,
    }),
  );

describe('npm run digest', () => {
  test('one message to the monitoring channel: SLO, runs, open incidents, regressions, missed schedules', async () => {
    const run = await cli('synthetics/cli/digest.ts', [], {
      SLACK_WEBHOOK_URL_MONITORING: `${fake.origin}${MONITORING}`,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Digest sent to #viamentor-monitoring \(7 runs in 24 h/);
    const posted = fake.accepted(MONITORING);
    assert.equal(posted.length, 1);
    const text = payloadText(posted[0]!.body);
    for (const pattern of [
      /🟢 Digest quotidien — Référence locale — 25\.11\.2026/,
      /\*SLO \(30 jours\)\*/,
      /Disponibilité 100\.00 %/,
      /budget d'erreur restant 43\.2 \/ 43\.2 min/,
      /TTFB p75/,
      /7 exécutions, 3 en échec/,
      /⚠️ 1 créneau\(x\) manqué\(s\) : 75 min sans exécution après 25\.11\.2026 10:15/,
      joinRegex([
        /\*Incidents ouverts \(P0\/P1\)\*\n• 🟡 Parcours en échec : journey: invoice \(`journey:invoice`\) depuis/,
        / 25\.11\.2026 10:00/,
      ]),
      joinRegex([
        /\*Régressions \(P2\)\*\n• 🟢 Régression : budget:home:journey-ttfb/,
        / \(`regression:budget:home:journey-ttfb`\) depuis 25\.11\.2026 09:45 — budget:home:journey-ttfb: 400 ms/,
        / vs baseline 2\d ms/,
      ]),
    ])
      assert.match(text, pattern);
    assert.ok(!JSON.stringify(posted[0]!.body).includes('monitoring-0123456789'));
  });

  test('no webhook: a dry run, printed and written to digest.json, exit 0', async () => {
    const run = await cli('synthetics/cli/digest.ts', []);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Dry run \(no SLACK_WEBHOOK_URL_MONITORING nor SLACK_WEBHOOK_URL\)/);
    assert.match(run.stdout, /Digest quotidien/);
    const written = JSON.parse(await readFile(join(stage.dir, 'cli', 'digest.json'), 'utf8'));
    assert.equal(written.delivery, 'dry-run');
    assert.equal(written.digest.runs.total, 7);
  });

  test('Slack refusing the digest: exit 1 with what to do, the payload kept', async () => {
    fake.script({ status: 404 });
    const run = await cli('synthetics/cli/digest.ts', [], { SLACK_WEBHOOK_URL: `${fake.origin}${MONITORING}` });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /The digest could not be delivered: Slack refused the message: 404 no_service .*run `npm run digest` again/,
    );
    assert.ok(existsSync(join(stage.dir, 'cli', 'digest.json')));
  });
});

describe('npm run slo', () => {
  test('availability, error budget, p95 and p75 vitals from the history', async () => {
    const run = await cli('synthetics/cli/slo.ts', []);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^SLO of http:\/\/127\.0\.0\.1:4310 — last 30 days \(7 runs, 0 down; history .*runs\.jsonl\)$/m,
    );
    assert.match(run.stdout, /✅ Availability 100\.00 % \(target 99\.90 %\) — error budget left 43\.2 \/ 43\.2 min/);
    assert.match(run.stdout, /✅ Response time p95 85 ms \(< 500 ms\)/);
    assert.match(run.stdout, /LCP p75 400 ms .* CLS p75 no data .* TTFB p75 400 ms/);
  });

  test('--json for machines; a bad option is a usage error (exit 2)', async () => {
    const json = await cli('synthetics/cli/slo.ts', ['--json', '--days', '7']);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.deepEqual([report.windowDays, report.runs, report.budgetMinutes, report.availability], [7, 7, 10.1, 1]);
    const bad = await cli('synthetics/cli/slo.ts', ['--days', 'many']);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      joinRegex(
        [
          /^Usage error: --days must be a whole number from 1 to 90 \(got "many"\) — npm run slo -- \[--json\]/,
          / \[--days N\]/,
        ],
        'm',
      ),
    );
  });
});
