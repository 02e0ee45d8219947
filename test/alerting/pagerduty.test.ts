/**
 * P0 paging through PagerDuty's Events API v2 and the heartbeat by severity: the alerting stage run
 * after run on crafted results, with a fake PagerDuty, a fake Slack and a fake heartbeat.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { stageDriver } from '../helpers/alerting-fixtures.ts';
import { startFakePagerDuty, type FakePagerDuty } from '../helpers/fake-pagerduty.ts';
import { startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { joinRegex } from '../helpers/join-regex.ts';

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

const env = (extra: Record<string, string> = {}) => ({
  SLACK_WEBHOOK_URL: `${slack.origin}${ALERTS}`,
  HEARTBEAT_URL: `${slack.origin}${BEAT}`,
  PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
  PAGERDUTY_EVENTS_URL: pd.url,
  ...extra,
});
const headers = () =>
  slack.accepted(ALERTS).map((r) => (r.body as { blocks: Array<{ text: { text: string } }> }).blocks[0]!.text.text);
const beats = () => slack.requests.filter((r) => r.path.startsWith(BEAT)).map((r) => r.path.slice(BEAT.length) || '/');

describe('PagerDuty pages', () => {
  test('login-broken for two runs, then healthy for two: one trigger and one resolve under one dedup key', async () => {
    const stage = await stageDriver(
      env({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'viamentor/app', GITHUB_RUN_ID: '9' }),
    );
    const sections = [];
    for (const [index, faults] of [['login-broken'], ['login-broken'], [], []].entries())
      sections.push(await stage.run(`r${index}`, faults, index * 15));
    const events = pd.accepted();
    assert.deepEqual(
      events.map((e) => e.event_action),
      ['trigger', 'resolve'],
    );
    assert.equal(events[0]!.dedup_key, 'journey:login@http://127.0.0.1:4310');
    assert.equal(events[1]!.dedup_key, events[0]!.dedup_key);
    assert.equal(events[0]!.routing_key, ROUTING_KEY);
    assert.equal(events[0]!.payload!.severity, 'critical');
    assert.match(
      events[0]!.payload!.summary!,
      /^P0 — Connexion impossible — Référence locale — http:\/\/127\.0\.0\.1:4310$/,
    );
    assert.equal(events[0]!.payload!.source, 'http://127.0.0.1:4310');
    assert.deepEqual(events[0]!.payload!.custom_details!.checks, ['journey:login']);
    assert.deepEqual(events[0]!.links, [{ href: 'https://github.com/viamentor/app/actions/runs/9', text: 'CI run' }]);
    assert.deepEqual(
      headers(),
      ['🔴 P0 critique — Connexion impossible', '✅ Résolu — 🔴 P0 critique — Connexion impossible'],
      'Slack gets what the policy already sends',
    );
    assert.deepEqual(
      beats(),
      ['/fail', '/fail', '/fail', '/'],
      '/fail while the P0 is open (one green run does not resolve it)',
    );
    assert.deepEqual(
      sections.map((s) => s.pages!.events.map((e) => `${e.action} ${e.delivery}`)),
      [['trigger delivered'], [], [], ['resolve delivered']],
    );
    const written = await readFile(join(sections[0]!.reportDir, 'summary.json'), 'utf8');
    assert.ok(!written.includes(ROUTING_KEY), 'the routing key is never written');
    assert.ok(!stage.output.join('\n').includes(ROUTING_KEY), 'nor printed');
  });

  test('a P2-only failing run sends no /fail and no page; a P1 neither', async () => {
    const stage = await stageDriver(env());
    const p2 = await stage.run('r0', ['lcp-over-budget'], 0);
    await stage.run('r1', ['invoice-total-wrong'], 15);
    await stage.run('r2', ['invoice-total-wrong'], 30);
    assert.deepEqual(beats(), ['/', '/', '/']);
    assert.equal(p2.heartbeat.variant, 'success');
    assert.deepEqual(pd.requests, []);
    assert.deepEqual(headers(), ['🟡 P1 important — Parcours en échec : journey: invoice']);
  });

  test('PagerDuty 429 then 202: delivered once, on the second attempt', async () => {
    const stage = await stageDriver(env());
    pd.script(429);
    const section = await stage.run('r0', ['health-db-down'], 0);
    assert.deepEqual(
      pd.requests.map((r) => r.status),
      [429, 202],
    );
    assert.deepEqual(
      [section.pages!.events[0]!.delivery, section.pages!.events[0]!.attempts, section.pages!.pending],
      ['delivered', 2, 0],
    );
    await stage.run('r1', ['health-db-down'], 15);
    assert.equal(pd.accepted().length, 1, 'not sent again');
  });

  test('PagerDuty down (500) for a run: the page waits in the outbox and goes out with the next run', async () => {
    const stage = await stageDriver(env());
    pd.script(500, 500, 500, 500, 500, 500, 500, 500);
    const first = await stage.run('r0', ['login-broken'], 0);
    assert.equal(first.pages!.pending, 1);
    assert.match(
      first.warnings.join('\n'),
      joinRegex([
        /page not delivered: trigger journey:login to PagerDuty \(PagerDuty answered 500; no retry within the/,
        / 1\.5 s delivery bound\); kept for the next run/,
      ]),
    );
    pd.requests.length = 0;
    pd.script();
    const second = await stage.run('r1', ['login-broken'], 15);
    assert.deepEqual(
      pd.accepted().map((e) => e.event_action),
      ['trigger'],
    );
    assert.equal(second.pages!.events[0]!.delayed, true);
  });

  test("a 400 (invalid event) is reported with PagerDuty's errors, dropped, and blocks nothing after it", async () => {
    const stage = await stageDriver(env());
    pd.script('reject');
    const first = await stage.run('r0', ['login-broken'], 0);
    assert.equal(first.pages!.events[0]!.delivery, 'refused');
    assert.match(
      first.warnings.join('\n'),
      /PagerDuty refused the event \(400 invalid event: scripted rejection\)\); dropped/,
    );
    await stage.run('r1', [], 15);
    await stage.run('r2', [], 30);
    assert.deepEqual(
      pd.requests.map((r) => `${r.body.event_action} ${r.status}`),
      ['trigger 400', 'resolve 202'],
    );
  });

  test('without PAGERDUTY_ROUTING_KEY: no page, and the summary says pages are not configured', async () => {
    const stage = await stageDriver({ SLACK_WEBHOOK_URL: `${slack.origin}${ALERTS}` });
    const section = await stage.run('r0', ['login-broken'], 0);
    assert.deepEqual(section.pages, { configured: false, events: [], pending: 0 });
    assert.equal(pd.requests.length, 0);
  });
});
