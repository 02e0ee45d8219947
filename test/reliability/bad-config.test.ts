/**
 * The bad-configuration table: malformed environment variables, budgets.json and CLI flags. Each
 * exits 2 before any browser starts, with ONE line naming the field, no stack trace, and no secret
 * value of the input echoed. Cases run four at a time (each is one short process, well under 1 s idle).
 */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';

const CREDS = { SYNTHETIC_EMAIL: 'synthetic@viamentor.test', SYNTHETIC_PASSWORD: 'pw-0f9e8d7c6b' };
const PLATFORM = { SUPABASE_URL: 'http://127.0.0.1:10', SUPABASE_ANON_KEY: 'anon-key-7c1e5b9a0d2f4e6a8b3c' };
const TARGET = { BASE_URL: 'http://127.0.0.1:9', ...CREDS, ...PLATFORM };
const BUDGETS = JSON.parse(await readFile('budgets.json', 'utf8')) as Record<string, unknown>;

interface Case {
  name: string;
  script?: string;
  args?: string[];
  env?: Record<string, string>;
  /** The field the one line must name. */
  field: RegExp;
  /** A secret value given in the input that must not appear anywhere in the output. */
  secret?: string;
}

let dir: string;
const at = (name: string) => join(dir, name);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'viamentor-bad-config-'));
  await mkdir(at('foreign'));
  await writeFile(at('foreign/.env'), 'MY_TOKEN=keep-me-untouched\n');
  await writeFile(at('a-file'), 'not a folder\n');
  await mkdir(at('history.jsonl'));
  await writeFile(at('broken.json'), '{ "pages": [');
  const budgets = (change: (copy: Record<string, any>) => void) => {
    const copy = structuredClone(BUDGETS) as Record<string, any>;
    change(copy);
    return JSON.stringify(copy);
  };
  await writeFile(
    at('lcp-text.json'),
    budgets((b) => (b.defaults.lab.lcp = 'fast')),
  );
  await writeFile(
    at('unknown-key.json'),
    budgets((b) => (b.lighthouse.speed = 'max')),
  );
  await writeFile(
    at('aggregation.json'),
    budgets((b) => (b.lighthouse.aggregation = 'mean')),
  );
  await writeFile(
    at('runs.json'),
    budgets((b) => (b.lighthouse.runs = 0)),
  );
});

