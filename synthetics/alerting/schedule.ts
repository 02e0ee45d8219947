/**
 * Missed schedules: GitHub's cron is known to skip or delay runs, and a monitor that silently stops
 * monitoring is worse than none. A gap longer than twice the expected interval between two
 * scheduled runs is a missed schedule. Pure.
 */
import type { RunRecord } from './run-record.ts';

export interface ScheduleCheck {
  expectedIntervalMinutes: number;
  previousRunAt?: string;
  gapMinutes?: number;
  missed: boolean;
  /** Runs that should have happened in the gap. */
  missedRuns: number;
}

export interface ScheduleGap {
  from: string;
  to: string;
  gapMinutes: number;
  missedRuns: number;
}

function gapOf(
  fromMs: number,
  toMs: number,
  intervalMinutes: number,
): { gapMinutes: number; missed: boolean; missedRuns: number } {
  const gapMinutes = Math.round(((toMs - fromMs) / 60_000) * 10) / 10;
  const missed = gapMinutes > 2 * intervalMinutes;
  return { gapMinutes, missed, missedRuns: missed ? Math.max(1, Math.round(gapMinutes / intervalMinutes) - 1) : 0 };
}

/** This run against the previous scheduled run of the same target. */
export function checkSchedule(previousRunAt: string | undefined, now: Date, intervalMinutes: number): ScheduleCheck {
  if (!previousRunAt) return { expectedIntervalMinutes: intervalMinutes, missed: false, missedRuns: 0 };
  return {
    expectedIntervalMinutes: intervalMinutes,
    previousRunAt,
    ...gapOf(Date.parse(previousRunAt), now.getTime(), intervalMinutes),
  };
}

/** Every missed-schedule gap between consecutive runs (oldest first) recorded after `since`. */
export function findScheduleGaps(runs: readonly RunRecord[], since: Date, intervalMinutes: number): ScheduleGap[] {
  const gaps: ScheduleGap[] = [];
  for (let index = 1; index < runs.length; index += 1) {
    const from = runs[index - 1]!.recordedAt;
    const to = runs[index]!.recordedAt;
    if (Date.parse(to) < since.getTime()) continue;
    const gap = gapOf(Date.parse(from), Date.parse(to), intervalMinutes);
    if (gap.missed) gaps.push({ from, to, gapMinutes: gap.gapMinutes, missedRuns: gap.missedRuns });
  }
  return gaps;
}
