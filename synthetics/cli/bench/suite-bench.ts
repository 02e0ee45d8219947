/**
 * The suite's own wall times: the core tier (every 15 minutes) and the full run (tier `all`), each
 * next to its parts — Playwright's run, the uptime checks, the journeys and the Lighthouse stage as
 * summary.json records them (checks' own durations; parts overlap when several workers run them).
 * Targets from issue 13 (idle machine): core ≤ 20 s, full ≤ 60 s.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv } from '../../config/load.ts';
import type { RunSummary } from '../../model/run-result.ts';
import { platformEnv } from './watchers-bench.ts';

/** Wall-time targets of the two runs (ms). */
export const SUITE_TARGETS_MS = { core: 20_000, all: 60_000 } as const;

/** One timed run of `npm start -- --tier <tier>`. */
export interface TimedRun {
  tier: 'core' | 'all';
  wallMs: number;
  exitCode: number | null;
  /** Sum of the checks' durations by kind (`uptime`, `journey`), and the runner's own duration. */
  parts: Record<string, number>;
  targetMs: number;
}

/** Pure: per-kind duration sums from a run's summary (budget checks carry no duration of their own). */
export function partsOf(summary: Pick<RunSummary, 'durationMs' | 'checks'> | undefined): Record<string, number> {
  if (!summary) return {};
  const parts: Record<string, number> = { runner: summary.durationMs };
  for (const check of summary.checks) {
    if (check.kind !== 'uptime' && check.kind !== 'journey') continue;
    parts[check.kind] = (parts[check.kind] ?? 0) + check.durationMs;
  }
  return parts;
}

/** Runs one tier against `baseUrl` into a private report folder and history (a dry run: no webhook). */
export async function timeTier(
  tier: TimedRun['tier'],
  target: { baseUrl: string; email: string; password: string; supabaseUrl?: string; anonKey?: string },
): Promise<TimedRun> {
  const reportDir = await mkdtemp(join(tmpdir(), `viamentor-bench-${tier}-`));
  const env = childEnv({
    ...platformEnv(target),
    BASE_URL: target.baseUrl,
    SYNTHETIC_EMAIL: target.email,
    SYNTHETIC_PASSWORD: target.password,
    SYNTHETICS_REPORT_DIR: reportDir,
    HISTORY_PATH: join(reportDir, 'history'),
    SYNTHETICS_ENV_FILE: 'none',
  });
  for (const name of Object.keys(env)) if (/^(SLACK_WEBHOOK_URL|HEARTBEAT_URL)/.test(name)) delete env[name];
  const started = performance.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, ['synthetics/cli/run.ts', '--tier', tier], { env, stdio: 'ignore' }).on('exit', resolve);
  });
  const wallMs = Math.round(performance.now() - started);
  const summary = await readFile(join(reportDir, 'summary.json'), 'utf8').then(
    (text) => JSON.parse(text) as RunSummary,
    () => undefined,
  );
  const parts = partsOf(summary);
  if (tier === 'all' && parts.runner !== undefined)
    parts.lighthouse = Math.max(0, parts.runner - (parts.uptime ?? 0) - (parts.journey ?? 0));
  return { tier, wallMs, exitCode, parts, targetMs: SUITE_TARGETS_MS[tier] };
}

/** The console lines of the suite half. */
export function formatSuiteBench(runs: readonly TimedRun[]): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    'Suite wall time (npm start against the same target)',
    ...runs.map((run) => {
      const parts = Object.entries(run.parts)
        .map(([name, ms]) => `${name} ${s(ms)}`)
        .join(', ');
      // A run that did not complete (exit 2: configuration; no summary) measured nothing.
      const completed = (run.exitCode === 0 || run.exitCode === 1) && Object.keys(run.parts).length > 0;
      const verdict = !completed
        ? 'NOT MEASURED (the run did not complete)'
        : run.wallMs <= run.targetMs
          ? 'MET'
          : 'NOT MET';
      const target = `target <= ${s(run.targetMs)}: ${verdict}`;
      const wall = `${run.tier.padEnd(5)} ${s(run.wallMs).padStart(8)}  exit ${run.exitCode}`;
      return `  ${wall}  ${target}  (parts: ${parts || 'no summary'})`;
    }),
  ];
}

/**
 * Pure: whether the machine was busy while a figure was measured — a 1-minute load average above
 * half the CPUs at the start or the end. Such ratios and times are reported, flagged, not trusted.
 */
export function measuredUnderLoad(loadStart: number, loadEnd: number, cpus: number): boolean {
  return Math.max(loadStart, loadEnd) > cpus / 2;
}
