/**
 * Budgets and accessibility against the reference app: healthy → every budget and a11y check
 * passes; each performance or accessibility fault trips its metric, with exit 1 and a readable
 * reason. Lab runs use a smaller budgets file (fewer pages and runs) to keep CI fast; the shipped
 * one is exercised by the bundled-default test.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite, type SuiteRun } from '../helpers/suite-run.ts';

const shipped = JSON.parse(readFileSync('budgets.json', 'utf8')) as Record<string, unknown> & { pages: Array<{ name: string }> };

/** A budgets file: the shipped one, with only `labPages` measured and the given overrides. */
async function budgetsFile(labPages: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  const pages = shipped.pages.map((page) => (labPages.includes(page.name) ? page : { ...page, lighthouse: false }));
  const file = join(await mkdtemp(join(tmpdir(), 'budgets-')), 'budgets.json');
  await writeFile(file, JSON.stringify({ ...shipped, pages, ...overrides }));
  return file;
}

function statusOf(run: SuiteRun, id: string): string {
  return run.check(id).status;
}

function assertFailedRun(run: SuiteRun): void {
  assert.equal(run.code, 1, `exit 1 expected:\n${run.stdout.slice(-3000)}`);
  assert.equal(run.summary?.verdict, 'fail');
}

describe('budgets and accessibility against the reference app', () => {
  let app: ReferenceApp;
  before(async () => {
    app = await startReferenceApp();
  });
  after(async () => app?.stop());

  async function withFault<T>(fault: string, action: () => Promise<T>): Promise<T> {
    await app.setFault(fault, true);
    try {
      return await action();
    } finally {
      await app.setFault(fault, false);
    }
  }

  test('healthy: a public and a logged-in page within every lab budget, medians of 3 runs with every value kept', async () => {
    const budgets = await budgetsFile(['login', 'dashboard'], { lighthouse: { runs: 3, aggregation: 'median', formFactors: ['desktop'] } });
    const run = await runSuite(app, { args: ['--tier', 'lab'], env: { SYNTHETICS_BUDGETS: budgets } });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    for (const page of ['login', 'dashboard']) {
      for (const metric of ['lcp', 'cls', 'ttfb', 'tbt', 'fcp', 'transferBytes', 'requests']) {
        const check = run.check(`budget:${page}:${metric}`);
        assert.equal(check.status, 'passed', `${check.id}: ${check.error ?? ''}`);
        assert.equal(check.values?.length, 3, `${check.id} keeps every run`);
        assert.equal(check.operator, '<=');
        assert.ok(typeof check.expected === 'number' && typeof check.actual === 'number');
      }
    }
    assert.ok(existsSync(join(run.reportDir, 'lighthouse', 'dashboard-desktop-1.report.html')), 'full Lighthouse reports are kept');
    assert.match(run.stdout, /dashboard\s+lcp\s+<= 2500 ms\s+\d+ ms\s+\d+ ms, \d+ ms, \d+ ms\s+✔ passed/);
  });

  const labFaults: Array<[string, string[], RegExp]> = [
    ['slow-ttfb', ['budget:home:ttfb', 'budget:dashboard:ttfb'], /ttfb over budget — expected: <=600 ms {2}found: \d{4} ms/],
    ['layout-shift', ['budget:home:cls', 'budget:dashboard:cls'], /cls over budget — expected: <=0\.1 {2}found: 0\.\d+/],
    ['slow-lcp', ['budget:home:lcp'], /lcp over budget — expected: <=2500 ms {2}found: [3-9]\d{3} ms/],
  ];
  for (const [fault, failing, reason] of labFaults) {
    test(`${fault} trips ${failing.join(' and ')} in the lab`, async () => {
      const budgets = await budgetsFile(['home', 'dashboard'], { lighthouse: { runs: 1, aggregation: 'median', formFactors: ['desktop'] } });
      const run = await withFault(fault, () => runSuite(app, { args: ['--tier', 'lab'], env: { SYNTHETICS_BUDGETS: budgets } }));
      assertFailedRun(run);
      for (const id of failing) {
        assert.equal(statusOf(run, id), 'failed', id);
        assert.match(run.check(id).error ?? '', reason);
      }
    });
  }

  test('layout-shift and slow-ttfb trip the in-journey web vitals too', async () => {
    const run = await withFault('layout-shift', () => runSuite(app, { args: ['--tier', 'core', '--grep', '@login'] }));
    assertFailedRun(run);
    assert.equal(statusOf(run, 'budget:login:journey-cls'), 'failed');
    assert.equal(statusOf(run, 'journey:login'), 'passed', 'the journey itself still works');
    const slow = await withFault('slow-ttfb', () => runSuite(app, { args: ['--tier', 'core', '--grep', '@login'] }));
    assertFailedRun(slow);
    assert.equal(statusOf(slow, 'budget:login:journey-ttfb'), 'failed');
  });

  test('a11y-regression fails a11y:planning with rule, impact, target and help URL', async () => {
    const run = await withFault('a11y-regression', () => runSuite(app, { args: ['--tier', 'core', '--grep', '@booking'] }));
    assertFailedRun(run);
    const check = run.check('a11y:planning');
    assert.equal(check.status, 'failed');
    assert.match(check.error ?? '', /label \((critical|serious)\): .+ — .+ — https:\/\/dequeuniversity\.com\/rules\/axe\//);
    assert.equal(statusOf(run, 'journey:booking'), 'passed', 'the journey does not use that input');
    for (const other of run.summary!.checks.filter((c) => c.kind === 'a11y' && c.id !== 'a11y:planning')) assert.equal(other.status, 'passed', other.id);
  });

  test('an allow-listed rule passes until its expiry date, then fails again', async () => {
    const allow = (expires: string) => budgetsFile([], { accessibility: { failOn: ['serious', 'critical'], allow: [{ rule: 'label', reason: 'date picker rework (VM-12)', expires, pages: ['planning'] }] } });
    const inForce = await withFault('a11y-regression', async () => runSuite(app, { args: ['--tier', 'core', '--grep', '@booking'], env: { SYNTHETICS_BUDGETS: await allow('2999-12-31') } }));
    assert.equal(inForce.code, 0, inForce.stdout.slice(-2000));
    assert.equal(statusOf(inForce, 'a11y:planning'), 'passed');
    assert.equal((inForce.check('a11y:planning').allowed as unknown[]).length, 1);
    const expired = await withFault('a11y-regression', async () => runSuite(app, { args: ['--tier', 'core', '--grep', '@booking'], env: { SYNTHETICS_BUDGETS: await allow('2020-01-01') } }));
    assertFailedRun(expired);
    assert.equal(statusOf(expired, 'a11y:planning'), 'failed');
  });

  test('api-slow fails budget:api:p95 and degrades the journeys that wait on the API', async () => {
    // Duration budgets just above what these journeys take on a healthy app.
    const healthy = await runSuite(app, { args: ['--tier', 'core'] });
    assert.equal(healthy.code, 0, healthy.stdout.slice(-3000));
    const durations: Record<string, number> = { default: 60_000 };
    for (const name of ['students', 'booking', 'invoice']) durations[name] = Math.round(healthy.check(`journey:${name}`).durationMs * 1.3 + 5000);
    const budgets = await budgetsFile([], { journeys: { durationMs: durations } });
    const run = await withFault('api-slow', () => runSuite(app, { args: ['--tier', 'core'], env: { SYNTHETICS_BUDGETS: budgets } }));
    assertFailedRun(run);
    const p95 = run.check('budget:api:p95');
    assert.equal(p95.status, 'failed');
    assert.ok((p95.actual ?? 0) >= 2500, `p95 ${p95.actual}`);
    for (const name of ['students', 'booking', 'invoice']) {
      const journey = run.check(`journey:${name}`);
      assert.equal(journey.status, 'degraded', `${journey.id} ${journey.durationMs} ms vs ${durations[name]} ms`);
      assert.match(journey.error ?? '', /over its [\d.]+ s duration budget/);
    }
  });
});
