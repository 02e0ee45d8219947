/**
 * The alert lifecycle, run after run: the alerting stage driven in-process with crafted run results
 * (what each reference-app fault produces), one history, an injected clock, a fake Slack webhook and
 * a fake heartbeat — exact message counts and contents.
 */
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { historyPaths } from '../../synthetics/outputs/history-store.ts';
import { FAULTS, stageDriver } from '../helpers/alerting-fixtures.ts';
import { payloadText, startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { joinRegex } from '../helpers/join-regex.ts';

let fake: FakeWebhook;
const ALERTS = '/services/T1/B1/alerts-0123456789';
const DEPLOYS = '/services/T1/B2/deploys-0123456789';
const BEAT = '/heartbeat/hb-0123456789';

before(async () => {
  fake = await startFakeWebhook();
});
after(async () => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.fallback({ status: 200 });
});

const live = () => ({ SLACK_WEBHOOK_URL: `${fake.origin}${ALERTS}`, HEARTBEAT_URL: `${fake.origin}${BEAT}` });
const posts = (prefix = ALERTS) => fake.accepted(prefix).map((request) => payloadText(request.body));
const headers = (prefix = ALERTS) =>
  fake
    .accepted(prefix)
    .map((request) => (request.body as { blocks: Array<{ text: { text: string } }> }).blocks[0]!.text.text);

