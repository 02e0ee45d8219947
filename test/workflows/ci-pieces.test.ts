/**
 * The small pieces the workflows are made of, one table each: `--shard i/N` parsing, the blob
 * scrubber (a secret nested two zips deep), the job summary's Markdown, and the `decide` and
 * `ci-summary` entry points on crafted results (exit codes, `--incomplete`, GitHub outputs).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { splitShard, splitTier } from '../../synthetics/config/tiers.ts';
import { formatJobSummary } from '../../synthetics/outputs/job-summary.ts';
import { scrubBlobArchive } from '../../synthetics/result/scrub-blob.ts';
import type { RunSummary } from '../../synthetics/model/run-result.ts';
import { summaryOf } from '../helpers/alerting-fixtures.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';

describe('--tier and --shard', () => {
  const cases: Array<[string[], { index: number; total: number } | undefined, string[]]> = [
    [['--shard', '1/2'], { index: 1, total: 2 }, []],
    [['--shard=2/2', '--grep', '@invoice'], { index: 2, total: 2 }, ['--grep', '@invoice']],
    [['--shard', '1/1'], { index: 1, total: 1 }, []],
    [['--shard', '0/2'], undefined, []],
    [['--shard', '3/2'], undefined, []],
    [['--shard', 'a/b'], undefined, []],
    [[], undefined, []],
  ];
  for (const [args, shard, rest] of cases) {
    test(`${JSON.stringify(args)} → ${shard ? `${shard.index} of ${shard.total}` : 'no shard'}`, () => {
      const split = splitShard(args);
      assert.deepEqual(split.shard, shard);
      assert.deepEqual(split.rest, rest);
    });
  }
  test('the tier is taken out, the rest goes to Playwright', () => {
    assert.deepEqual(splitTier(['--tier', 'core', '--shard', '1/2']), { tier: 'core', rest: ['--shard', '1/2'] });
    assert.deepEqual(splitTier(['--grep', '@login']), { tier: 'all', rest: ['--grep', '@login'] });
  });
});

describe('scrubbing a blob report', () => {
  const SECRET = 'pw-0123456789abcdef';
  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
  const trace = zipSync({
    'trace.network': strToU8(`{"headers":[{"name":"authorization","value":"Bearer ${JWT}"}]}`),
    'resources/page.png': new Uint8Array([0x89, 0x50, 0, 1]),
  });
  const blob = zipSync({
    'report.jsonl': strToU8(`{"step":{"title":"Fill \\"${SECRET}\\""}}\n`),
    'resources/abc.zip': trace,
    'resources/shot.png': new Uint8Array([0x89, 0x50, 0, 2]),
  });

  test('redacts the typed password in report.jsonl and the token inside the nested trace', () => {
    const scrubbed = unzipSync(scrubBlobArchive(blob, [SECRET])!);
    assert.match(strFromU8(scrubbed['report.jsonl']!), /Fill \\"\[REDACTED\]\\"/);
    const nested = strFromU8(unzipSync(scrubbed['resources/abc.zip']!)['trace.network']!);
    assert.ok(!nested.includes(JWT));
    assert.match(nested, /Bearer \[REDACTED\]/);
    assert.deepEqual([...scrubbed['resources/shot.png']!], [0x89, 0x50, 0, 2], 'images untouched');
  });
  test('leaves a clean blob alone', () => {
    assert.equal(scrubBlobArchive(zipSync({ 'report.jsonl': strToU8('{"ok":true}\n') }), [SECRET]), undefined);
  });
});

describe('the job summary', () => {
  const summary = summaryOf('20261125-223000-a1b2', ['invoice-total-wrong']);
  const markdown = formatJobSummary({
    ...summary,
    checks: summary.checks.map((check) =>
      check.id === 'journey:invoice' ? { ...check, error: 'a | b\nc <tag>' } : check,
    ),
  });

  test('leads with the verdict, then the checks, the failing one first', () => {
    const lines = markdown.split('\n');
    assert.equal(lines[0], '## ❌ Viamentor synthetics: FAIL');
    assert.match(
      lines[2]!,
      /^Run `20261125-223000-a1b2` against http:\/\/127\.0\.0\.1:4310 · 10 checks: 9 passed, 1 failed/,
    );
    const rows = lines.filter((line) => line.startsWith('| ') && line.includes('`'));
    assert.match(
      rows[0]!,
      /^\| ❌ \| `journey:invoice` \| failed \| 1\.0 s \| 2 \| a \\\| b c &lt;tag> \|$/,
      'one cell: pipe escaped, one line, no markup',
    );
  });
  test('folds the budgets away, open when one is over', () => {
    assert.match(markdown, /<details><summary>Budgets: 3 within, 0 over or not measured<\/summary>/);
    const over = {
      ...summary,
      checks: summary.checks.map((check) =>
        check.id === 'budget:api:p95' ? { ...check, status: 'failed' as const } : check,
      ),
    };
    assert.match(formatJobSummary(over), /<details open><summary>Budgets: 2 within, 1 over/);
  });
});

describe('decide and ci-summary on a crafted result', () => {
  async function reportWith(summary: RunSummary | undefined): Promise<{ dir: string; env: Record<string, string> }> {
    const dir = await mkdtemp(join(tmpdir(), 'viamentor-decide-'));
    await mkdir(join(dir, 'report'), { recursive: true });
    if (summary)
      await writeFile(
        join(dir, 'report', 'summary.json'),
        JSON.stringify({ ...summary, reports: { dir: join(dir, 'report'), html: '', junit: '' } }),
      );
    return {
      dir,
      env: hermeticEnv({
        HISTORY_PATH: join(dir, 'history'),
        SYNTHETICS_REPORT_DIR: join(dir, 'report'),
        GITHUB_OUTPUT: join(dir, 'github-output'),
      }),
    };
  }

  test('a passing result: exit 0, recorded once, outputs for the workflow', async () => {
    const { dir, env } = await reportWith(summaryOf('20261125-223000-a1b2'));
    const run = await runCli('synthetics/cli/decide.ts', [join(dir, 'report')], env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(await readFile(join(dir, 'github-output'), 'utf8'), 'verdict=pass\ndecisions=0\n');
    assert.equal((await readFile(join(dir, 'history', 'runs.jsonl'), 'utf8')).trim().split('\n').length, 1);
  });
  test('--incomplete: a shard that did not finish makes the verdict fail', async () => {
    const { dir, env } = await reportWith(summaryOf('20261125-223000-a1b2'));
    const run = await runCli(
      'synthetics/cli/decide.ts',
      [join(dir, 'report'), '--incomplete', 'core failure, lab skipped'],
      env,
    );
    assert.equal(run.code, 1);
    const written = JSON.parse(await readFile(join(dir, 'report', 'summary.json'), 'utf8')) as RunSummary & {
      alerting: unknown;
    };
    assert.equal(written.verdict, 'fail');
    assert.match(written.warnings.join('\n'), /incomplete run: core failure, lab skipped/);
    assert.ok(written.alerting, 'decided all the same');
  });
  test('no result: exit 1 with what to do; a wrong argument: exit 2', async () => {
    const { dir, env } = await reportWith(undefined);
    const missing = await runCli('synthetics/cli/decide.ts', [join(dir, 'report')], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No run result to decide on .*Merge the shards first: npx playwright merge-reports/);
    assert.equal((await runCli('synthetics/cli/decide.ts', ['--nope'], env)).code, 2);
    const summaryCli = await runCli('synthetics/cli/ci-summary.ts', [join(dir, 'report')], env);
    assert.equal(summaryCli.code, 0, 'a job summary never fails a job');
    assert.match(summaryCli.stdout, /## ❌ Viamentor synthetics: no result/);
  });
  test('shard: --shard is required', async () => {
    const { env } = await reportWith(undefined);
    const run = await runCli('synthetics/cli/shard.ts', ['--tier', 'core'], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--shard <i>\/<n> is required/);
  });
});
