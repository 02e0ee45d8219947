/**
 * The sharded path of the CI workflow, run locally the same way: two shards of the core tier
 * against ONE reference app with the invoice fault on, each into its own folder (`npm run shard`),
 * their blob reports merged into one summary.json (`npx playwright merge-reports --config
 * playwright.merge.config.ts`), then decided once (`npm run decide`): one verdict, the failing
 * check exactly once, exactly one incident message to the (fake) Slack — and no secret in a blob.
 *
 * test-lane: shared — loose timing budgets: the shards judge the merge, not timings.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import type { RunSummary } from '../../synthetics/model/run-result.ts';
import { artifactTexts, findLeaks } from '../helpers/artifacts.ts';
import { seedEarlierRun } from '../helpers/alerting-fixtures.ts';
import { payloadText, startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { looseBudgetsFile } from '../helpers/budgets-file.ts';
import { hermeticEnv, runCli, type CliResult } from '../helpers/run-cli.ts';
import { QUICK_VERDICT, SPINE_CHECKS, leftoverSyntheticRecords, targetEnv } from '../helpers/suite-run.ts';

const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');

/** Texts of a blob report, the traces nested inside it included (a zip within a zip). */
function blobTexts(archive: Uint8Array): string[] {
  return Object.entries(unzipSync(archive)).flatMap(([name, bytes]) =>
    name.endsWith('.zip')
      ? Object.values(unzipSync(bytes)).map((entry) => strFromU8(entry, true))
      : [strFromU8(bytes, true)],
  );
}