const CASES: Case[] = [
  { name: 'BASE_URL not a URL', env: { ...TARGET, BASE_URL: 'not a url' }, field: /BASE_URL/ },
  { name: 'BASE_URL with another scheme', env: { ...TARGET, BASE_URL: 'ftp://127.0.0.1' }, field: /BASE_URL/ },
  {
    name: 'BASE_URL with a password in it',
    env: { ...TARGET, BASE_URL: 'https://admin:hunter2-pass@viamentor.test' },
    field: /BASE_URL: must not contain a user name or password/,
    secret: 'hunter2-pass',
  },
  {
    name: 'BASE_URL with a user name only',
    env: { ...TARGET, BASE_URL: 'https://deploy-user-x1@viamentor.test' },
    field: /BASE_URL/,
    secret: 'deploy-user-x1',
  },
  {
    name: 'Slack webhook with userinfo',
    env: { SLACK_WEBHOOK_URL: 'https://u:slack-pw-991@hooks.example/x' },
    field: /SLACK_WEBHOOK_URL:/,
    secret: 'slack-pw-991',
  },
  {
    name: 'Slack webhook without scheme',
    env: { SLACK_WEBHOOK_URL_DEPLOYS: 'hooks.example/T0/B0/hook-secret-1' },
    field: /SLACK_WEBHOOK_URL_DEPLOYS:/,
    secret: 'hook-secret-1',
  },
  {
    name: 'heartbeat not a URL',
    env: { HEARTBEAT_URL: 'beat-secret-77' },
    field: /HEARTBEAT_URL:/,
    secret: 'beat-secret-77',
  },
  {
    name: 'PagerDuty events URL with userinfo',
    env: { PAGERDUTY_EVENTS_URL: 'https://pd:pd-pw-4412@events.example/v2/enqueue' },
    field: /PAGERDUTY_EVENTS_URL: must not contain a user name or password/,
    secret: 'pd-pw-4412',
  },
  {
    name: 'Logtail ingest URL with userinfo',
    env: { LOGTAIL_INGEST_URL: 'https://logs-user-8c1@in.logs.example' },
    field: /LOGTAIL_INGEST_URL: must not contain a user name or password/,
    secret: 'logs-user-8c1',
  },
  {
    name: 'Pushgateway URL with userinfo',
    env: { PROMETHEUS_PUSHGATEWAY_URL: 'http://prom:push-pw-5521@127.0.0.1:9091' },
    field: /PROMETHEUS_PUSHGATEWAY_URL: must not contain a user name or password/,
    secret: 'push-pw-5521',
  },
  { name: 'malformed e-mail', env: { ...TARGET, SYNTHETIC_EMAIL: 'synthetic' }, field: /SYNTHETIC_EMAIL/ },
  {
    name: 'real target without a password',
    env: { BASE_URL: TARGET.BASE_URL, SYNTHETIC_EMAIL: CREDS.SYNTHETIC_EMAIL, ...PLATFORM },
    field: /SYNTHETIC_PASSWORD/,
  },
  { name: 'real target without its Supabase URL', env: { ...TARGET, SUPABASE_URL: '' }, field: /SUPABASE_URL/ },
  {
    name: 'Supabase URL with a password in it',
    env: { ...TARGET, SUPABASE_URL: 'https://svc:pg-pass-55aa@ref.supabase.co' },
    field: /SUPABASE_URL: must not contain a user name or password/,
    secret: 'pg-pass-55aa',
  },
  {
    name: 'anon key too short',
    env: { ...TARGET, SUPABASE_ANON_KEY: 'short-key-9' },
    field: /SUPABASE_ANON_KEY/,
    secret: 'short-key-9',
  },
  {
    name: 'bypass secret with a space',
    env: { VERCEL_AUTOMATION_BYPASS_SECRET: 'by pass-secret-5' },
    field: /VERCEL_AUTOMATION_BYPASS_SECRET/,
    secret: 'pass-secret-5',
  },
  { name: 'unknown alert locale', env: { ALERT_LOCALE: 'de' }, field: /ALERT_LOCALE/ },
  { name: 'port not a number', env: { PORT: 'eighty' }, field: /PORT/ },
  { name: 'port out of range', env: { PORT: '70000' }, field: /PORT/ },
  {
    name: 'run id escaping its folder',
    env: { SYNTHETICS_RUN_ID: '../../somewhere' },
    field: /SYNTHETICS_RUN_ID: must have the form YYYYMMDD-HHMMSS-hhhh/,
  },
  { name: 'run id of another form', env: { SYNTHETICS_RUN_ID: '20261130-0145-zz' }, field: /SYNTHETICS_RUN_ID/ },
  {
    name: 'report folder at the root',
    env: { SYNTHETICS_REPORT_DIR: '/' },
    field: /SYNTHETICS_REPORT_DIR: must be a folder of its own/,
  },
  {
    name: 'report folder that is a file',
    env: { SYNTHETICS_REPORT_DIR: '@a-file' },
    field: /SYNTHETICS_REPORT_DIR: .* is a file/,
  },
  {
    name: 'report folder holding foreign files',
    env: { SYNTHETICS_REPORT_DIR: '@foreign' },
    field: /SYNTHETICS_REPORT_DIR: .* already holds files that are not reports \(e\.g\. \.env\)/,
    secret: 'keep-me-untouched',
  },
  {
    name: 'history path that is a file',
    env: { HISTORY_PATH: '@a-file' },
    field: /HISTORY_PATH: it is a file, not a folder/,
  },
  {
    name: 'history .jsonl that is a folder',
    env: { HISTORY_PATH: '@history.jsonl' },
    field: /HISTORY_PATH: ends in \.jsonl but is not a file/,
  },
  {
    name: 'env file that does not exist',
    env: { SYNTHETICS_ENV_FILE: '@missing.env' },
    field: /SYNTHETICS_ENV_FILE: no file at/,
  },
  { name: 'unknown mode', env: { SYNTHETICS_MODE: 'sometimes' }, field: /SYNTHETICS_MODE/ },
  { name: 'schedule of zero minutes', env: { SYNTHETICS_SCHEDULE_MINUTES: '0' }, field: /SYNTHETICS_SCHEDULE_MINUTES/ },
  { name: 'clock not a date', env: { SYNTHETICS_NOW: 'yesterday' }, field: /SYNTHETICS_NOW/ },
  { name: 'report URL not http(s)', env: { SYNTHETICS_REPORT_URL: 'ftp://reports' }, field: /SYNTHETICS_REPORT_URL/ },
  { name: 'Chrome that does not exist', env: { CHROME_PATH: '/nonexistent/chrome' }, field: /CHROME_PATH: no file at/ },
  { name: 'budgets file missing', env: { SYNTHETICS_BUDGETS: '@none.json' }, field: /none\.json: not found/ },
  { name: 'budgets not JSON', env: { SYNTHETICS_BUDGETS: '@broken.json' }, field: /broken\.json: not valid JSON/ },
  {
    name: 'budget of the wrong type',
    env: { SYNTHETICS_BUDGETS: '@lcp-text.json' },
    field: /lcp-text\.json: defaults\.lab\.lcp/,
  },
  {
    name: 'budgets with an unknown key',
    env: { SYNTHETICS_BUDGETS: '@unknown-key.json' },
    field: /unknown-key\.json: lighthouse.*speed/,
  },
  {
    name: 'unknown aggregation',
    env: { SYNTHETICS_BUDGETS: '@aggregation.json' },
    field: /aggregation\.json: lighthouse\.aggregation/,
  },
  { name: 'zero Lighthouse runs', env: { SYNTHETICS_BUDGETS: '@runs.json' }, field: /runs\.json: lighthouse\.runs/ },
  {
    name: 'npm start --tier nope',
    args: ['--tier', 'nope'],
    field: /^Usage error: --tier must be one of core, lab, all/,
  },
  {
    name: 'npm start with an unknown Playwright flag',
    args: ['--bogus'],
    field: /^Usage error: unknown option --bogus/,
  },
  { name: 'npm start --grep without a pattern', args: ['--grep'], field: /^Usage error: --grep needs a value/ },
  {
    name: 'shard without --shard',
    script: 'shard',
    args: ['--tier', 'core'],
    field: /^Usage error: --shard <i>\/<n> is required/,
  },
  { name: 'shard 3 of 2', script: 'shard', args: ['--shard', '3/2'], field: /--shard/ },
  {
    name: 'digest with an unknown flag',
    script: 'digest',
    args: ['--bogus'],
    field: /^Usage error: Unknown option '--bogus'/,
  },
  { name: 'slo --days 0', script: 'slo', args: ['--days', '0'], field: /^Usage error: --days must be a whole number/ },
  {
    name: 'decide --incomplete without a reason',
    script: 'decide',
    args: ['--incomplete'],
    field: /^Usage error: .*--incomplete/,
  },
  { name: 'status-page --out without a file', script: 'status-page', args: ['--out'], field: /^Usage error: .*--out/ },
  {
    name: 'ci-summary with two folders',
    script: 'ci-summary',
    args: ['a', 'b'],
    field: /^Usage error: unexpected argument "b"/,
  },
  {
    name: 'janitor --older-than soon',
    script: 'janitor',
    args: ['--older-than', 'soon'],
    field: /^Usage error: --older-than takes a number of minutes/,
  },
  {
    name: 'silence --for soon',
    script: 'silence',
    args: ['--for', 'soon', '--reason', 'x'],
    field: /^Usage error: --for must be a duration .* — npm run silence -- /,
  },
  {
    name: 'silence with an unknown flag',
    script: 'silence',
    args: ['--bogus'],
    field: /^Usage error: Unknown option '--bogus'/,
  },
];

