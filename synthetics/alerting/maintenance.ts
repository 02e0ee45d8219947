/**
 * The occurrences of recurring maintenance windows (maintenance.json) as silences: a window is a
 * local time on some weekdays in its time zone (so it follows daylight saving). Pure.
 */
import { WEEKDAYS, type MaintenanceWindow } from '../config/maintenance.ts';
import type { Silence } from './silences.ts';

const DAY_MS = 86_400_000;

/** The zone's offset from UTC at `instant`, in ms (Europe/Zurich in summer: +2 h). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time (y, m, d, hh:mm) in `timeZone`. */
export function zonedInstant(day: { y: number; m: number; d: number }, hhmm: string, timeZone: string): number {
  const [h, min] = hhmm.split(':').map(Number);
  const guess = Date.UTC(day.y, day.m, day.d, h!, min!);
  const first = guess - offsetMs(guess, timeZone);
  return guess - offsetMs(first, timeZone);
}

/** Every occurrence of the windows that overlaps [from, to]. */
export function windowOccurrences(windows: readonly MaintenanceWindow[], from: Date, to: Date): Silence[] {
  const out: Silence[] = [];
  for (const window of windows) {
    for (let t = from.getTime() - 2 * DAY_MS; t <= to.getTime() + DAY_MS; t += DAY_MS) {
      const date = new Date(t);
      const day = { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate() };
      const weekday = WEEKDAYS[(new Date(Date.UTC(day.y, day.m, day.d)).getUTCDay() + 6) % 7]!;
      if (!window.days.includes(weekday)) continue;
      const start = zonedInstant(day, window.start, window.timezone);
      const end = start + window.durationMinutes * 60_000;
      if (end <= from.getTime() || start > to.getTime()) continue;
      const stamp = `${day.y}-${String(day.m + 1).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
      out.push({
        id: `window:${window.name}:${stamp}`,
        reason: window.reason,
        from: new Date(start).toISOString(),
        until: new Date(end).toISOString(),
        source: 'window',
        ...(window.checks ? { checks: window.checks } : {}),
      });
    }
  }
  return out;
}
