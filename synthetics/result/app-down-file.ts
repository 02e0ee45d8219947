/**
 * The early app-down notice between the runner and `npm start`: which uptime checks were confirmed
 * red during the run, before the run's result exists. One file, one shape, read and written here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckStatus } from '../model/run-result.ts';

/** What app-down.json holds: the run and its confirmed-red uptime checks (already redacted). */
export interface AppDownNotice {
  runId: string;
  at: string;
  checks: Array<{ id: string; title: string; status: CheckStatus; error?: string; evidence?: string[] }>;
}

/** Where a run's notice is written: `<report dir>/app-down.json`. */
export function appDownFile(reportDir: string): string {
  return join(reportDir, 'app-down.json');
}

/** The notice, or undefined while there is none (or it is not readable yet). */
export async function readAppDownNotice(path: string): Promise<AppDownNotice | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<AppDownNotice>;
    const usable = Array.isArray(parsed.checks) && parsed.checks.length > 0 && typeof parsed.runId === 'string';
    return usable ? (parsed as AppDownNotice) : undefined;
  } catch {
    return undefined;
  }
}
