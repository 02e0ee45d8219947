/**
 * Swiss wall-clock time for the seed: its lessons are placed on days relative to Zurich's "today", whatever
 * the server's own time zone.
 */

const ZURICH = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Zurich's wall time of an instant, as `YYYY-MM-DDTHH:MM`. */
export function zurichWallTime(instant: Date = new Date()): string {
  const parts = Object.fromEntries(ZURICH.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Zurich's date of an instant, as `YYYY-MM-DD`. */
export function zurichDate(instant: Date = new Date()): string {
  return zurichWallTime(instant).slice(0, 10);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes since 1970 of a wall time, or null if it is not a real `YYYY-MM-DDTHH:MM` time. */
export function wallTimeToMinutes(value: string): number | null {
  const match = WALL_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return ms / 60_000;
}

/** The wall time `minutes` after 1970, as `YYYY-MM-DDTHH:MM`. */
export function minutesToWallTime(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}

/** The date `days` after a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const minutes = wallTimeToMinutes(`${date}T00:00`);
  if (minutes === null) throw new RangeError(`not a date: ${date}`);
  return minutesToWallTime(minutes + days * 24 * 60).slice(0, 10);
}
