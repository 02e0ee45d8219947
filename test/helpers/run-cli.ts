/** Runs one of the suite's entry points as a user would, with a hermetic environment. */
import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const SUITE_PREFIXES = [
  'BASE_URL',
  'SYNTHETIC_',
  'SLACK_',
  'HEARTBEAT_URL',
  'HISTORY_PATH',
  'ALERT_LOCALE',
  'SUPABASE_',
  'VERCEL_',
  'PORT$',
  'SYNTHETICS_',
  'REFERENCE_APP_',
  'PAGERDUTY_',
  'LOGTAIL_',
  'PROMETHEUS_',
];
/** The suite's own variables (`PORT` exactly, the others by prefix): a test run never inherits them. */
const SUITE_VARIABLE = new RegExp(`^(${SUITE_PREFIXES.join('|')})`);

/** The environment of a test run: no developer .env, no inherited suite variables. */
export function hermeticEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(base)) {
    if (SUITE_VARIABLE.test(key)) delete base[key];
  }
  const env = { ...base, SYNTHETICS_ENV_FILE: 'none', ...extra };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Spawns `node <script> ...args` from the repository root and collects its output. */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 600_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env,
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
