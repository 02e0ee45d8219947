/**
 * run.ndjson and metrics.prom on every run, failing or not: read back line by line, the metrics
 * parsed with a real Prometheus text-format parser; secrets redacted; log shipping to a fake Better
 * Stack source (batched, kept when it fails, never changing the verdict) and a push to a fake
 * Pushgateway.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { historyPaths } from '../../synthetics/outputs/history-store.ts';
import { pendingLogsFile } from '../../synthetics/outputs/log-shipping.ts';
import { FAULTS, stageDriver } from '../helpers/alerting-fixtures.ts';
import { startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { joinRegex } from '../helpers/join-regex.ts';

interface MetricFamily {
  name: string;
  help: string;
  type: string;
  metrics: Array<{ value: string; labels?: Record<string, string> }>;
}
const parsePrometheus = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => MetricFamily[];

const PASSWORD = 'viamentor-synthetic';
const TOKEN = 'logtail-token-0123456789';
FAULTS['password-in-error'] = (checks) =>
  checks.map((c) =>
    c.id === 'journey:students'
      ? { ...c, status: 'failed', attempts: 2, error: `typed ${PASSWORD} in the search box` }
      : c,
  );

async function outputsOf(
  reportDir: string,
): Promise<{ events: Array<Record<string, unknown>>; text: string; families: MetricFamily[] }> {
  const ndjson = await readFile(join(reportDir, 'run.ndjson'), 'utf8');
  const text = await readFile(join(reportDir, 'metrics.prom'), 'utf8');
  return {
    events: ndjson
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    text,
    families: parsePrometheus(text),
  };
}

const sample = (families: MetricFamily[], name: string, labels: Record<string, string>) =>
  families
    .find((family) => family.name === `viamentor_synthetics_${name}`)
    ?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value))?.value;

describe('run.ndjson and metrics.prom', () => {
  test('written for a healthy and a failing run; every line an event of the run; the metrics parse', async () => {
    const stage = await stageDriver({});
    const healthy = await stage.run('r0', [], 0);
    const failing = await stage.run('r1', ['login-broken', 'password-in-error'], 15);
    for (const section of [healthy, failing]) {
      const { events, families } = await outputsOf(section.reportDir);
      assert.ok(
        events.every(
          (event) =>
            event.runId === (section === healthy ? 'r0' : 'r1') &&
            event.target === 'http://127.0.0.1:4310' &&
            !Number.isNaN(Date.parse(String(event.dt))),
        ),
      );
      assert.ok(
        families.every((family) => family.help.length > 10 && family.type === 'GAUGE'),
        'HELP and TYPE on every family',
      );
    }
    const { events, families, text } = await outputsOf(failing.reportDir);
    assert.deepEqual(
      events.map((e) => e.event).filter((kind, index, all) => all.indexOf(kind) === index),
      ['run', 'check', 'budget', 'incident', 'delivery'],
    );
    assert.deepEqual(events[0], {
      dt: '2026-11-25T08:00:40.000Z',
      runId: 'r1',
      target: 'http://127.0.0.1:4310',
      event: 'run',
      startedAt: '2026-11-25T08:00:00.000Z',
      endedAt: '2026-11-25T08:00:40.000Z',
      durationMs: 40_000,
      verdict: 'fail',
      counts: { passed: 6, failed: 2, flaky: 0, skipped: 2, degraded: 0, error: 0 },
      mode: 'monitor',
    });
    assert.deepEqual(
      events.find((e) => e.event === 'incident'),
      {
        dt: '2026-11-25T08:15:00.000Z',
        runId: 'r1',
        target: 'http://127.0.0.1:4310',
        event: 'incident',
        decision: 'open',
        key: 'journey:login',
        severity: 'P0',
        route: 'alerts',
      },
    );
    assert.deepEqual(
      events.find((e) => e.event === 'budget' && e.check === 'budget:api:p95'),
      {
        dt: '2026-11-25T08:00:40.000Z',
        runId: 'r1',
        target: 'http://127.0.0.1:4310',
        event: 'budget',
        check: 'budget:api:p95',
        kind: 'budget',
        status: 'passed',
        durationMs: 1000,
        attempts: 1,
        actual: 85,
        expected: 500,
        operator: '<=',
        aggregation: 'p95',
        values: [20, 40, 85],
      },
    );
    const students = JSON.stringify(events.find((e) => e.check === 'journey:students'));
    assert.ok(!students.includes(PASSWORD) && students.includes('[REDACTED]'), 'the password is redacted');
    assert.equal(sample(families, 'check_up', { check: 'journey:login', kind: 'journey' }), '0');
    assert.equal(sample(families, 'check_up', { check: 'uptime:home' }), '1');
    assert.equal(sample(families, 'check_duration_seconds', { check: 'uptime:home' }), '1');
    assert.equal(sample(families, 'budget_value', { check: 'budget:home:journey-lcp' }), '400');
    assert.equal(sample(families, 'budget_limit', { check: 'budget:home:journey-lcp' }), '2500');
    assert.equal(sample(families, 'api_p95_seconds', {}), '0.085');
    assert.deepEqual(
      ['P0', 'P1', 'P2'].map((severity) => sample(families, 'open_incidents', { severity })),
      ['1', '0', '0'],
    );
    assert.equal(sample(families, 'run_success', {}), '0');
    assert.equal(sample(families, 'run_duration_seconds', {}), '40');
    const labelNames = new Set(
      families.flatMap((family) => family.metrics.flatMap((metric) => Object.keys(metric.labels ?? {}))),
    );
    assert.deepEqual([...labelNames].sort(), ['check', 'kind', 'severity', 'target']);
    assert.match(
      text,
      /^viamentor_synthetics_check_up\{target="http:\/\/127\.0\.0\.1:4310",check="journey:login",kind="journey"\} 0$/m,
    );
  });

  test('the parser is real: a malformed exposition is refused', () => {
    assert.throws(() => parsePrometheus('# TYPE x gauge\nx{a=b} 1\n'));
  });
});

describe('shipping to Better Stack and the Pushgateway', () => {
  let fake: FakeWebhook;
  before(async () => {
    fake = await startFakeWebhook();
  });
  after(async () => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.fallback({ status: 200 });
  });

  test(
    'Better Stack down: the batch waits next to the history and goes out with the next run; the verdict never ' +
      'changes',
    async () => {
      const stage = await stageDriver({ LOGTAIL_SOURCE_TOKEN: TOKEN, LOGTAIL_INGEST_URL: `${fake.origin}/logtail` });
      fake.fallback({ status: 500 });
      const first = await stage.run('r0', ['login-broken'], 0);
      assert.match(
        first.warnings.join('\n'),
        joinRegex([
          /log batch r0:0 not shipped to Better Stack \(Better Stack answered 500; no retry within the 1\.5 s/,
          / delivery bound\); kept for the next run/,
        ]),
      );
      const written = JSON.parse(await readFile(join(first.reportDir, 'summary.json'), 'utf8'));
      assert.equal(written.verdict, 'fail');
      assert.ok(!JSON.stringify(written).includes(TOKEN), 'the token is never written');
      assert.match(await readFile(pendingLogsFile(historyPaths(stage.historyDir)), 'utf8'), /"id":"r0:0"/);
      fake.requests.length = 0;
      fake.fallback({ status: 200 });
      const second = await stage.run('r1', [], 15);
      const shipped = fake.accepted('/logtail').map((r) => r.body as Array<Record<string, unknown>>);
      assert.deepEqual(
        shipped.map((batch) => [batch[0]!.runId, batch[0]!.event]),
        [
          ['r0', 'run'],
          ['r1', 'run'],
        ],
        'the pending batch first, then this run',
      );
      assert.equal(
        shipped[0]!.length,
        (await readFile(join(first.reportDir, 'run.ndjson'), 'utf8')).trimEnd().split('\n').length,
        'every event of run.ndjson',
      );
      assert.deepEqual(second.warnings, []);
      assert.equal(await readFile(pendingLogsFile(historyPaths(stage.historyDir)), 'utf8'), '', 'nothing pending');
      await stage.run('r2', [], 30);
      assert.deepEqual(
        fake.accepted('/logtail').map((r) => (r.body as Array<{ runId: string }>)[0]!.runId),
        ['r0', 'r1', 'r2'],
        'each batch once',
      );
    },
  );

  test('metrics pushed to the Pushgateway under one group per target', async () => {
    const stage = await stageDriver({ PROMETHEUS_PUSHGATEWAY_URL: `${fake.origin}/` });
    await stage.run('r0', [], 0);
    const push = fake.requests.find((r) => r.method === 'PUT')!;
    assert.equal(
      push.path,
      `/metrics/job/viamentor_synthetics/target@base64/${Buffer.from('http://127.0.0.1:4310').toString('base64url')}`,
    );
    assert.ok(parsePrometheus(String(push.body)).length >= 8);
    fake.fallback({ status: 500 });
    const failed = await stage.run('r1', [], 15);
    assert.match(
      failed.warnings.join('\n'),
      joinRegex([
        /metrics not pushed to the Pushgateway \(the Pushgateway answered 500; no retry within the 1\.5 s/,
        / delivery bound\)/,
      ]),
    );
  });
});