const resolveAt = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value.startsWith('@') ? at(value.slice(1)) : value]),
  );

describe('a bad configuration: exit 2, one line naming the field', { concurrency: 4 }, () => {
  for (const { name, script = 'run', args = [], env = {}, field, secret } of CASES) {
    test(name, { timeout: 30_000 }, async () => {
      const reportDir = join(dir, `reports-${name.replace(/\W+/g, '-')}`);
      const full = hermeticEnv({
        SYNTHETICS_REPORT_DIR: reportDir,
        HISTORY_PATH: join(reportDir, 'history'),
        ...resolveAt(env),
      });
      const result = await runCli(`synthetics/cli/${script}.ts`, args, full, 25_000);
      const output = `${result.stdout}${result.stderr}`;
      assert.equal(result.code, 2, `exit code:\n${output}`);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `one line:\n${result.stderr}`);
      assert.match(lines[0]!, field);
      assert.doesNotMatch(output, /^\s+at |Error: .*\n\s+at /m, 'no stack trace');
      if (secret) assert.ok(!output.includes(secret), `the secret is not echoed:\n${output}`);
    });
  }
});

describe('every problem listed at once, nothing touched', () => {
  test('problems from the environment, budgets.json and the alerting variables come together', async () => {
    const env = hermeticEnv({
      BASE_URL: 'nope',
      ALERT_LOCALE: 'it',
      SYNTHETICS_MODE: 'x',
      SYNTHETICS_BUDGETS: at('broken.json'),
      SYNTHETICS_RUN_ID: '../x',
    });
    const result = await runCli('synthetics/cli/run.ts', [], env, 25_000);
    assert.equal(result.code, 2);
    for (const field of [
      'BASE_URL',
      'ALERT_LOCALE',
      'SYNTHETICS_MODE',
      'broken.json',
      'SYNTHETICS_RUN_ID',
      'SYNTHETIC_EMAIL',
    ]) {
      assert.match(
        result.stderr,
        new RegExp(`^Configuration error: .*${field}`, 'm'),
        `${field} listed:\n${result.stderr}`,
      );
    }
  });

  test('--tier nope keeps the previous summary.json; a foreign report folder is left as it was', async () => {
    const reportDir = join(dir, 'kept');
    await mkdir(reportDir, { recursive: true });
    await writeFile(join(reportDir, 'summary.json'), '{"previous":true}\n');
    const result = await runCli(
      'synthetics/cli/run.ts',
      ['--tier', 'nope'],
      hermeticEnv({ SYNTHETICS_REPORT_DIR: reportDir }),
      25_000,
    );
    assert.equal(result.code, 2);
    assert.equal(await readFile(join(reportDir, 'summary.json'), 'utf8'), '{"previous":true}\n');
    assert.equal(await readFile(at('foreign/.env'), 'utf8'), 'MY_TOKEN=keep-me-untouched\n');
  });
});
