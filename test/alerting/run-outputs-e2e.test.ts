/**
 * One real run each way against the reference app (uptime checks only, to keep it short): a failing
 * run (health-db-down) and a healthy one both leave run.ndjson and metrics.prom in the report
 * folder, both readable, the failing one with its P0 page sent to a fake PagerDuty.
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
import { runSuite } from '../helpers/suite-run.ts';

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

  test('a failing run and a healthy run both write run.ndjson and metrics.prom', async () => {
    const loose = { SYNTHETICS_BUDGETS: await looseBudgetsFile() };
    const env = { ...loose, PAGERDUTY_ROUTING_KEY: 'pdkey0123456789abcdef0123456789a', PAGERDUTY_EVENTS_URL: pd.url };
    await app.setFault('health-db-down', true);
    const failing = await runSuite(app, { args: UPTIME, env }).finally(() => app.setFault('health-db-down', false));
    const healthy = await runSuite(app, { args: UPTIME, env: loose });
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
});
