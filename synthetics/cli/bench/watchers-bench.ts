/**
 * The cost of the watchers: the core tier (uptime + journeys) with every watcher on (web vitals,
 * axe scans, API timings) versus the same journeys bare, alternating, same target, same settings.
 * Target: watched ≤ 1.15 × bare wall time (medians).
 */
import { childEnv } from '../../config/load.ts';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../../model/numbers.ts';

export const WATCHERS_TARGET_RATIO = 1.15;

/** SUPABASE_URL and SUPABASE_ANON_KEY for a bench's run, when known (a missing one is the run's exit 2). */
export function platformEnv(target: { supabaseUrl?: string; anonKey?: string }): Record<string, string> {
  return {
    ...(target.supabaseUrl ? { SUPABASE_URL: target.supabaseUrl } : {}),
    ...(target.anonKey ? { SUPABASE_ANON_KEY: target.anonKey } : {}),
  };
}

export interface WatchersBenchOptions {
  baseUrl: string;
  email: string;
  password: string;
  /** The target's Supabase origin and anon key (the bundled app prints its own). */
  supabaseUrl?: string;
  anonKey?: string;
  runs: number;
  log?: (line: string) => void;
}

export interface WatchersBench {
  bareMs: number[];
  watchedMs: number[];
  bareMedianMs: number;
  watchedMedianMs: number;
  ratio: number;
  met: boolean;
}

/** One core-tier run of the whole suite; resolves to its wall time, or fails when it did not pass. */
async function timeCoreRun(options: WatchersBenchOptions, watchers: boolean): Promise<number> {
  const reportDir = await mkdtemp(join(tmpdir(), 'viamentor-bench-'));
  const env = childEnv({
    ...platformEnv(options),
    BASE_URL: options.baseUrl,
    SYNTHETIC_EMAIL: options.email,
    SYNTHETIC_PASSWORD: options.password,
    SYNTHETICS_REPORT_DIR: reportDir,
    SYNTHETICS_WATCHERS: watchers ? 'on' : 'off',
    SYNTHETICS_ENV_FILE: 'none',
  });
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, ['synthetics/cli/run.ts', '--tier', 'core'], { env, stdio: 'ignore' }).on('exit', resolve);
  });
  if (code !== 0)
    throw new Error(
      `a ${watchers ? 'watched' : 'bare'} core run did not pass (exit ${code}); see ${reportDir}/summary.json`,
    );
  return Math.round(performance.now() - started);
}

/** Alternates bare and watched runs `runs` times each and compares their medians. */
export async function benchWatchers(options: WatchersBenchOptions): Promise<WatchersBench> {
  const bareMs: number[] = [];
  const watchedMs: number[] = [];
  for (let run = 1; run <= options.runs; run += 1) {
    bareMs.push(await timeCoreRun(options, false));
    options.log?.(`bare run ${run}: ${bareMs.at(-1)} ms`);
    watchedMs.push(await timeCoreRun(options, true));
    options.log?.(`watched run ${run}: ${watchedMs.at(-1)} ms`);
  }
  const bareMedianMs = median(bareMs)!;
  const watchedMedianMs = median(watchedMs)!;
  const ratio = watchedMedianMs / bareMedianMs;
  return { bareMs, watchedMs, bareMedianMs, watchedMedianMs, ratio, met: ratio <= WATCHERS_TARGET_RATIO };
}

/** The console lines of the watchers half. */
export function formatWatchersBench(bench: WatchersBench): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    'Journeys (core tier) with every watcher vs bare, alternating',
    `  bare:    median ${s(bench.bareMedianMs)}  runs ${bench.bareMs.map(s).join(', ')}`,
    `  watched: median ${s(bench.watchedMedianMs)}  runs ${bench.watchedMs.map(s).join(', ')}`,
    `  ratio ${bench.ratio.toFixed(2)}x — target ` +
      `watched <= ${WATCHERS_TARGET_RATIO}x bare: ${bench.met ? 'MET' : 'NOT MET'}`,
  ];
}
