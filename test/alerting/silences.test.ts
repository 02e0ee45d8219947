/**
 * Silences and maintenance windows: the pure decisions in tables, then the alerting stage run after
 * run with a silence set through `npm run silence`, a fake Slack, a fake PagerDuty and a heartbeat.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseDuration, parseSilenceArgs, SILENCE_USAGE } from '../../synthetics/config/silence-args.ts';
import { buildDigest } from '../../synthetics/alerting/digest.ts';
import { emptyState } from '../../synthetics/alerting/alert-state.ts';
import { formatDigestMessage } from '../../synthetics/outputs/digest-message.ts';
import { payloadText } from '../helpers/fake-webhook.ts';
import {
  applySilences,
  endSilence,
  globToRegExp,
  silenceFor,
  type HeldNotice,
  type Silence,
} from '../../synthetics/alerting/silences.ts';
import type { AlertDecision, Incident } from '../../synthetics/alerting/incidents.ts';
import { at, stageDriver } from '../helpers/alerting-fixtures.ts';
import { startFakePagerDuty, type FakePagerDuty } from '../helpers/fake-pagerduty.ts';
import { startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';
import { joinRegex } from '../helpers/join-regex.ts';

const T = 'http://127.0.0.1:4310';
const silence = (id: string, checks?: string, from = 0, until = 60): Silence => ({
  id,
  reason: 'maintenance',
  from: at(from).toISOString(),
  until: at(until).toISOString(),
  source: 'manual',
  ...(checks ? { checks } : {}),
});
const decision = (kind: AlertDecision['kind'], key: string, runId = 'r1'): AlertDecision => ({
  id: `${runId}:${kind}:${key}`,
  kind,
  key,
  target: T,
  severity: 'P0',
  incidentKind: 'app-down',
  subject: key,
  route: 'alerts',
  runId,
  at: at(0).toISOString(),
  since: at(0).toISOString(),
  checkIds: [key === 'app-down' ? 'uptime:health' : key],
  flaps: 0,
});
const incident = (key: string): Incident => ({
  key,
  target: T,
  severity: 'P0',
  kind: 'app-down',
  subject: key,
  status: 'open',
  firstFailedAt: at(0).toISOString(),
  lastRedAt: at(0).toISOString(),
  redStreak: 1,
  greenStreak: 0,
  reminders: 0,
  flaps: 0,
  checkIds: ['uptime:health'],
  firstRunId: 'r0',
  lastRunId: 'r1',
});

describe('silence decisions', () => {
  test('durations and arguments', () => {
    assert.deepEqual(['30m', '2h', '1h30m', '90s', '1d', '3x', '', '0m', '30'].map(parseDuration), [
      1_800_000,
      7_200_000,
      5_400_000,
      90_000,
      86_400_000,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const cases: Array<[string[], string]> = [
      [['--for', '30m', '--reason', 'db upgrade'], 'set'],
      [['--for', '30m', '--reason', 'db', '--check', 'journey:*'], 'set'],
      [['--list'], 'list'],
      [['--clear', 'sil-1'], 'clear'],
      [['--for', '30m'], 'error:--reason is required'],
      [['--for', '8d', '--reason', 'x'], 'error:--for must be at most 7d'],
      [['--for', '30m', '--reason', 'x', '--check', 'a b'], 'error:--check must be'],
      [['--list', '--clear', 'x'], 'error:give exactly one'],
      [[], 'error:give exactly one'],
      [['--nope'], "error:Unknown option '--nope'"],
      [['stray'], 'error:'],
    ];
    for (const [argv, expected] of cases) {
      const command = parseSilenceArgs(argv);
      const got = command.kind === 'error' ? `error:${command.message}` : command.kind;
      assert.ok(got.startsWith(expected), `${argv.join(' ')} → ${got}`);
    }
  });

  test('which incident a silence covers (id or glob, on the key or any check)', () => {
    assert.equal(globToRegExp('journey:*').test('journey:login'), true);
    assert.equal(globToRegExp('journey:*').test('uptime:home'), false);
    const rows: Array<[Silence[], string, string | undefined]> = [
      [[silence('all')], 'journey:login', 'all'],
      [[silence('j', 'journey:*')], 'journey:login', 'j'],
      [[silence('u', 'uptime:health')], 'app-down', 'u'],
      [[silence('u', 'uptime:home')], 'journey:login', undefined],
      [[], 'journey:login', undefined],
    ];
    for (const [active, key, expected] of rows)
      assert.equal(
        silenceFor({ key, checkIds: key === 'app-down' ? ['uptime:health'] : [key] }, active)?.id,
        expected,
        key,
      );
  });

  test('held while silenced; one "silence over" when it ends still open; a quiet resolve when never announced', () => {
    const run = (n: number) => ({ runId: `r${n}`, target: T, now: at(n * 15) });
    const s = [silence('s1', undefined, 0, 20)];
    const first = applySilences([decision('open', 'app-down', 'r0')], [incident('app-down')], [], s, run(0));
    assert.deepEqual(
      [first.send.length, first.suppressed.map((x) => x.silenceId), first.held.map((h) => h.announced)],
      [0, ['s1'], [false]],
    );
    const during = applySilences([], [incident('app-down')], first.held, s, run(1));
    assert.deepEqual([during.send.length, during.held.length], [0, 1], 'still silenced: nothing, still held');
    const afterwards = applySilences([], [incident('app-down')], during.held, [], run(2));
    assert.deepEqual(
      afterwards.send.map((d) => [d.kind, d.silenceEnded, d.id]),
      [['remind', true, 'r2:unsilenced:app-down']],
    );
    assert.deepEqual(afterwards.held, []);
    const resolvedInside = applySilences([decision('resolve', 'app-down', 'r1')], [], first.held, s, run(1));
    assert.deepEqual(
      [resolvedInside.send.length, resolvedInside.held.length],
      [0, 0],
      'opened and resolved inside: nobody is told',
    );
    const announced: HeldNotice[] = [
      { decision: decision('resolve', 'app-down', 'r1'), silenceId: 's1', announced: true },
    ];
    assert.deepEqual(
      applySilences([], [], announced, [], run(2)).send.map((d) => d.kind),
      ['resolve'],
      'announced before: its resolve follows',
    );
  });

  test('ending a silence', () => {
    const list = [silence('a', undefined, 0, 60)];
    assert.equal(endSilence(list, 'a', at(10))![0]!.until, at(10).toISOString());
    assert.equal(endSilence(list, 'b', at(10)), undefined);
    assert.equal(endSilence(list, 'a', at(70)), undefined, 'already over');
  });
});

test('the digest lists what was silenced, and what it holds back — next to what Slack refused', () => {
  const refused = {
    id: 'r0:open:journey:login',
    channel: 'alerts' as const,
    notice: decision('open', 'journey:login', 'r0'),
    context: { environment: 'production', baseUrl: T, reportPath: 'reports/latest' },
    createdAt: at(0).toISOString(),
    attempts: 1,
    lastError: 'Slack refused the message: 400 invalid_blocks',
    refused: true,
  };
  const state = {
    ...emptyState(),
    outbox: [refused],
    silences: [silence('sil-1', 'uptime:*', 0, 30), silence('old', undefined, -3000, -2000)],
    held: [{ decision: decision('open', 'app-down', 'r0'), silenceId: 'sil-1', announced: false }],
  };
  const window = {
    ...silence('window:db:2026-11-25', undefined, 40, 50),
    source: 'window' as const,
    reason: 'weekly database maintenance',
  };
  const digest = buildDigest([], state, T, at(60), 15, 24, [window]);
  assert.deepEqual(
    digest.silenced.map((s) => `${s.id} ${s.held.join(',')}`),
    ['sil-1 app-down', 'window:db:2026-11-25 '],
    'the one that ended days ago is not listed',
  );
  const text = payloadText(formatDigestMessage(digest, 'fr', 'production'));
  assert.match(
    text,
    joinRegex([
      /\*Silences \(24 h\)\*\n• 🔕 maintenance \(`uptime:\*`\) 25\.11\.2026 09:00/,
      / → 25\.11\.2026 09:30 — retenus : `app-down`/,
    ]),
  );
  assert.match(text, /🔕 weekly database maintenance \(tous les checks\)/);
  assert.deepEqual(digest.refused, [{ id: refused.id, channel: 'alerts', error: refused.lastError }]);
  assert.match(
    text,
    /\*Messages refusés par Slack \(non renvoyés\)\*\n• ✉️ r0:open:journey:login \(#alerts\): Slack refused/,
  );
});

describe('silences in the alerting stage', () => {
  const ROUTING_KEY = 'pdkey0123456789abcdef0123456789a';
  const ALERTS = '/services/T1/B1/alerts-0123456789';
  const BEAT = '/heartbeat/hb-0123456789';
  let slack: FakeWebhook;
  let pd: FakePagerDuty;
  before(async () => {
    [slack, pd] = await Promise.all([startFakeWebhook(), startFakePagerDuty()]);
  });
  after(async () => Promise.all([slack.close(), pd.close()]));
  beforeEach(() => {
    slack.requests.length = 0;
    pd.requests.length = 0;
  });
  const env = () => ({
    SLACK_WEBHOOK_URL: `${slack.origin}${ALERTS}`,
    HEARTBEAT_URL: `${slack.origin}${BEAT}`,
    PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
    PAGERDUTY_EVENTS_URL: pd.url,
  });
  const headers = () =>
    slack.accepted(ALERTS).map((r) => (r.body as { blocks: Array<{ text: { text: string } }> }).blocks[0]!.text.text);
  const beats = () =>
    slack.requests.filter((r) => r.path.startsWith(BEAT)).map((r) => r.path.slice(BEAT.length) || '/');

  test(
    'health-db-down during a silence sends nothing; the first run after it (still down) sends one ' + 'message',
    async () => {
      const stage = await stageDriver(env());
      const cli = await runCli(
        'synthetics/cli/silence.ts',
        ['--for', '20m', '--reason', 'Supabase upgrade'],
        hermeticEnv({ HISTORY_PATH: stage.historyDir, SYNTHETICS_NOW: at(0).toISOString() }),
        60_000,
      );
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(
        cli.stdout,
        /^Silence sil-[0-9a-f]{6} {2}until 2026-11-25 08:20 UTC {2}all checks {2}— Supabase upgrade\n$/,
      );
      const silenced = await stage.run('r0', ['health-db-down'], 0);
      const also = await stage.run('r1', ['health-db-down'], 15);
      assert.deepEqual([headers(), pd.requests.length, beats()], [[], 0, ['/', '/']], 'no Slack, no page, no /fail');
      assert.deepEqual(
        silenced.incidents.open.map((i) => `${i.severity} ${i.key} ${i.status}`),
        ['P0 app-down open'],
        'the incident is tracked',
      );
      assert.deepEqual(
        silenced.silences!.suppressed.map((s) => `${s.kind} ${s.key}`),
        ['open app-down'],
      );
      assert.equal(also.history.runs, 2, 'runs are recorded');
      await stage.run('r2', ['health-db-down'], 30);
      const expected = ['🔔 Fin du silence — 🔴 P0 critique — Application indisponible'];
      assert.deepEqual(headers(), expected, 'one message');
      assert.match(
        JSON.stringify(slack.accepted(ALERTS)[0]!.body),
        /Le silence est terminé et l'incident est toujours ouvert\* \(depuis 30 min\)/,
      );
      assert.deepEqual(
        pd.accepted().map((e) => `${e.event_action} ${e.dedup_key}`),
        ['trigger app-down@http://127.0.0.1:4310'],
        'the P0 pages now',
      );
      assert.deepEqual(beats(), ['/', '/', '/fail']);
      await stage.run('r3', ['health-db-down'], 45);
      assert.equal(headers().length, 1, 'and only once');
    },
  );

  test('a silence for some checks leaves the others loud; --clear ends it at once', async () => {
    const stage = await stageDriver(env());
    const envCli = hermeticEnv({ HISTORY_PATH: stage.historyDir, SYNTHETICS_NOW: at(0).toISOString() });
    const set = await runCli(
      'synthetics/cli/silence.ts',
      ['--for', '2h', '--reason', 'invoices rework', '--check', 'journey:invoice'],
      envCli,
      60_000,
    );
    await stage.run('r0', ['login-broken'], 0);
    assert.deepEqual(headers(), ['🔴 P0 critique — Connexion impossible'], 'login is not covered');
    const id = /sil-[0-9a-f]{6}/.exec(set.stdout)![0];
    const listed = await runCli('synthetics/cli/silence.ts', ['--list'], envCli, 60_000);
    assert.match(
      listed.stdout,
      new RegExp(`${id} {2}until 2026-11-25 10:00 UTC {2}journey:invoice {2}— invoices rework`),
    );
    const cleared = await runCli('synthetics/cli/silence.ts', ['--clear', id], envCli, 60_000);
    assert.equal(cleared.code, 0);
    const again = await runCli('synthetics/cli/silence.ts', ['--clear', id], envCli, 60_000);
    assert.deepEqual([again.code, again.stderr.trim().split('\n').length], [2, 1], 'exit 2, one line');
    const misuse = await runCli('synthetics/cli/silence.ts', ['--for', 'soon'], envCli, 60_000);
    assert.deepEqual(
      [misuse.code, misuse.stderr],
      [2, `Usage error: --for must be a duration such as 30m, 2h or 1h30m (got "soon") — ${SILENCE_USAGE}\n`],
    );
  });

  test('a maintenance window from maintenance.json holds a run back like a silence', async () => {
    const stage = await stageDriver(env());
    const file = join(stage.dir, 'maintenance.json');
    // 2026-11-25 is a Wednesday; 09:00 in Zurich (winter, UTC+1) is 08:00 UTC.
    await writeFile(
      file,
      JSON.stringify({
        windows: [
          {
            name: 'db',
            reason: 'weekly database maintenance',
            days: ['wed'],
            start: '09:00',
            durationMinutes: 20,
            timezone: 'Europe/Zurich',
          },
        ],
      }),
    );
    const held = await stage.run('r0', ['health-db-down'], 5, { env: { SYNTHETICS_MAINTENANCE: file } });
    assert.deepEqual(
      held.silences!.active.map((s) => `${s.id} ${s.from} ${s.until}`),
      ['window:db:2026-11-25 2026-11-25T08:00:00.000Z 2026-11-25T08:20:00.000Z'],
    );
    assert.deepEqual([headers(), pd.requests.length], [[], 0]);
    await stage.run('r1', ['health-db-down'], 25, { env: { SYNTHETICS_MAINTENANCE: file } });
    assert.deepEqual(headers(), ['🔔 Fin du silence — 🔴 P0 critique — Application indisponible']);
  });
});
