/** A config mistake → one clear line per problem naming the variable, exit 2, no stack trace. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';

const LOOPBACK = 'http://127.0.0.1:9';
const CREDS = { SYNTHETIC_EMAIL: 'synthetic@viamentor.test', SYNTHETIC_PASSWORD: 'a-password' };

const CASES: Array<{ name: string; env: Record<string, string>; expect: RegExp[]; hidden?: string }> = [
  {
    name: 'malformed BASE_URL',
    env: { BASE_URL: 'not a url', ...CREDS },
    expect: [/^Configuration error: BASE_URL \(got "not a url"\): must be a full http\(s\) URL/m],
  },
  {
    name: 'BASE_URL with another scheme',
    env: { BASE_URL: 'ftp://127.0.0.1', ...CREDS },
    expect: [/BASE_URL.*must be a full http\(s\) URL/],
  },
  {
    name: 'real target without credentials',
    env: { BASE_URL: LOOPBACK },
    expect: [
      /^Configuration error: SYNTHETIC_EMAIL: is required when BASE_URL is set/m,
      /^Configuration error: SYNTHETIC_PASSWORD: is required when BASE_URL is set/m,
    ],
  },
  {
    name: 'real target without a password',
    env: { BASE_URL: LOOPBACK, SYNTHETIC_EMAIL: CREDS.SYNTHETIC_EMAIL },
    expect: [/SYNTHETIC_PASSWORD: is required/],
  },
  {
    name: 'malformed e-mail',
    env: { BASE_URL: LOOPBACK, SYNTHETIC_EMAIL: 'synthetic', SYNTHETIC_PASSWORD: 'x-password' },
    expect: [/SYNTHETIC_EMAIL \(got "synthetic"\): must be an e-mail address/],
  },
  {
    name: 'unknown alert locale',
    env: { ALERT_LOCALE: 'de' },
    expect: [/ALERT_LOCALE \(got "de"\): must be "fr" or "en"/],
  },
  {
    name: 'non-numeric port',
    env: { PORT: 'eighty' },
    expect: [/PORT \(got "eighty"\): must be a port number from 1 to 65535/],
  },
  { name: 'port out of range', env: { PORT: '70000' }, expect: [/PORT \(got "70000"\): must be a port number/] },
  {
    name: 'expect timeout not milliseconds',
    env: { SYNTHETICS_EXPECT_TIMEOUT_MS: '10s' },
    expect: [/SYNTHETICS_EXPECT_TIMEOUT_MS \(got "10s"\): must be milliseconds from 1000 to 120000/],
  },
  {
    name: 'expect timeout too short',
    env: { SYNTHETICS_EXPECT_TIMEOUT_MS: '50' },
    expect: [/SYNTHETICS_EXPECT_TIMEOUT_MS \(got "50"\): must be milliseconds from 1000 to 120000/],
  },
  {
    name: 'Slack webhook without scheme (value not echoed)',
    env: { SLACK_WEBHOOK_URL: 'hooks.slack.example/T000/B000/secretpart' },
    expect: [/^Configuration error: SLACK_WEBHOOK_URL: must be a full http\(s\) URL/m],
    hidden: 'secretpart',
  },
  {
    name: 'bypass secret with spaces (value not echoed)',
    env: { VERCEL_AUTOMATION_BYPASS_SECRET: 'abc def-secret' },
    expect: [/VERCEL_AUTOMATION_BYPASS_SECRET: must not contain spaces/],
    hidden: 'def-secret',
  },
  {
    name: 'malformed heartbeat URL',
    env: { HEARTBEAT_URL: 'betteruptime' },
    expect: [/HEARTBEAT_URL: must be a full http\(s\) URL/],
  },
  {
    name: 'CHROME_PATH pointing nowhere',
    env: { CHROME_PATH: '/nonexistent/chrome' },
    expect: [/^Configuration error: CHROME_PATH: no file at \/nonexistent\/chrome/m],
  },
  {
    name: 'real target without its Supabase project',
    env: { BASE_URL: LOOPBACK, ...CREDS },
    expect: [
      /^Configuration error: SUPABASE_URL: is required when BASE_URL is set/m,
      /^Configuration error: SUPABASE_ANON_KEY: is required when BASE_URL is set/m,
    ],
  },
  {
    name: 'anon key with spaces (value not echoed)',
    env: { SUPABASE_ANON_KEY: 'eyJhbGciOi anonsecretpart-xxxxxxxx' },
    expect: [/^Configuration error: SUPABASE_ANON_KEY: must be the project's anon \(public\) key/m],
    hidden: 'anonsecretpart',
  },
  {
    name: 'malformed SUPABASE_URL',
    env: { SUPABASE_URL: 'abcd.supabase.co' },
    expect: [/SUPABASE_URL \(got "abcd.supabase.co"\): must be a full http\(s\) URL/],
  },
  {
    name: 'malformed API origins',
    env: { SYNTHETICS_API_ORIGINS: 'https://api.viamentor.ch, nope' },
    expect: [/SYNTHETICS_API_ORIGINS .*: must be a comma-separated list of http\(s\) origins/],
  },
  {
    name: 'foreign tenant that is no UUID',
    env: { SYNTHETICS_FOREIGN_TENANT_ID: '42' },
    expect: [/SYNTHETICS_FOREIGN_TENANT_ID \(got "42"\): must be the UUID of a tenant/],
  },
  {
    name: 'several problems at once',
    env: { BASE_URL: 'nope', ALERT_LOCALE: 'it', PORT: '0.5' },
    expect: [/BASE_URL/, /ALERT_LOCALE/, /PORT/, /SYNTHETIC_EMAIL/],
  },
];

describe('npm start with a bad configuration', () => {
  for (const { name, env, expect, hidden } of CASES) {
    test(`${name}: one line per problem, exit 2, no stack trace`, async () => {
      const result = await runCli('synthetics/cli/run.ts', [], hermeticEnv(env), 30_000);
      assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
      for (const pattern of expect) assert.match(result.stderr, pattern);
      assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
      const lines = result.stderr.trim().split('\n');
      assert.ok(
        lines.every((line) => line.startsWith('Configuration error: ')),
        `only problem lines:\n${result.stderr}`,
      );
      if (hidden)
        assert.ok(!result.stderr.includes(hidden) && !result.stdout.includes(hidden), 'the secret value is not echoed');
    });
  }

  test('the janitor refuses a bad option with exit 2', async () => {
    const result = await runCli('synthetics/cli/janitor.ts', ['--older-than', 'soon'], hermeticEnv(), 30_000);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^Usage error: --older-than takes a number of minutes/m);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });
});
