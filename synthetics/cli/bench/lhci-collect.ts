/**
 * The comparison baseline: `lhci collect` as a team would run it in CI, on one URL, into a private temp
 * folder. Its results are read back with the same reader as ours, so both tools are judged alike.
 */
import type { Throttling } from '../../checks/lighthouse/lab-types.ts';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { childEnv } from '../../config/load.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result as LighthouseResult } from 'lighthouse';
import type { Measurement } from '../../checks/lighthouse/lab-types.ts';
import { readLighthouseResult, type ResultVerdict } from '../../checks/lighthouse/read-result.ts';
import { LAB_BLOCKED_URLS } from '../../checks/lighthouse/lab-settings.ts';

/** What one `lhci collect` invocation produced: its wall time and one Measurement per run. */
export interface LhciCollection {
  wallMs: number;
  measurements: Measurement[];
  lighthouseVersion: string | undefined;
}

/** Thrown when `lhci collect` fails as a whole; the message carries the end of its output. */
export class LhciCollectError extends Error {
  override name = 'LhciCollectError';
}

export interface LhciCollectOptions {
  url: string;
  runs: number;
  chromePath: string;
  chromeFlags: readonly string[];
  /** Where lhci's own HTML/JSON reports are kept (its temp folder is deleted). */
  reportDir: string;
  reportName: string;
  timeoutMs?: number;
  throttling: Throttling;
}

/** Runs `lhci collect --url=<url> --numberOfRuns=N` (desktop preset, performance only) and reads its LHRs. */
export async function collectWithLhci(options: LhciCollectOptions): Promise<LhciCollection> {
  const workDir = await mkdtemp(join(tmpdir(), 'viamentor-lhci-'));
  try {
    const cli = createRequire(import.meta.url).resolve('@lhci/cli/src/cli.js');
    const args = [
      cli,
      'collect',
      `--url=${options.url}`,
      `--numberOfRuns=${options.runs}`,
      '--settings.preset=desktop',
      '--settings.onlyCategories=performance',
      `--settings.throttlingMethod=${options.throttling}`,
      // lhci appends --headless=new itself; the rest are the flags our Chrome gets.
      `--settings.chromeFlags=${options.chromeFlags.join(' ')}`,
      // The beacons our runs block (LAB_BLOCKED_URLS): both tools load the same requests.
      ...LAB_BLOCKED_URLS.map((pattern) => `--settings.blockedUrlPatterns=${pattern}`),
    ];
    const started = performance.now();
    const output = await runNode(
      args,
      workDir,
      childEnv({ CHROME_PATH: options.chromePath }),
      options.timeoutMs ?? 300_000,
    );
    const wallMs = Math.round(performance.now() - started);
    const lhciDir = join(workDir, '.lighthouseci');
    const files = await listLhrFiles(lhciDir);
    if (files.length === 0)
      throw new LhciCollectError(`lhci collect wrote no result for ${options.url}:\n${output.slice(-2000)}`);
    await mkdir(options.reportDir, { recursive: true });
    const measurements: Measurement[] = [];
    let lighthouseVersion: string | undefined;
    for (const [index, file] of files.entries()) {
      const lhr = await readLhr(join(lhciDir, file));
      lighthouseVersion ??= lhr.lighthouseVersion;
      const reports = await keepReports(lhciDir, file, options.reportDir, `${options.reportName}-${index + 1}`);
      measurements.push(toMeasurement(readLighthouseResult(lhr, options.url), reports));
    }
    return { wallMs, measurements, lighthouseVersion };
  } finally {
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function listLhrFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((name) => /^lhr-.*\.json$/.test(name)).sort();
}

async function readLhr(file: string): Promise<LighthouseResult> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isLhrLike(parsed)) throw new LhciCollectError(`${file} is not a Lighthouse result`);
  return parsed;
}

async function keepReports(
  lhciDir: string,
  jsonFile: string,
  reportDir: string,
  stem: string,
): Promise<{ html: string; json: string }> {
  const reports = { html: join(reportDir, `${stem}.report.html`), json: join(reportDir, `${stem}.report.json`) };
  await copyFile(join(lhciDir, jsonFile), reports.json);
  await copyFile(join(lhciDir, jsonFile.replace(/\.json$/, '.html')), reports.html).catch(() => undefined);
  return reports;
}

function toMeasurement(verdict: ResultVerdict, reports: { html: string; json: string }): Measurement {
  // lhci does not time single runs; the bench compares whole-invocation wall times instead.
  return verdict.status === 'measured'
    ? { ...verdict, durationMs: 0, reports }
    : { ...verdict, durationMs: 0, reports };
}

function isLhrLike(value: unknown): value is LighthouseResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'audits' in value &&
    'finalDisplayedUrl' in value &&
    'lighthouseVersion' in value
  );
}

function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new LhciCollectError(`lhci collect exited with ${code ?? signal}:\n${output.slice(-2000)}`));
    });
  });
}
