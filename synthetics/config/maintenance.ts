/**
 * `maintenance.json` (optional; SYNTHETICS_MAINTENANCE overrides the path): recurring maintenance
 * windows, during which alerts are held back like a silence. Validated strictly like budgets.json —
 * every problem at once, with its JSON path and the allowed values.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { jsonPath } from './json-path.ts';
import { ConfigError } from './env.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const windowSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes (it names the silence)' }),
  reason: z.string().min(1, { message: 'say what the maintenance is (shown in the digest)' }),
  days: z
    .array(z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(', ')}` }))
    .min(1, { message: 'list at least one day' }),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a local time HH:MM, e.g. 02:00' }),
  durationMinutes: z
    .int({ message: 'must be a whole number of minutes' })
    .min(1, { message: 'must be at least 1 minute' })
    .max(1440, { message: 'must be at most 1440 (24 h)' }),
  timezone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Zurich' })
    .default('Europe/Zurich'),
  checks: z.string().min(1).optional(),
});

export const maintenanceSchema = z.strictObject({
  $schema: z.string().optional(),
  windows: z.array(windowSchema).default([]),
});

export type MaintenanceConfig = z.infer<typeof maintenanceSchema>;
export type MaintenanceWindow = MaintenanceConfig['windows'][number];

/** Names used twice (checked on the raw input, so reported along with every other problem). */
function duplicateNames(raw: unknown): string[] {
  const windows = (raw as { windows?: unknown })?.windows;
  if (!Array.isArray(windows)) return [];
  const seen = new Set<string>();
  return windows.flatMap((entry: unknown, index) => {
    const name = (entry as { name?: unknown })?.name;
    if (typeof name !== 'string') return [];
    const twice = seen.has(name);
    seen.add(name);
    return twice ? [`windows[${index}].name: "${name}" is used twice; names must be unique`] : [];
  });
}

/** Validates parsed JSON; throws `ConfigError` listing every problem with its path. */
export function parseMaintenance(raw: unknown, file = 'maintenance.json'): MaintenanceConfig {
  const parsed = maintenanceSchema.safeParse(raw);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`),
    ...duplicateNames(raw),
  ];
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(problems.map((problem) => `${file}: ${problem}`));
}

/** Reads the windows; no file means no windows. Bad JSON or a bad window is a `ConfigError`. */
export function loadMaintenanceSync(file = 'maintenance.json'): MaintenanceConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { windows: [] };
    throw new ConfigError([`${file}: cannot be read (${(error as Error).message})`]);
  }
  try {
    return parseMaintenance(JSON.parse(text), file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${file}: not valid JSON (${(error as Error).message})`]);
  }
}
