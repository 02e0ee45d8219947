/**
 * Reliability matrix, the alerting side: Slack 500, 429 with Retry-After, hanging, 4xx; the
 * heartbeat down; the history corrupt, unwritable, written by two runs at once, or locked. Each
 * case is bounded and checks the verdict is kept, summary.json is written, and nothing is lost:
 * an undelivered message stays in the outbox for the next run, a refused one is listed in the digest.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { historyPaths, recordRun } from '../../synthetics/outputs/history-store.ts';
import type { DeliveryPolicy } from '../../synthetics/outputs/slack-delivery.ts';
import { buildDigest } from '../../synthetics/alerting/digest.ts';
import type { AlertState } from '../../synthetics/alerting/alert-state.ts';
import { toRunRecord, type RunRecord } from '../../synthetics/alerting/run-record.ts';
import { TARGET, at, stageDriver, summaryOf } from '../helpers/alerting-fixtures.ts';
import { startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';

const POLICY: DeliveryPolicy = { timeoutMs: 400, totalMs: 3000, maxRetryAfterMs: 2000, backoffMs: [100, 200] };
let slack: FakeWebhook;
let env: Record<string, string>;

before(async () => {
  slack = await startFakeWebhook();
  env = { SLACK_WEBHOOK_URL: `${slack.origin}/services/T0/B0/alerts` };
});
after(async () => slack.close());
beforeEach(() => {
  slack.requests.length = 0;
  slack.fallback({ status: 200 });
});

async function savedSummary(reportDir: string): Promise<{ verdict: string; alerting?: { warnings: string[] } }> {
  return JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8'));
}

async function outbox(historyDir: string): Promise<Array<{ id: string; refused?: boolean }>> {
  return JSON.parse(await readFile(join(historyDir, 'incidents.json'), 'utf8')).outbox;
}

describe('Slack misbehaves: the verdict stands, the message is not lost', { timeout: 60_000 }, () => {
  test('500: kept in the outbox, delivered (late) by the next run', async () => {
    const driver = await stageDriver(env, POLICY);
    slack.fallback({ status: 500 });
    const first = await driver.run('r1', ['app-down'], 0);
    assert.equal(first.notifications.pending, 1);
    assert.equal((await savedSummary(first.reportDir)).verdict, 'fail');
    assert.equal((await outbox(driver.historyDir)).length, 1);
    slack.fallback({ status: 200 });
    const next = await driver.run('r2', ['app-down'], 15);
    assert.ok(next.notifications.messages.some((message) => message.delayed && message.delivery === 'delivered'));
    assert.equal((await outbox(driver.historyDir)).length, 0);
  });

  test('429 with Retry-After: waited for, delivered once in the same run', async () => {
    const driver = await stageDriver(env, POLICY);
    slack.script({ status: 429, retryAfter: '1' });
    const started = Date.now();
    const run = await driver.run('r1', ['app-down'], 0);
    assert.equal(run.notifications.messages[0]!.delivery, 'delivered');
    assert.equal(slack.accepted().length, 1);
    assert.ok(Date.now() - started >= 900, 'Retry-After honoured');
  });

  test('hanging: bounded by the delivery limit, kept for the next run', async () => {
    const driver = await stageDriver(env, POLICY);
    slack.fallback('hang');
    const started = Date.now();
    const run = await driver.run('r1', ['app-down'], 0);
    assert.ok(Date.now() - started < POLICY.totalMs + 3000, `bounded (${Date.now() - started} ms)`);
    assert.equal(run.notifications.pending, 1);
    assert.equal((await outbox(driver.historyDir)).length, 1);
    assert.equal((await savedSummary(run.reportDir)).verdict, 'fail');
  });

  test('4xx: refused for good, never resent, never blocking, listed in the digest', async () => {
    const driver = await stageDriver(env, POLICY);
    slack.script({ status: 404 });
    const first = await driver.run('r1', ['app-down'], 0);
    assert.equal(first.notifications.messages[0]!.delivery, 'refused');
    assert.deepEqual(
      (await outbox(driver.historyDir)).map((item) => item.refused),
      [true],
    );
    assert.match(first.warnings.join('\n'), /refused by Slack.*not retried, listed in the digest/);
    const second = await driver.run('r2', ['app-down', 'health-db-down'], 15);
    assert.ok(
      second.notifications.messages.every((message) => message.delivery === 'delivered'),
      JSON.stringify(second.notifications),
    );
    const state = JSON.parse(await readFile(join(driver.historyDir, 'incidents.json'), 'utf8'));
    assert.deepEqual(
      state.outbox.map((item: { refused?: boolean }) => item.refused),
      [true],
    );
    assert.equal(buildDigest([], state, TARGET, at(30), 15).refused.length, 1);
  });
});

describe('heartbeat and history faults: the run is still judged and kept', { timeout: 60_000 }, () => {
  test('heartbeat endpoint down: said, the run recorded, the verdict unchanged', async () => {
    const driver = await stageDriver({ HEARTBEAT_URL: 'http://127.0.0.1:9/beat' }, POLICY);
    const run = await driver.run('r1', ['app-down'], 0);
    assert.equal(run.heartbeat.status, 'failed');
    assert.equal(run.history.recorded, true);
    assert.equal((await savedSummary(run.reportDir)).verdict, 'fail');
  });

  test('history file corrupt: the original saved aside, readable runs kept, this run recorded', async () => {
    const driver = await stageDriver({}, POLICY);
    await mkdir(driver.historyDir, { recursive: true });
    await writeFile(join(driver.historyDir, 'runs.jsonl'), 'garbage{{{\n');
    const run = await driver.run('r1', [], 0);
    assert.match(run.warnings.join('\n'), /unreadable line/);
    assert.ok((await readdir(driver.historyDir)).some((name) => name.includes('.corrupt-')));
    assert.equal(run.history.recorded, true);
  });

  test('history folder not writable: said in summary.json, which still holds the whole result', async () => {
    const driver = await stageDriver({}, POLICY);
    // root ignores file modes: a folder under /sys cannot be created even by root.
    const readOnly = process.getuid?.() === 0 ? '/sys/viamentor-history' : join(driver.dir, 'read-only');
    if (readOnly !== '/sys/viamentor-history') await mkdir(readOnly, { mode: 0o500 });
    const run = await driver.run('r1', ['app-down'], 0, { env: { HISTORY_PATH: readOnly } });
    assert.equal(run.history.recorded, false);
    const saved = await savedSummary(run.reportDir);
    assert.equal(saved.verdict, 'fail');
    assert.match(saved.alerting!.warnings.join('\n'), /alerting stage failed/);
  });

  test('two runs writing the history at once: both recorded, once each', async () => {
    const driver = await stageDriver({}, POLICY);
    await Promise.all([driver.run('a', [], 0), driver.run('b', ['app-down'], 1)]);
    const ids = (await readFile(join(driver.historyDir, 'runs.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).runId);
    assert.deepEqual(ids.sort(), ['a', 'b']);
  });

  test('history locked by a live run: nothing written without the lock, the run recorded by the next one', async () => {
    const driver = await stageDriver({}, POLICY);
    const paths = historyPaths(driver.historyDir);
    await mkdir(driver.historyDir, { recursive: true });
    await writeFile(paths.lock, JSON.stringify({ id: 'busy', host: 'elsewhere', pid: 1 }));
    const keep = (_earlier: readonly RunRecord[], state: AlertState) => ({ state, result: undefined });
    await assert.rejects(
      recordRun(paths, toRunRecord(summaryOf('r1'), 'monitor', at(0)), at(0), keep, { waitMs: 150 }),
      /kept in .*pending/,
    );
    await rm(paths.lock);
    const next = await driver.run('r2', [], 15);
    assert.equal(next.history.runs, 2, 'the kept run and this one');
  });
});
