/** The console form of the Lighthouse bench: one table per page, then each target and whether it is met. */
import type { LabMetrics } from '../../checks/lighthouse/lab-types.ts';
import type { MetricComparison } from './bench-stats.ts';
import type { LighthouseBench } from './lighthouse-bench.ts';

const UNITS: Record<keyof LabMetrics, (value: number) => string> = {
  lcp: ms,
  fcp: ms,
  ttfb: ms,
  tbt: ms,
  cls: (value) => value.toFixed(3),
  transferBytes: (value) => `${(value / 1024).toFixed(1)} KiB`,
  requests: (value) => value.toFixed(value % 1 === 0 ? 0 : 1),
};

/** Lines to print, failures of targets spelled out with the page and metric that missed. */
export function formatLighthouseBench(bench: LighthouseBench): string[] {
  const { settings, wall, targets } = bench;
  const lines = [
    `Lighthouse bench: desktop, performance only, ${settings.runs} run(s) per page per tool, ` +
      `Chromium ${settings.chromePath}`,
    `  ours: lighthouse ${settings.versions.lighthouse ?? '?'} node API, fresh Chrome per run (measurePage)`,
    `  lhci: @lhci/cli ${settings.versions.lhciCli ?? '?'} collect (bundled ` +
      `lighthouse ${settings.versions.lhciLighthouse ?? '?'})`,
    `  machine: ${bench.machine.cpus} CPU(s), ` +
      `1-min load average ${bench.machine.loadBefore.toFixed(2)} before, ${bench.machine.loadAfter.toFixed(2)} after`,
    '',
    `Wall time           ${pad('ours', 10)}${pad('lhci', 10)}${pad('ours/lhci', 11)}`,
    ...bench.pages.map(
      (page) =>
        `  ${page.path.padEnd(18)}${pad(seconds(page.ours.wallMs), 10)}${pad(seconds(page.lhci.wallMs), 10)}` +
        pad(ratio(page.ours.wallMs / page.lhci.wallMs), 11),
    ),
    `  ${'total'.padEnd(18)}${pad(seconds(wall.oursMs), 10)}` +
      `${pad(seconds(wall.lhciMs), 10)}${pad(ratio(wall.ratio), 11)}`,
  ];
  for (const page of bench.pages) {
    lines.push('', `${page.url}  (median of measured runs; CV = run-to-run coefficient of variation)`);
    lines.push(
      `  ${'metric'.padEnd(14)}${pad('ours', 12)}${pad('lhci', 12)}${pad('diff', 10)}` +
        `${pad('CV ours', 9)}${pad('CV lhci', 9)}`,
    );
    lines.push(...page.metrics.map(formatRow));
    const failures = [
      ...page.ours.runs.failures.map((f) => `ours ${f}`),
      ...page.lhci.runs.failures.map((f) => `lhci ${f}`),
    ];
    lines.push(...failures.map((failure) => `  failed run: ${failure}`));
    if (page.lhci.error) lines.push(`  lhci collect failed: ${page.lhci.error.split('\n')[0] ?? ''}`);
  }
  lines.push(
    '',
    'Targets',
    `  wall time ours <= ${targets.wallRatio.target}x lhci: ${verdict(targets.wallRatio.met)} (${ratio(wall.ratio)})`,
    `  medians within +/-${targets.medians.targetPercent} %: ` +
      `${verdict(targets.medians.met)}${misses(medianMisses(bench))}`,
    `  run-to-run CV ours no worse than lhci: ${verdict(targets.variation.met)}${misses(targets.variation.misses)}`,
  );
  return lines;
}

/** Each missed median with both values, so a 1 ms vs 3 ms "miss" reads as the noise it is. */
function medianMisses(bench: LighthouseBench): string[] {
  return bench.pages.flatMap((page) =>
    page.metrics
      .filter((row) => row.medianWithinTarget !== true)
      .map((row) => {
        const value = (v: number | undefined) => (v === undefined ? '-' : UNITS[row.metric](v));
        return `${page.path} ${row.metric} ${value(row.oursMedian)} vs ${value(row.lhciMedian)}`;
      }),
  );
}

function formatRow(row: MetricComparison): string {
  const unit = UNITS[row.metric];
  const value = (v: number | undefined) => (v === undefined ? '-' : unit(v));
  const diff =
    row.diffPercent === undefined ? 'n/a' : `${row.diffPercent >= 0 ? '+' : ''}${row.diffPercent.toFixed(1)} %`;
  const flag = row.medianWithinTarget === true ? ' ' : '!';
  const medians = `${pad(value(row.oursMedian), 12)}${pad(value(row.lhciMedian), 12)}${pad(diff, 9)}${flag}`;
  return `  ${row.metric.padEnd(14)}${medians}${pad(percent(row.oursCv), 9)}${pad(percent(row.lhciCv), 9)}`;
}

function ms(value: number): string {
  return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
}

function seconds(valueMs: number): string {
  return `${(valueMs / 1000).toFixed(1)} s`;
}

function ratio(value: number): string {
  return `${value.toFixed(2)}x`;
}

function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${(value * 100).toFixed(1)} %`;
}

function pad(text: string, width: number): string {
  return text.padStart(width);
}

function verdict(met: boolean): string {
  return met ? 'MET' : 'NOT MET';
}

function misses(list: readonly string[]): string {
  return list.length === 0 ? '' : ` (missed: ${list.join(', ')})`;
}
