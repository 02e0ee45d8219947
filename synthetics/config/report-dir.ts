/**
 * The report folder is the suite's own: created fresh and marked, or already marked (an earlier
 * run's). A non-empty folder without the mark is someone else's — the scrubber rewrites files in
 * place, so it must never be pointed at a user's notes or `.env`: such a folder is refused.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './env.ts';

/** The mark file that says "this folder is a Viamentor Synthetics report folder". */
export const REPORT_DIR_MARK = '.viamentor-synthetics-report';

/** What the suite itself writes in a report folder (a folder of only these predates the mark). */
const OWN_ENTRIES = new Set([
  REPORT_DIR_MARK,
  'summary.json',
  'junit.xml',
  'html',
  'test-results',
  'lighthouse',
  'blob',
  'digest.json',
  'notifications.json',
  'alerting.json',
  'history',
]);

/** True when `dir` carries the suite's mark: only then may its files be rewritten. */
export function isOwnReportDir(dir: string): boolean {
  return existsSync(join(dir, REPORT_DIR_MARK));
}

/** Creates or adopts the report folder; throws `ConfigError` for a foreign, non-empty one. */
export function claimReportDir(dir: string): void {
  if (isOwnReportDir(dir)) return;
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new ConfigError([`SYNTHETICS_REPORT_DIR: ${dir} is a file; use a folder`]);
    if (code !== 'ENOENT') throw new ConfigError([`SYNTHETICS_REPORT_DIR: ${dir} cannot be read (${code})`]);
  }
  const foreign = entries.filter((name) => !OWN_ENTRIES.has(name));
  if (foreign.length > 0) {
    throw new ConfigError([
      `SYNTHETICS_REPORT_DIR: ${dir} already holds files that are not reports (e.g. ${foreign[0]}); ` +
        'use a new or empty folder (the suite rewrites files there to remove secrets)',
    ]);
  }
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, REPORT_DIR_MARK),
      'Report folder of Viamentor Synthetics: its files are rewritten by each run.\n',
    );
  } catch (error) {
    throw new ConfigError([
      `SYNTHETICS_REPORT_DIR: ${dir} cannot be written (${(error as NodeJS.ErrnoException).code})`,
    ]);
  }
}
