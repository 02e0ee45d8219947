/**
 * Reliability matrix, the runner's side, against one reference app: Chromium killed mid-run, the
 * runner stopped with SIGTERM mid-run, and a traced failing run. Each ends with a failing verdict
 * and a written summary; nothing in the report folder holds a password, a JWT, a refresh token or
 * the bypass secret (zips included); the private session folder is gone.
 *
 * test-lane: shared — every run here fails on purpose; no timing budget is asserted.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { artifactTexts } from '../helpers/artifacts.ts';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { hermeticEnv } from '../helpers/run-cli.ts';
import { QUICK_VERDICT, targetEnv } from '../helpers/suite-run.ts';

const BYPASS = 'bypass-runner-5e0c1d9a';
const ONE_JOURNEY = ['--tier', 'core', '--grep', '@students', '--retries=0', '--workers=1'];
const BOUND_MS = 180_000;
let app: ReferenceApp;

before(async () => (app = await startReferenceApp()));
after(async () => app.stop());

interface Started {
  pid: number;
  reportDir: string;
  done: Promise<{ code: number | null; output: string }>;
}

async function startRun(args: string[], extra: Record<string, string> = {}, target = app): Promise<Started> {
  const reportDir = await mkdtemp(join(tmpdir(), 'viamentor-runner-'));
  const env = hermeticEnv({
    ...targetEnv(target),
    CI: '1',
    SYNTHETICS_REPORT_DIR: reportDir,
    HISTORY_PATH: join(reportDir, 'history'),
    VERCEL_AUTOMATION_BYPASS_SECRET: BYPASS,
    ...extra,
  });
  const child = spawn(process.execPath, ['synthetics/cli/run.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS - 10_000);
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
  return { pid: child.pid!, reportDir, done };
}

/**
 * The browser (main Chromium process) among the descendants of `root`, once one is running and has a
 * page (a renderer): the run is then past the browser's start. A browser killed while Playwright opens
 * its first page is only noticed at the test timeout (90 s: `newPage` never settles, Playwright 1.65),
 * which made this test take 24 s or 105 s by chance on a loaded machine.
 */
async function waitForBrowser(root: number, deadlineMs = 90_000): Promise<number> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!)
      .filter(Boolean)
      .map(([, pid, ppid, cmd]) => ({ pid: Number(pid), ppid: Number(ppid), cmd: cmd! }));
    const family = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const row of rows) if (family.has(row.ppid) && !family.has(row.pid)) family.add(row.pid), (grew = true);
    }
    const browser = rows.find((row) => family.has(row.pid) && /chrom/i.test(row.cmd) && !row.cmd.includes('--type='));
    const rendering = rows.some((row) => family.has(row.pid) && row.cmd.includes('--type=renderer'));
    if (browser && rendering) return browser.pid;
    await sleep(200);
  }
  throw new Error('no browser started');
}

/** Session folders in `dir`: the run gets a TMPDIR of its own, so suite runs in other test files never count. */
async function sessionDirs(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('viamentor-session-'));
}

async function assertClean(reportDir: string): Promise<void> {
  const texts = await artifactTexts(reportDir);
  assert.ok(texts.length > 0);
  const leaks = [
    [app.password, 'password'],
    [BYPASS, 'bypass secret'],
  ].flatMap(([value, what]) =>
    texts.filter(({ text }) => text.includes(value!)).map(({ where }) => `${what} in ${where}`),
  );
  const jwt = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
  const refresh = /refresh_token\\*"\s*:\s*\\*"(?!\[REDACTED\])[^"\\]+/;
  for (const { where, text } of texts) {
    if (jwt.test(text)) leaks.push(`JWT in ${where}`);
    if (refresh.test(text)) leaks.push(`refresh token in ${where}`);
  }
  assert.deepEqual(leaks, []);
}

async function failingSummary(
  reportDir: string,
): Promise<{ verdict: string; checks: Array<{ id: string; status: string }> }> {
  return JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8'));
}

/**
 * The three runs at once: two are stopped within seconds, the third mostly waits on its failing
 * assertion; its fault is on a reference app of its own (a fault is app-wide).
 */
describe('the runner is hurt: a failing, scrubbed result all the same', {
  timeout: BOUND_MS * 3,
  concurrency: true,
}, () => {
  test('Chromium killed mid-run: the run fails, its summary is written and recorded', {
    timeout: BOUND_MS,
  }, async () => {
    const run = await startRun(ONE_JOURNEY);
    const browser = await waitForBrowser(run.pid);
    await sleep(500);
    process.kill(browser, 'SIGKILL');
    const { code, output } = await run.done;
    assert.equal(code, 1, output.slice(-2000));
    const summary = await failingSummary(run.reportDir);
    assert.equal(summary.verdict, 'fail');
    assert.ok(
      summary.checks.some((check) => check.status === 'failed' || check.status === 'skipped'),
      JSON.stringify(summary.checks),
    );
    assert.equal((await readFile(join(run.reportDir, 'history', 'runs.jsonl'), 'utf8')).trim().split('\n').length, 1);
    await assertClean(run.reportDir);
  });

  test('SIGTERM to the runner mid-run: a failing summary, scrubbed, and no session left', {
    timeout: BOUND_MS,
  }, async () => {
    const runTmp = await mkdtemp(join(tmpdir(), 'viamentor-runner-tmp-'));
    const run = await startRun(ONE_JOURNEY, { TMPDIR: runTmp });
    await waitForBrowser(run.pid);
    assert.equal((await sessionDirs(runTmp)).length, 1, 'the run made its session folder in its own TMPDIR');
    await sleep(1000);
    process.kill(run.pid, 'SIGTERM');
    const { code, output } = await run.done;
    assert.equal(code, 1, output.slice(-2000));
    assert.equal((await failingSummary(run.reportDir)).verdict, 'fail');
    await assertClean(run.reportDir);
    assert.deepEqual(await sessionDirs(runTmp), [], 'the session folder is removed');
  });

  test('a traced failing run (--trace on) leaves no password, JWT, refresh token or bypass secret', {
    timeout: BOUND_MS,
  }, async () => {
    const own = await startReferenceApp();
    const run = await own
      .withFault('students-save-fails', async () => {
        const started = await startRun([...ONE_JOURNEY, '--trace', 'on'], QUICK_VERDICT, own);
        return { ...started, result: await started.done };
      })
      .finally(() => own.stop());
    assert.equal(run.result.code, 1, run.result.output.slice(-2000));
    const summary = await failingSummary(run.reportDir);
    assert.equal(summary.checks.find((check) => check.id === 'journey:students')?.status, 'failed');
    const traces = (await readdir(run.reportDir, { recursive: true })).filter((name) =>
      String(name).endsWith('trace.zip'),
    );
    assert.ok(traces.length > 0, 'traces were recorded');
    const texts = await artifactTexts(run.reportDir);
    assert.ok(
      texts.some(({ where, text }) => where.includes('trace.zip!') && text.includes('[REDACTED]')),
      'the traces held secrets, now redacted',
    );
    await assertClean(run.reportDir);
  });
});
