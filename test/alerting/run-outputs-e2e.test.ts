/**
 * One real run each way against the reference app (uptime checks only, to keep it short): a failing
 * run (health-db-down) and a healthy one both leave run.ndjson and metrics.prom in the report
 * folder, both readable, the failing one with its P0 page sent to a fake PagerDuty and, without a
 * Slack webhook, its one grouped P0 "application down" kept in the dry-run file.
 *
 * test-lane: shared — loose timing budgets: these runs judge outputs, not timings.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFakePagerDuty, type FakePagerDuty } from '../helpers/fake-pagerduty.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { looseBudgetsFile } from '../helpers/budgets-file.ts';
import { payloadText } from '../helpers/fake-webhook.ts';
import { joinRegex } from '../helpers/join-regex.ts';
import { QUICK_VERDICT, runSuite, type SuiteRun } from '../helpers/suite-run.ts';

const parsePrometheus = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => Array<{ name: string; metrics: Array<{ value: string; labels?: Record<string, string> }> }>;
const UPTIME = ['--tier', 'core', '--grep', '@uptime'];

describe('run outputs of a real run', () => {
  let app: ReferenceApp;
  let pd: FakePagerDuty;
  before(async () => {
    [app, pd] = await Promise.all([startReferenceApp(), startFakePagerDuty()]);
  });
  after(async () => Promise.all([app.stop(), pd.close()]));

  let failing: SuiteRun;
  let healthy: SuiteRun;
  before(async () => {
    const loose = { SYNTHETICS_BUDGETS: await looseBudgetsFile() };
    const env = { ...loose, PAGERDUTY_ROUTING_KEY: 'pdkey0123456789abcdef0123456789a', PAGERDUTY_EVENTS_URL: pd.url };
    await app.setFault('health-db-down', true);
    // No confirming retry: these outputs do not depend on it (a retry is a worker, a browser and a trace more).
    failing = await runSuite(app, { args: [...UPTIME, '--retries=0'], env: { ...env, ...QUICK_VERDICT } }).finally(() =>
      app.setFault('health-db-down', false),
    );
    healthy = await runSuite(app, { args: UPTIME, env: loose });
  });

  test('a failing run and a healthy run both write run.ndjson and metrics.prom', async () => {
    for (const [run, code, up] of [
      [failing, 1, '0'],
      [healthy, 0, '1'],
    ] as const) {
      assert.equal(run.code, code, run.stdout.slice(-2000));
      const events = (await readFile(join(run.reportDir, 'run.ndjson'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; runId: string; check?: string; status?: string });
      assert.equal(events[0]!.event, 'run');
      assert.ok(events.every((event) => event.runId === run.summary!.runId));
      const checks = events.filter((e) => e.event === 'check').map((e) => e.check);
      assert.ok(
        ['uptime:health', 'uptime:home'].every((id) => checks.includes(id)),
        checks.join(', '),
      );
      const families = parsePrometheus(await readFile(join(run.reportDir, 'metrics.prom'), 'utf8'));
      const health = families
        .find((f) => f.name === 'viamentor_synthetics_check_up')!
        .metrics.find((m) => m.labels?.check === 'uptime:health');
      assert.equal(health?.value, up);
    }
    assert.deepEqual(
      pd.accepted().map((e) => `${e.event_action} ${e.dedup_key}`),
      [`trigger app-down@${app.url}`],
    );
  });

  test('health-db-down without a Slack webhook: one grouped P0 "application down" in the dry-run file', async () => {
    const file = JSON.parse(await readFile(join(failing.reportDir, 'notifications.json'), 'utf8'));
    assert.deepEqual(
      file.messages.map(
        (m: { key: string; severity: string; delivery: string }) => `${m.severity} ${m.key} ${m.delivery}`,
      ),
      ['P0 app-down dry-run'],
    );
    assert.match(
      payloadText(file.messages[0].payload),
      joinRegex([
        /🔴 P0 critique — Application indisponible[\s\S]*GET \/api\/health answers 200 \(body:/,
        / \{"status":"unhealthy","database":"error"\}\)/,
      ]),
    );
    assert.match(
      failing.stdout,
      joinRegex([
        /Dry run \(no SLACK_WEBHOOK_URL\): 1 Slack message\(s\) written to .*notifications\.json:\n/,
        / {2}\[#viamentor-alerts\] ALERTE Référence locale — 🔴 P0 critique — Application indisponible/,
      ]),
    );
    const alerting = (failing.summary as unknown as { alerting: { heartbeat: { status: string } } }).alerting;
    assert.equal(alerting.heartbeat.status, 'not-configured');
  });
});
