/**
 * Progress of the Lighthouse stage, as text. The stage is the longest part of a run (pages × runs,
 * several seconds each) and prints nothing else while it works: one line per finished run says
 * where it is, how long the last run took and when it should end. Pure; the reporter prints it.
 */

/** Where the stage is after a run has finished. */
export interface LabProgress {
  /** 1-based page being measured, of `pages`. */
  page: number;
  pages: number;
  pageName: string;
  formFactor: string;
  /** 1-based run of this page (all form factors counted), of `runsPerPage`. */
  run: number;
  runsPerPage: number;
  lastRunMs: number;
  /** Durations of every run finished so far in the stage (the ETA's basis). */
  finishedRunsMs: readonly number[];
}

/** The step title a Lighthouse run has (lab.lighthouse.ts) and what it says. */
export const RUN_STEP = /^Lighthouse (\w+) run (\d+)\/(\d+)$/;

/** Runs still to do after `progress`: the rest of this page, then every later page. */
export function remainingRuns(progress: Pick<LabProgress, 'page' | 'pages' | 'run' | 'runsPerPage'>): number {
  const thisPage = Math.max(0, progress.runsPerPage - progress.run);
  return thisPage + Math.max(0, progress.pages - progress.page) * progress.runsPerPage;
}

/** Estimated time left (ms): the mean run so far times the runs left; undefined before the first run. */
export function estimateRemainingMs(progress: LabProgress): number | undefined {
  if (progress.finishedRunsMs.length === 0) return undefined;
  const mean = progress.finishedRunsMs.reduce((sum, ms) => sum + ms, 0) / progress.finishedRunsMs.length;
  return Math.round(mean * remainingRuns(progress));
}

/** `12.3 s`, `1 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** `lighthouse: page 2/4 dashboard · desktop run 3/3 · last run 7.4 s · ETA 46.0 s`. */
export function formatLabProgress(progress: LabProgress): string {
  const eta = estimateRemainingMs(progress);
  return [
    `lighthouse: page ${progress.page}/${progress.pages} ${progress.pageName}`,
    `${progress.formFactor} run ${progress.run}/${progress.runsPerPage}`,
    `last run ${formatDuration(progress.lastRunMs)}`,
    eta === undefined ? 'ETA unknown' : eta === 0 ? 'done' : `ETA ${formatDuration(eta)}`,
  ].join(' · ');
}
