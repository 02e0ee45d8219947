/**
 * The pure decisions behind paging, the heartbeat and maintenance windows, in tables; and the
 * configuration of the integrations and of maintenance.json — every problem listed, no secret echoed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';
import { ConfigError, loadSuiteConfig } from '../../synthetics/config/env.ts';
import { parseMaintenance } from '../../synthetics/config/maintenance.ts';
import type { AlertDecision, Incident } from '../../synthetics/alerting/incidents.ts';
import { windowOccurrences } from '../../synthetics/alerting/maintenance.ts';
import { decidePages, dedupKeyOf, heartbeatSignal } from '../../synthetics/alerting/pages.ts';
import type { Silence } from '../../synthetics/alerting/silences.ts';

const T = 'https://viamentor.vercel.app';
const d = (
  kind: AlertDecision['kind'],
  severity: AlertDecision['severity'],
  extra: Partial<AlertDecision> = {},
): AlertDecision => ({
  id: `r1:${kind}:k`,
  kind,
  key: 'k',
  target: T,
  severity,
  incidentKind: 'login',
  subject: 'k',
  route: 'alerts',
  runId: 'r1',
  at: '2026-11-25T08:00:00Z',
  since: '2026-11-25T08:00:00Z',
  checkIds: ['journey:login'],
  flaps: 0,
  ...extra,
});
const inc = (severity: Incident['severity'], status: Incident['status'], checkIds = ['journey:login']): Incident => ({
  key: checkIds[0]!,
  target: T,
  severity,
  kind: 'login',
  subject: '',
  status,
  firstFailedAt: '',
  lastRedAt: '',
  redStreak: 1,
  greenStreak: 0,
  reminders: 0,
  flaps: 0,
  checkIds,
  firstRunId: 'r0',
  lastRunId: 'r1',
});
const silence: Silence = {
  id: 's',
  reason: 'r',
  from: '2026-01-01T00:00:00Z',
  until: '2027-01-01T00:00:00Z',
  source: 'manual',
  checks: 'journey:*',
};

describe('paging decisions', () => {
  test('which decisions page, and how', () => {
    const rows: Array<[AlertDecision, string | undefined]> = [
      [d('open', 'P0'), 'trigger'],
      [d('resolve', 'P0'), 'resolve'],
      [d('remind', 'P0'), undefined],
      [d('remind', 'P0', { silenceEnded: true }), 'trigger'],
      [d('open', 'P1'), undefined],
      [d('resolve', 'P1'), undefined],
      [d('open', 'P2', { route: 'digest' }), undefined],
    ];
    for (const [decision, expected] of rows)
      assert.equal(decidePages([decision])[0]?.action, expected, `${decision.kind} ${decision.severity}`);
    assert.deepEqual(decidePages([d('open', 'P0')])[0], {
      id: 'r1:open:k:page',
      action: 'trigger',
      dedupKey: `k@${T}`,
      decision: d('open', 'P0'),
    });
    assert.equal(dedupKeyOf('k', 'x'.repeat(400)).length, 255);
  });

  test('the heartbeat fails only while an unsilenced P0 is open', () => {
    const rows: Array<[Incident[], Silence[], string]> = [
      [[], [], 'ping'],
      [[inc('P0', 'open')], [], 'fail'],
      [[inc('P0', 'pending')], [], 'ping'],
      [[inc('P1', 'open'), inc('P2', 'open', ['budget:home:lcp'])], [], 'ping'],
      [[inc('P0', 'open')], [silence], 'ping'],
      [[inc('P0', 'open', ['uptime:home'])], [silence], 'fail'],
      [[{ ...inc('P0', 'open'), target: 'https://other.example' }], [], 'ping'],
    ];
    for (const [incidents, active, expected] of rows)
      assert.equal(
        heartbeatSignal(incidents, T, active),
        expected,
        JSON.stringify(incidents.map((i) => [i.severity, i.status, i.checkIds])),
      );
  });
});

describe('maintenance windows', () => {
  const base = {
    name: 'db',
    reason: 'db',
    days: ['sun'] as const,
    start: '02:00',
    durationMinutes: 60,
    timezone: 'Europe/Zurich',
  };
  test('a local time follows daylight saving', () => {
    const winter = windowOccurrences(
      [{ ...base, days: ['sun'] }],
      new Date('2026-11-29T01:30:00Z'),
      new Date('2026-11-29T01:30:00Z'),
    );
    assert.deepEqual(
      winter.map((s) => [s.id, s.from, s.until]),
      [['window:db:2026-11-29', '2026-11-29T01:00:00.000Z', '2026-11-29T02:00:00.000Z']],
    );
    const summer = windowOccurrences(
      [{ ...base, days: ['sun'] }],
      new Date('2026-07-05T00:30:00Z'),
      new Date('2026-07-05T00:30:00Z'),
    );
    assert.deepEqual(
      summer.map((s) => s.from),
      ['2026-07-05T00:00:00.000Z'],
    );
    assert.deepEqual(
      windowOccurrences(
        [{ ...base, days: ['mon'] }],
        new Date('2026-11-29T01:30:00Z'),
        new Date('2026-11-29T01:30:00Z'),
      ),
      [],
      'another day',
    );
  });

  test('maintenance.json: every problem with its path', () => {
    const error = (() => {
      try {
        parseMaintenance({
          windows: [
            {
              name: 'DB',
              reason: '',
              days: ['sunday'],
              start: '25:00',
              durationMinutes: 0,
              timezone: 'Mars/Olympus',
              extra: 1,
            },
            { ...base },
            { ...base },
          ],
        });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('no error');
    })();
    assert.deepEqual(
      error.problems.map((problem) => problem.split(': ').slice(0, 2).join(': ')),
      [
        'maintenance.json: windows[0].name',
        'maintenance.json: windows[0].reason',
        'maintenance.json: windows[0].days[0]',
        'maintenance.json: windows[0].start',
        'maintenance.json: windows[0].durationMinutes',
        'maintenance.json: windows[0].timezone',
        'maintenance.json: windows[0]',
        'maintenance.json: windows[2].name',
      ],
    );
    assert.match(error.problems.join('\n'), /windows\[0\]\.durationMinutes: must be at least 1 minute/);
    assert.match(error.problems.join('\n'), /windows\[0\]: Unrecognized key: "extra"/);
    assert.match(
      error.problems.join('\n'),
      /windows\[0\]\.days\[0\]: must be one of mon, tue, wed, thu, fri, sat, sun/,
    );
    assert.match(error.problems.join('\n'), /windows\[2\]\.name: "db" is used twice/);
  });
});

test('a broken maintenance.json stops an entry point with exit 2, one line per problem, no stack', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'viamentor-maintenance-'));
  const file = join(dir, 'maintenance.json');
  await writeFile(
    file,
    JSON.stringify({
      windows: [{ name: 'db', reason: 'x', days: ['sun'], start: '2am', durationMinutes: 60 }],
      extra: true,
    }),
  );
  const run = await runCli(
    'synthetics/cli/silence.ts',
    ['--list'],
    hermeticEnv({ SYNTHETICS_MAINTENANCE: file, HISTORY_PATH: dir }),
    60_000,
  );
  assert.equal(run.code, 2);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `Configuration error: ${file}: windows[0].start: must be a local time HH:MM, e.g. 02:00`,
    `Configuration error: ${file}: (root): Unrecognized key: "extra"`,
  ]);
});

describe('integration variables', () => {
  test('validated with the rest; the routing key and token never echoed, and redacted', () => {
    const error = (() => {
      try {
        loadSuiteConfig({
          PAGERDUTY_ROUTING_KEY: 'has spaces secret1',
          PAGERDUTY_EVENTS_URL: 'events.pagerduty',
          LOGTAIL_SOURCE_TOKEN: 'tok en',
          PROMETHEUS_PUSHGATEWAY_URL: 'ftp://x',
        });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('no error');
    })();
    assert.deepEqual(
      error.problems.map((p) => p.split(':')[0]),
      [
        'PAGERDUTY_ROUTING_KEY',
        'PAGERDUTY_EVENTS_URL (got "events.pagerduty")',
        'LOGTAIL_SOURCE_TOKEN',
        'PROMETHEUS_PUSHGATEWAY_URL',
      ],
    );
    assert.ok(!error.problems.join('\n').includes('secret1'));
    const config = loadSuiteConfig({
      PAGERDUTY_ROUTING_KEY: 'pdkey0123456789abcdef0123456789a',
      LOGTAIL_SOURCE_TOKEN: 'logtail-token-0123',
    });
    assert.deepEqual(config.integrations, {
      pagerduty: {
        routingKey: 'pdkey0123456789abcdef0123456789a',
        eventsUrl: 'https://events.pagerduty.com/v2/enqueue',
      },
      logtail: { sourceToken: 'logtail-token-0123', ingestUrl: 'https://in.logs.betterstack.com' },
    });
    assert.ok(
      config.secrets.includes('pdkey0123456789abcdef0123456789a') && config.secrets.includes('logtail-token-0123'),
    );
  });
});