describe('alert lifecycle', () => {
  test(
    'invoice-total-wrong for 3 runs, then healthy: exactly one P1 open and one resolve with its ' + 'duration',
    async () => {
      const stage = await stageDriver(live());
      const sections = [];
      for (const [index, faults] of [
        ['invoice-total-wrong'],
        ['invoice-total-wrong'],
        ['invoice-total-wrong'],
        [],
      ].entries())
        sections.push(await stage.run(`r${index}`, faults, index * 15));
      assert.deepEqual(headers(), [
        '🟡 P1 important — Parcours en échec : journey: invoice',
        '✅ Résolu — 🟡 P1 important — Parcours en échec : journey: invoice',
      ]);
      assert.match(posts()[0]!, /Expected: "CHF 20\.25"; Received: "CHF 19\.25"/);
      assert.match(posts()[1]!, /\*Durée :\* 45 min \(du 25\.11\.2026 09:00 au 25\.11\.2026 09:45\)/);
      assert.deepEqual(
        sections.map((s) => s.incidents.decisions.map((d) => `${d.kind} ${d.severity} ${d.key}`)),
        [[], ['open P1 journey:invoice'], [], ['resolve P1 journey:invoice']],
      );
      assert.deepEqual(sections[3]!.incidents.open, []);
      // A P1 fails the run and reaches Slack, but never the heartbeat's /fail (that is for an open P0).
      assert.deepEqual(
        fake.requests.filter((r) => r.path.startsWith(BEAT)).map((r) => r.path),
        [BEAT, BEAT, BEAT, BEAT],
      );
      const written = JSON.parse(await readFile(join(sections[1]!.reportDir, 'summary.json'), 'utf8'));
      assert.equal(written.verdict, 'fail', 'the run keeps its verdict');
      assert.equal(written.alerting.notifications.messages[0].delivery, 'delivered');
    },
  );

  test(
    'login-broken: P0 open at once; a reminder only after the hourly interval; resolved after two green ' + 'runs',
    async () => {
      const stage = await stageDriver(live());
      for (let minute = 0; minute <= 75; minute += 15) await stage.run(`r${minute}`, ['login-broken'], minute);
      assert.deepEqual(headers(), [
        '🔴 P0 critique — Connexion impossible',
        '🔁 Rappel — 🔴 P0 critique — Connexion impossible',
      ]);
      assert.match(posts()[1]!, /Toujours en échec\* depuis 1 h 00 min \(rappel n° 1\)/);
      await stage.run('r90', [], 90);
      assert.equal(headers().length, 2, 'one green run does not resolve a P0 yet');
      await stage.run('r105', [], 105);
      assert.deepEqual(headers().slice(2), ['✅ Résolu — 🔴 P0 critique — Connexion impossible']);
      assert.match(posts()[2]!, /\*Durée :\* 1 h 30 min/);
    },
  );

  test('health-db-down: one grouped P0 "application down", not one per journey', async () => {
    const stage = await stageDriver(live());
    await stage.run('r0', ['health-db-down'], 0);
    for (let minute = 15; minute <= 45; minute += 15) await stage.run(`r${minute}`, ['app-down'], minute);
    assert.deepEqual(headers(), ['🔴 P0 critique — Application indisponible'], 'one message for the whole outage');
    const section = await stage.run('r60', ['app-down'], 60);
    assert.deepEqual(
      section.incidents.open.map((i) => i.key),
      ['app-down'],
    );
    assert.deepEqual(section.incidents.open[0]!.checks, [
      'uptime:home',
      'uptime:health',
      'journey:login',
      'journey:students',
      'journey:booking',
      'journey:invoice',
    ]);
    assert.equal(headers().length, 2, 'the hourly reminder of the one incident');
  });

  test('a flapping fault (on, off, on, off): no message storm — P1 none, P0 one open and one resolve', async () => {
    const invoice = await stageDriver(live());
    for (let index = 0; index < 8; index += 1)
      await invoice.run(`i${index}`, index % 2 ? [] : ['invoice-total-wrong'], index * 15);
    assert.deepEqual(headers(), [], 'a P1 that never fails two runs in a row pages nobody');
    const login = await stageDriver(live());
    for (let index = 0; index < 4; index += 1)
      await login.run(`l${index}`, index % 2 ? [] : ['login-broken'], index * 15);
    await login.run('l4', [], 60);
    assert.deepEqual(headers(), [
      '🔴 P0 critique — Connexion impossible',
      '✅ Résolu — 🔴 P0 critique — Connexion impossible',
    ]);
    assert.match(posts()[1]!, /Instable : est repassé au rouge 1 fois/);
  });

  test('Slack 429 then 200: delivered once', async () => {
    const stage = await stageDriver(live());
    fake.script({ status: 429, retryAfter: '1' });
    const section = await stage.run('r0', ['login-broken'], 0);
    assert.equal(fake.requests.filter((r) => r.path === ALERTS).length, 2);
    assert.equal(headers().length, 1);
    assert.deepEqual(
      [
        section.notifications.messages[0]!.delivery,
        section.notifications.messages[0]!.attempts,
        section.notifications.pending,
      ],
      ['delivered', 2, 0],
    );
    await stage.run('r1', ['login-broken'], 15);
    assert.equal(headers().length, 1, 'not sent again');
  });

  test('Slack 500 for two runs: the result says so; delivered at the third run, once, marked as delayed', async () => {
    const stage = await stageDriver(live());
    fake.fallback({ status: 500 });
    const first = await stage.run('r0', ['login-broken'], 0);
    const second = await stage.run('r1', ['login-broken'], 15);
    for (const section of [first, second]) {
      assert.equal(section.notifications.pending, 1);
      assert.match(
        section.warnings.join('\n'),
        joinRegex([
          /notification not delivered: open journey:login to #viamentor-alerts \(Slack answered 500/,
          / internal_error; no retry within the 1\.5 s delivery bound\); kept for the next run/,
        ]),
      );
    }
    assert.match(stage.output.join('\n'), /⚠ notification not delivered/);
    const onDisk = JSON.parse(await readFile(join(first.reportDir, 'summary.json'), 'utf8'));
    assert.equal(onDisk.alerting.notifications.pending, 1);
    assert.deepEqual(headers(), []);
    fake.fallback({ status: 200 });
    const third = await stage.run('r2', ['login-broken'], 30);
    assert.deepEqual(headers(), ['🔴 P0 critique — Connexion impossible']);
    assert.match(posts()[0]!, /⏱ Envoi différé : décidé le 25\.11\.2026 09:00/);
    assert.deepEqual(
      [
        third.notifications.messages[0]!.delayed,
        third.notifications.messages[0]!.attempts,
        third.notifications.pending,
      ],
      [true, 3, 0],
      'two failed runs, then one attempt',
    );
    await stage.run('r3', ['login-broken'], 45);
    assert.equal(headers().length, 1, 'delivered once, not twice');
  });

  test('Slack hanging: the run ends within its bound and reports the failed delivery', async () => {
    const stage = await stageDriver(live());
    fake.fallback('hang');
    const started = Date.now();
    const section = await stage.run('r0', ['login-broken'], 0);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1500 + 500 + 1500, `the stage took ${elapsed} ms (bound 1.5 s + heartbeat 0.5 s)`);
    assert.equal(section.notifications.pending, 1);
    assert.match(section.warnings.join('\n'), /Slack did not answer in time/);
    assert.match(section.warnings.join('\n'), /the heartbeat could not be pinged \(no answer within 0\.5 s\)/);
    fake.fallback({ status: 200 });
    await stage.run('r1', ['login-broken'], 15);
    assert.equal(headers().length, 1);
  });

  test('no webhook: dry run — payloads written to notifications.json and printed, nothing fails', async () => {
    const stage = await stageDriver({});
    const section = await stage.run('r0', ['login-broken'], 0);
    assert.equal(section.notifications.dryRun, true);
    const file = JSON.parse(await readFile(join(section.reportDir, 'notifications.json'), 'utf8'));
    assert.equal(file.messages.length, 1);
    assert.equal(file.messages[0].delivery, 'dry-run');
    assert.match(payloadText(file.messages[0].payload), /🔴 P0 critique — Connexion impossible/);
    assert.match(
      stage.output.join('\n'),
      joinRegex([
        /Dry run \(no SLACK_WEBHOOK_URL\): 1 Slack message\(s\) written to .*notifications\.json:\n/,
        / {2}\[#viamentor-alerts\] ALERTE Référence locale — 🔴 P0 critique — Connexion impossible/,
      ]),
    );
    assert.equal(section.heartbeat.status, 'not-configured');
    assert.equal(fake.requests.length, 0);
    const next = await stage.run('r1', ['login-broken'], 15);
    assert.equal(next.notifications.messages.length, 0, 'a dry-run message is not kept for later');
  });

  test('K healthy runs, then a slower TTFB still under budget: one P2 regression, for the digest only', async () => {
    const stage = await stageDriver(live());
    const early = await stage.run('r0', [], 0);
    assert.equal(early.regressions.noBaseline, 2, 'no baseline yet: no alarm');
    for (let index = 1; index < 3; index += 1) await stage.run(`r${index}`, [], index * 15, { ttfb: 20 + index });
    const slow = await stage.run('slow', [], 45, { ttfb: 400 });
    assert.deepEqual(
      slow.regressions.found.map((found) => [found.checkId, found.actual, found.baseline]),
      [['budget:home:journey-ttfb', 400, 21]],
    );
    assert.deepEqual(
      slow.incidents.decisions.map((d) => `${d.kind} ${d.severity} ${d.key} ${d.route}`),
      ['open P2 regression:budget:home:journey-ttfb digest'],
    );
    assert.deepEqual(headers(), [], 'P2 goes to the daily digest, not to the alerts channel');
  });

  test('a corrupt history: warning, run recorded, nothing lost (the open incident stays open)', async () => {
    const stage = await stageDriver(live());
    await stage.run('r0', ['login-broken'], 0);
    await stage.run('r1', ['login-broken'], 15);
    await appendFile(historyPaths(stage.historyDir).runs, '{"v":1,"runId":"trunc');
    const section = await stage.run('r2', ['login-broken'], 30);
    assert.match(
      section.warnings.join('\n'),
      /1 unreadable line\(s\) skipped .* 2 run\(s\) kept, the original saved as .*; this run is recorded/,
    );
    assert.equal(section.history.runs, 3);
    assert.deepEqual(
      section.incidents.open.map((i) => `${i.key} since ${i.since}`),
      ['journey:login since 2026-11-25T08:00:00.000Z'],
    );
    assert.equal(headers().length, 1, 'no second open');
  });

  test('post-deploy gate: the result goes to the deploys channel; no production incident, no heartbeat', async () => {
    const stage = await stageDriver({
      ...live(),
      SLACK_WEBHOOK_URL_DEPLOYS: `${fake.origin}${DEPLOYS}`,
      SYNTHETICS_MODE: 'gate',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'viamentor/app',
      GITHUB_RUN_ID: '77',
      GITHUB_SHA: 'abcdef1234567',
    });
    const section = await stage.run('g0', ['login-broken'], 0);
    assert.deepEqual(headers(DEPLOYS), [
      '❌ Contrôle post-déploiement en échec — promotion bloquée — Référence locale',
    ]);
    assert.match(posts(DEPLOYS)[0]!, /`journey:login` failed — step "sign in"/);
    assert.match(posts(DEPLOYS)[0]!, /<https:\/\/github\.com\/viamentor\/app\/actions\/runs\/77\|Exécution CI>/);
    assert.match(posts(DEPLOYS)[0]!, /`abcdef1`/);
    assert.deepEqual([headers().length, section.incidents.open.length, section.incidents.decisions.length], [0, 0, 0]);
    assert.equal(section.heartbeat.status, 'skipped');
    assert.equal(fake.requests.filter((r) => r.path.startsWith(BEAT)).length, 0);
    const fallback = await stageDriver({ ...live(), SYNTHETICS_MODE: 'gate' });
    await fallback.run('g1', [], 0);
    assert.deepEqual(
      headers(),
      ['✅ Contrôle post-déploiement réussi — Référence locale'],
      'SLACK_WEBHOOK_URL_DEPLOYS falls back to SLACK_WEBHOOK_URL',
    );
  });

  test('a missed schedule (gap > twice the interval) is said in the summary', async () => {
    const stage = await stageDriver({});
    await stage.run('r0', [], 0);
    const late = await stage.run('r1', [], 50);
    assert.deepEqual(late.schedule, {
      expectedIntervalMinutes: 15,
      previousRunAt: '2026-11-25T08:00:00.000Z',
      gapMinutes: 50,
      missed: true,
      missedRuns: 2,
    });
    assert.match(late.warnings.join('\n'), /missed schedule: 50 min since the previous run, expected every 15 min/);
  });

  test('English messages with ALERT_LOCALE=en', async () => {
    const stage = await stageDriver({ ...live(), ALERT_LOCALE: 'en' });
    await stage.run('r0', ['health-db-down'], 0);
    assert.deepEqual(headers(), ['🔴 P0 critical — Application down']);
  });

  test('two overlapping runs deliver the message once', async () => {
    const stage = await stageDriver(live());
    await Promise.all([stage.run('a', ['login-broken'], 0), stage.run('b', ['login-broken'], 1)]);
    assert.equal(headers().length, 1);
  });

  test('no secret in any payload, log, report or history', async () => {
    const password = 'pw-Secr3t-4242-xyz';
    FAULTS.leaky = (checks) =>
      checks.map((c) =>
        c.id === 'journey:login'
          ? {
              ...c,
              status: 'failed',
              error: `typed ${password} then posted to ${fake.origin}${ALERTS} and pinged ${fake.origin}${BEAT}`,
            }
          : c,
      );
    try {
      for (const env of [live(), {}] as Array<Record<string, string>>) {
        const stage = await stageDriver({ ...env, SYNTHETIC_PASSWORD: password });
        await stage.run('r0', ['leaky'], 0);
        const texts = [stage.output.join('\n'), ...fake.requests.map((r) => JSON.stringify(r.body ?? ''))];
        for (const entry of await readdir(stage.dir, { recursive: true, withFileTypes: true })) {
          if (entry.isFile()) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
        }
        const all = texts.join('\n');
        assert.match(all, /\[REDACTED\]/, 'the secrets were there, and redacted');
        const secrets = 'SLACK_WEBHOOK_URL' in env ? [password, 'alerts-0123456789', 'hb-0123456789'] : [password];
        for (const secret of secrets) assert.ok(!all.includes(secret), `${secret} leaked`);
      }
    } finally {
      delete FAULTS.leaky;
    }
  });
});