function runId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(2).toString('hex')}`;
}

describe('a sharded run merged and decided once', () => {
  let app: ReferenceApp;
  let webhook: FakeWebhook;
  let root: string;
  let id: string;
  const shards: CliResult[] = [];
  let merge: CliResult;
  let decide: CliResult;
  let summary: RunSummary;

  before(async () => {
    app = await startReferenceApp({ env: { REFERENCE_APP_PASSWORD: PASSWORD } });
    await app.setFault('invoice-total-wrong', true);
    webhook = await startFakeWebhook();
    root = await mkdtemp(join(tmpdir(), 'viamentor-shards-'));
    const now = new Date();
    id = runId(now);
    const env = hermeticEnv({
      ...targetEnv(app, PASSWORD),
      SYNTHETICS_RUN_ID: id,
      CI: '1',
      HISTORY_PATH: join(root, 'history'),
      SLACK_WEBHOOK_URL: `${webhook.origin}/services/T0/B0/alerts`,
      SYNTHETICS_BUDGETS: await looseBudgetsFile(),
      ...QUICK_VERDICT,
    });
    // The previous scheduled run already saw the invoice journey red: a P1 opens on its 2nd red run.
    await seedEarlierRun({ env, baseUrl: app.url, faults: ['invoice-total-wrong'], dir: root });

    // Two shards at once, as two matrix jobs would run them, each with a report folder of its own.
    shards.push(
      ...(await Promise.all(
        [1, 2].map((index) =>
          runCli('synthetics/cli/shard.ts', ['--tier', 'core', '--shard', `${index}/2`], {
            ...env,
            SYNTHETICS_REPORT_DIR: join(root, `shard-${index}`),
          }),
        ),
      )),
    );
    // What the merge job's download step does: every shard's blob into one folder of the report.
    const merged = join(root, 'merged');
    await mkdir(join(merged, 'blob'), { recursive: true });
    for (const index of [1, 2]) {
      for (const name of await readdir(join(root, `shard-${index}`, 'blob')))
        await copyFile(join(root, `shard-${index}`, 'blob', name), join(merged, 'blob', name));
    }
    merge = await runCli(
      PLAYWRIGHT_CLI,
      ['merge-reports', '--config', 'playwright.merge.config.ts', join(merged, 'blob')],
      { ...env, SYNTHETICS_REPORT_DIR: merged },
    );
    decide = await runCli('synthetics/cli/decide.ts', [merged], { ...env, SYNTHETICS_REPORT_DIR: merged });
    summary = JSON.parse(await readFile(join(merged, 'summary.json'), 'utf8')) as RunSummary;
  });

  after(async () => {
    await app?.setFault('invoice-total-wrong', false).catch(() => undefined);
    await app?.stop();
    await webhook?.close();
  });

  test('each shard runs its part of the core tier and leaves a blob report', () => {
    for (const [index, shard] of shards.entries()) {
      assert.equal(shard.code, 0, `shard ${index + 1}:\n${shard.stdout.slice(-3000)}\n${shard.stderr.slice(-2000)}`);
      assert.match(
        shard.stdout,
        new RegExp(
          `Shard ${index + 1}/2 of run ${id} \\(tier core\\): npx playwright test --project=uptime ` +
            `--project=setup --project=public --project=journeys --shard=${index + 1}/2 --reporter=list,blob`,
        ),
      );
      assert.ok(existsSync(join(root, `shard-${index + 1}`, 'blob', `report-core-${index + 1}-of-2.zip`)));
    }
  });

  test('the merge writes ONE summary with every check of both shards exactly once, and one verdict: fail', () => {
    assert.equal(merge.code, 0, `${merge.stdout}\n${merge.stderr}`);
    assert.equal(summary.verdict, 'fail');
    assert.equal(summary.runId, id, "the shards' run id");
    const ids = summary.checks.map((check) => check.id);
    for (const check of SPINE_CHECKS)
      assert.equal(ids.filter((candidate) => candidate === check).length, 1, `${check} once`);
    assert.equal(new Set(ids).size, ids.length, 'no check twice');
    const invoice = summary.checks.find((check) => check.id === 'journey:invoice')!;
    assert.equal(invoice.status, 'failed');
    assert.equal(invoice.attempts, 2);
    assert.match(invoice.error ?? '', /Expected: "CHF 20\.25"; Received: "CHF 19\.25"/);
    // Uptime and journeys are all green but the invoice (budgets may wobble on a loaded 2-core machine running two
    // shards).
    const spineRed = summary.checks.filter(
      (check) =>
        (check.kind === 'uptime' || check.kind === 'journey') && check.status !== 'passed' && check.status !== 'flaky',
    );
    assert.deepEqual(
      spineRed.map((check) => check.id),
      ['journey:invoice'],
    );
    assert.ok(
      summary.checks.some((check) => check.id === 'budget:api:p95' && check.values!.length > 0),
      'observations (API timings) survived the blob merge',
    );
    assert.ok(
      summary.checks.some((check) => /^budget:[^:]+:journey-lcp$/.test(check.id)),
      'web vitals survived the blob merge',
    );
    assert.ok(
      summary.checks.some((check) => check.id.startsWith('a11y:')),
      'axe scans survived the blob merge',
    );
    for (const path of invoice.evidence ?? [])
      assert.ok(existsSync(join(summary.reports.dir, path)), `evidence ${path} is inside the report folder`);
    assert.ok(
      (invoice.evidence ?? []).some((path) => path.endsWith('.zip')),
      "the confirming attempt's trace is evidence",
    );
    assert.ok(
      summary.durationMs > 5000,
      `the run's duration spans the shards, not the merge (${summary.durationMs} ms)`,
    );
  });

  test('decide judges once: exit 1, one run recorded, exactly one incident message to Slack', async () => {
    assert.equal(decide.code, 1, `${decide.stdout}\n${decide.stderr}`);
    const history = (await readFile(join(root, 'history', 'runs.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(history.length, 2, 'the earlier run and this one: the merged run is recorded once');
    const accepted = webhook.accepted();
    assert.equal(
      accepted.length,
      1,
      `one message, got ${webhook.requests.length}: ${webhook.requests.map((request) => request.path).join(', ')}`,
    );
    assert.match(payloadText(accepted[0]!.body), /P1[\s\S]*journey: invoice|journey: invoice[\s\S]*P1/);
    assert.match(decide.stdout, /open P1 journey:invoice → #viamentor-alerts: delivered/);
  });

  test('no secret leaves a shard: blobs and the merged report are scrubbed', async () => {
    for (const index of [1, 2]) {
      const dir = join(root, `shard-${index}`, 'blob');
      for (const name of await readdir(dir)) {
        const texts = blobTexts(await readFile(join(dir, name)));
        assert.ok(!texts.some((text) => text.includes(PASSWORD)), `the password is not in ${name}`);
        assert.ok(!texts.some((text) => JWT.test(text)), `no session token in ${name}`);
      }
    }
    const texts = await artifactTexts(join(root, 'merged'));
    assert.deepEqual(findLeaks(texts, new RegExp(PASSWORD)), []);
    assert.deepEqual(findLeaks(texts, JWT), []);
    for (const output of [...shards, merge, decide]) assert.ok(!`${output.stdout}${output.stderr}`.includes(PASSWORD));
  });

  test('the shards clean up after themselves: no synthetic record left on the target', async () => {
    assert.deepEqual(await leftoverSyntheticRecords(app), []);
  });
});
