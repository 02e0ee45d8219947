/**
 * Every path the suite writes or deletes is derived from a validated input: the run id (a fixed
 * form, never a path), the report folder (never the root, home or the repository itself), the
 * history (a folder or a `.jsonl` file of the right kind) and a private session folder (mkdtemp, 0700).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** The documented run id form, `YYYYMMDD-HHMMSS-hhhh`: safe as a path segment and as a record tag. */
export const RUN_ID_FORM = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

const SESSION_PREFIX = 'viamentor-session-';

/** A problem with SYNTHETICS_RUN_ID, or undefined (unset: one is generated). */
export function checkRunId(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || RUN_ID_FORM.test(value)) return undefined;
  return 'SYNTHETICS_RUN_ID: must have the form YYYYMMDD-HHMMSS-hhhh (e.g. 20261130-014500-0a1f); unset it to get one';
}

/** A problem with SYNTHETICS_REPORT_DIR's value: folders the suite must never fill or scrub. */
export function checkReportDirValue(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const dir = resolve(value.trim());
  const forbidden = new Set([resolve('/'), resolve(process.cwd()), resolve(homedir()), resolve(tmpdir())]);
  if (value.includes('\0') || forbidden.has(dir)) {
    return (
      'SYNTHETICS_REPORT_DIR: must be a folder of its own (e.g. reports/latest), not the root, home, /tmp or the ' +
      'repository'
    );
  }
  return undefined;
}

function kindOf(path: string): 'file' | 'dir' | 'other' | 'missing' {
  try {
    const info = statSync(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/** A problem with HISTORY_PATH: a `.jsonl` must be a file (or absent), anything else a folder (or absent). */
export function checkHistoryPath(value: string | undefined): string | undefined {
  const path = value?.trim();
  if (!path) return undefined;
  const kind = kindOf(path);
  if (path.endsWith('.jsonl')) {
    if (kind === 'file' || kind === 'missing')
      return kindOf(dirname(path)) === 'file' ? notAFolder('its folder') : undefined;
    return 'HISTORY_PATH: ends in .jsonl but is not a file; point it at the history file or at a folder';
  }
  if (kind === 'dir' || kind === 'missing') return undefined;
  return notAFolder('it');

  function notAFolder(what: string): string {
    return `HISTORY_PATH: ${what} is a file, not a folder; use a folder (e.g. reports/history) or a .jsonl file`;
  }
}

/** True for a folder this suite made with `createSessionDir` (so it may delete it). */
function isSessionDir(path: string | undefined): path is string {
  return Boolean(path) && dirname(path!) === tmpdir() && basename(path!).startsWith(SESSION_PREFIX);
}

/**
 * The private folder of this run's session (created once, 0700, by the first process that asks;
 * its workers inherit it through SYNTHETICS_SESSION_DIR in `env`). Returns whether this call created it.
 * An inherited folder that is gone stays gone: the run that made it is ending (stopped, its folder
 * removed), and a worker still starting or tearing down must not make a new one that nothing removes.
 */
export function openSessionDir(env: Record<string, string | undefined>): { dir: string; created: boolean } {
  const inherited = env.SYNTHETICS_SESSION_DIR;
  if (isSessionDir(inherited) && kindOf(inherited) !== 'file') return { dir: inherited, created: false };
  const dir = mkdtempSync(join(tmpdir(), SESSION_PREFIX), {});
  env.SYNTHETICS_SESSION_DIR = dir;
  return { dir, created: true };
}

/** Deletes the session folder (only one this suite created); never throws. */
export function closeSessionDir(env: Record<string, string | undefined>): void {
  const dir = env.SYNTHETICS_SESSION_DIR;
  if (isSessionDir(dir)) rmSync(dir, { recursive: true, force: true });
}

/** Playwright storage state of the synthetic user's session in the run's session folder. */
export function storageStateIn(sessionDir: string): string {
  return join(sessionDir, 'storage-state.json');
}
