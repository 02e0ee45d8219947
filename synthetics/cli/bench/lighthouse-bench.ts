/**
 * The Lighthouse half of `npm run bench`: our lab stage against `lhci collect`, on the same pages,
 * Chromium, settings and number of runs, alternating the tools page by page so that a machine getting
 * busier or calmer during the bench affects both alike. Returns plain numbers; the CLI prints them.
 */
import type { Throttling } from '../../checks/lighthouse/lab-types.ts';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { aggregateRuns, type AggregatedRuns } from '../../checks/lighthouse/aggregate.ts';
import { measurePage } from '../../checks/lighthouse/measure.ts';
import { type Measurement } from '../../checks/lighthouse/lab-types.ts';
import {
  BENCH_TARGETS,
  compareMetrics,
  judgeMetricTarget,
  type MetricComparison,
  type TargetVerdict,
} from './bench-stats.ts';
import { collectWithLhci } from './lhci-collect.ts';

export interface LighthouseBenchOptions {
  baseUrl: string;
  /** Page paths, e.g. ['/', '/login']. */
  paths: readonly string[];
  runs: number;
  /** The same throttling method for both tools (the suite's default: provided). */
  throttling: Throttling;
  chromePath: string;
  chromeFlags: readonly string[];
  /** Reports of every run of both tools go under `<reportDir>/ours|lhci/`. */
  reportDir: string;
  /** Progress lines (a bench takes minutes); silent by default. */
  log?: (line: string) => void;
}

/** One tool on one page: the wall time of its N runs and their aggregate (`error`: the tool failed as a whole). */
export interface ToolRuns {
  wallMs: number;
  runs: AggregatedRuns;
  /** Wall time of each run, when the tool reports it (ours does; lhci only times the whole invocation). */
  runDurationsMs?: number[];
  error?: string;
}

export interface PageBench {
  path: string;
  url: string;
  ours: ToolRuns;
  lhci: ToolRuns;
  metrics: MetricComparison[];
}

/** Everything the bench found, as written to reports/bench/lighthouse.json. */
export interface LighthouseBench {
  settings: {
    formFactor: 'desktop';
    categories: ['performance'];
    runs: number;
    chromePath: string;
    chromeFlags: readonly string[];
    versions: Record<string, string | undefined>;
  };
  /** Lab numbers depend on what else runs: CPUs and the 1-minute load average before and after. */
  machine: { cpus: number; loadBefore: number; loadAfter: number };
  pages: PageBench[];
  wall: { oursMs: number; lhciMs: number; ratio: number };
  targets: {
    wallRatio: TargetVerdict & { target: number };
    medians: TargetVerdict & { targetPercent: number };
    variation: TargetVerdict;
  };
}

/** Runs both tools on every page and compares them; a tool failing on a page is recorded, not thrown. */
export async function benchLighthouse(options: LighthouseBenchOptions): Promise<LighthouseBench> {
  const log = options.log ?? (() => undefined);
  const pages: PageBench[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  let lhciLighthouse: string | undefined;
  for (const path of options.paths) {
    const url = new URL(path, options.baseUrl).href;
    const stem = reportStem(path);
    log(`ours: ${options.runs} run(s) of ${url}`);
    const ours = await runOurs(url, stem, options);
    logTool(log, ours);
    log(`lhci collect: ${options.runs} run(s) of ${url}`);
    const lhci = await runLhci(url, stem, options);
    lhciLighthouse ??= lhci.lighthouseVersion;
    logTool(log, lhci);
    pages.push({ path, url, ours, lhci, metrics: compareMetrics(ours.runs, lhci.runs) });
  }
  const oursMs = sum(pages.map((page) => page.ours.wallMs));
  const lhciMs = sum(pages.map((page) => page.lhci.wallMs));
  const ratio = lhciMs > 0 ? oursMs / lhciMs : Number.POSITIVE_INFINITY;
  return {
    settings: {
      formFactor: 'desktop',
      categories: ['performance'],
      runs: options.runs,
      chromePath: options.chromePath,
      chromeFlags: options.chromeFlags,
      versions: { lighthouse: packageVersion('lighthouse'), lhciCli: packageVersion('@lhci/cli'), lhciLighthouse },
    },
    machine: { cpus: availableParallelism(), loadBefore, loadAfter: loadavg()[0] ?? 0 },
    pages,
    wall: { oursMs, lhciMs, ratio },
    targets: {
      wallRatio: {
        target: BENCH_TARGETS.maxWallRatio,
        met: ratio <= BENCH_TARGETS.maxWallRatio,
        misses: ratio <= BENCH_TARGETS.maxWallRatio ? [] : [`ratio ${ratio.toFixed(2)}`],
      },
      medians: { targetPercent: BENCH_TARGETS.maxMedianDiffPercent, ...judgeMetricTarget(pages, 'medianWithinTarget') },
      variation: judgeMetricTarget(pages, 'cvNoWorse'),
    },
  };
}

async function runOurs(url: string, stem: string, options: LighthouseBenchOptions): Promise<ToolRuns> {
  const measurements: Measurement[] = [];
  const started = performance.now();
  for (let run = 1; run <= options.runs; run += 1) {
    measurements.push(
      await measurePage({
        url,
        formFactor: 'desktop',
        chromePath: options.chromePath,
        chromeFlags: options.chromeFlags,
        reportDir: join(options.reportDir, 'ours'),
        reportName: `${stem}-${run}`,
        throttling: options.throttling,
      }),
    );
  }
  return {
    wallMs: Math.round(performance.now() - started),
    runs: aggregateRuns(measurements),
    runDurationsMs: measurements.map((run) => run.durationMs),
  };
}

async function runLhci(
  url: string,
  stem: string,
  options: LighthouseBenchOptions,
): Promise<ToolRuns & { lighthouseVersion?: string }> {
  const started = performance.now();
  try {
    const collected = await collectWithLhci({
      ...options,
      url,
      reportDir: join(options.reportDir, 'lhci'),
      reportName: stem,
    });
    return {
      wallMs: collected.wallMs,
      runs: aggregateRuns(collected.measurements),
      lighthouseVersion: collected.lighthouseVersion,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { wallMs: Math.round(performance.now() - started), runs: aggregateRuns([]), error: message };
  }
}

function logTool(log: (line: string) => void, tool: ToolRuns): void {
  const each = tool.runDurationsMs ? `; runs ${tool.runDurationsMs.join(', ')} ms` : '';
  log(`  ${tool.wallMs} ms (${tool.runs.measured} measured, ${tool.runs.failed} failed${each})`);
  for (const failure of tool.runs.failures) log(`  failed run: ${failure}`);
  if (tool.error) log(`  tool failed: ${tool.error.split('\n').slice(0, 3).join(' | ')}`);
}

/** `/` → `home`, `/students/new` → `students-new`. */
function reportStem(path: string): string {
  return path.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9]+/g, '-') || 'home';
}

function packageVersion(name: string): string | undefined {
  try {
    const manifest: unknown = createRequire(import.meta.url)(`${name}/package.json`);
    return typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? String(manifest.version)
      : undefined;
  } catch {
    return undefined;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
