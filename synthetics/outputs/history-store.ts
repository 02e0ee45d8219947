/**
 * The run history (JSON lines, one run per line) and the alerting state beside it. Every change
 * happens under a lock file and lands atomically (a line appended with O_APPEND, or a whole file
 * written aside and renamed), so overlapping runs never interleave. Retention: 90 days. A corrupt
 * or truncated history is reported, its original kept aside, its readable lines kept — and the
 * current run is recorded whatever happened before it. No writer proceeds without the lock: a run
 * that cannot get it leaves its record in a pending file of its own, which the next run adopts.
 */
import { appendFile, copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { emptyState, type AlertState } from '../alerting/alert-state.ts';
import { runRecordSchema, type RunRecord } from '../alerting/run-record.ts';
import { parseAlertState } from './alert-state-file.ts';
import { LockTimeoutError, withFileLock, type LockOptions } from './file-lock.ts';

export const DEFAULT_HISTORY_DIR = join('reports', 'history');
export const RETENTION_DAYS = 90;

export interface HistoryPaths {
  runs: string;
  state: string;
  lock: string;
}

/** HISTORY_PATH is a folder (default `reports/history`), or the history file itself when it ends in `.jsonl`. */
export function historyPaths(historyPath: string | undefined): HistoryPaths {
  const path = historyPath ?? DEFAULT_HISTORY_DIR;
  if (path.endsWith('.jsonl')) {
    const stem = join(dirname(path), basename(path, '.jsonl'));
    return { runs: path, state: `${stem}.incidents.json`, lock: `${path}.lock` };
  }
  return { runs: join(path, 'runs.jsonl'), state: join(path, 'incidents.json'), lock: join(path, '.lock') };
}

/** Writes a file aside, then renames it over the target: readers see the old or the new, never half. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(aside, text);
  await rename(aside, path);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

interface RunsRead {
  records: RunRecord[];
  warnings: string[];
  /** The file must be rewritten (corrupt lines, expired runs, a missing final newline). */
  rewrite: boolean;
}

/** Reads the history: readable runs within retention, oldest first; corruption reported, original kept aside. */
export async function readRuns(
  paths: HistoryPaths,
  now: Date,
  options: { retentionDays?: number; saveCorrupt?: boolean } = {},
): Promise<RunsRead> {
  const retentionDays = options.retentionDays ?? RETENTION_DAYS;
  const text = await readText(paths.runs);
  if (!text) return { records: [], warnings: [], rewrite: false };
  const bad: string[] = [];
  const records: RunRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(runRecordSchema.parse(JSON.parse(line)));
    } catch (error) {
      const why = error instanceof SyntaxError ? error.message : 'not a run record';
      bad.push(`line ${index + 1}: ${why.slice(0, 80)}`);
    }
  });
  const oldest = now.getTime() - retentionDays * 86_400_000;
  const kept = records
    .filter((record) => Date.parse(record.recordedAt) >= oldest)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const warnings: string[] = [];
  if (bad.length) {
    const skipped =
      `history ${paths.runs}: ${bad.length} unreadable line(s) ` +
      `skipped (${bad.slice(0, 3).join('; ')}); ${kept.length} run(s) kept`;
    if (options.saveCorrupt === false) warnings.push(skipped);
    else {
      const aside = `${paths.runs}.corrupt-${stamp(now)}`;
      await copyFile(paths.runs, aside);
      warnings.push(`${skipped}, the original saved as ${aside}; this run is recorded`);
    }
  }
  return { records: kept, warnings, rewrite: bad.length > 0 || kept.length < records.length || !text.endsWith('\n') };
}

/** Reads the alerting state; an unreadable one is reported, saved aside and replaced by an empty state. */
export async function readState(paths: HistoryPaths, now: Date): Promise<{ state: AlertState; warnings: string[] }> {
  const text = await readText(paths.state);
  if (text === undefined) return { state: emptyState(), warnings: [] };
  try {
    return { state: parseAlertState(text), warnings: [] };
  } catch (error) {
    const aside = `${paths.state}.corrupt-${stamp(now)}`;
    await copyFile(paths.state, aside);
    return {
      state: emptyState(),
      warnings: [
        `incident state ${paths.state} unreadable (${(error as Error).message.slice(0, 120)}): started afresh — ` +
          `incidents still red open again; the original saved as ${aside}`,
      ],
    };
  }
}

/** The history could not be locked: this run's record waits in a pending file for the next run. */
export class HistoryLockedError extends Error {
  override name = 'HistoryLockedError';
}

function pendingPrefix(paths: HistoryPaths): string {
  return `${basename(paths.runs)}.pending-`;
}

/** Records left by runs that could not get the lock (and the files to delete once they are written). */
async function readPending(paths: HistoryPaths): Promise<{ records: RunRecord[]; files: string[] }> {
  const dir = dirname(paths.runs);
  const files = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.startsWith(pendingPrefix(paths)))
    .map((name) => join(dir, name));
  const records: RunRecord[] = [];
  for (const file of files) {
    const parsed = runRecordSchema.safeParse(JSON.parse((await readText(file)) ?? 'null'));
    if (parsed.success) records.push(parsed.data);
  }
  return { records: records.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)), files };
}

/** Keeps the record aside (a file of its own, no lock needed) and says where. */
async function keepPending(paths: HistoryPaths, record: RunRecord, why: string): Promise<never> {
  const file = join(dirname(paths.runs), `${pendingPrefix(paths)}${record.runId}-${randomBytes(3).toString('hex')}`);
  await writeFileAtomic(file, `${JSON.stringify(record)}\n`);
  throw new HistoryLockedError(`${why}: not recorded now — kept in ${file}, recorded by the next run`);
}

export interface RecordedRun<T> {
  result: T;
  /** Every run in the history, this one included. */
  records: RunRecord[];
  warnings: string[];
}

/**
 * Appends `record` and replaces the state by what `decide` makes of the history before it — one
 * locked transaction. `decide` sees the earlier runs (oldest first) and the current state.
 */
export async function recordRun<T>(
  paths: HistoryPaths,
  record: RunRecord,
  now: Date,
  decide: (earlier: readonly RunRecord[], state: AlertState) => { state: AlertState; result: T },
  lock?: LockOptions,
): Promise<RecordedRun<T>> {
  const warnings: string[] = [];
  await mkdir(dirname(paths.lock), { recursive: true });
  try {
    return await withFileLock(
      paths.lock,
      async () => {
        const runs = await readRuns(paths, now);
        const pending = await readPending(paths);
        const current = await readState(paths, now);
        warnings.push(...runs.warnings, ...current.warnings);
        const earlier = [...runs.records, ...pending.records];
        const records = [...earlier, record];
        const write = async () => {
          if (runs.rewrite)
            await writeFileAtomic(paths.runs, records.map((run) => `${JSON.stringify(run)}\n`).join(''));
          else
            await appendFile(
              paths.runs,
              [...pending.records, record].map((run) => `${JSON.stringify(run)}\n`).join(''),
            );
          for (const file of pending.files) await rm(file, { force: true });
        };
        let decided: { state: AlertState; result: T };
        try {
          decided = decide(earlier, current.state);
        } catch (error) {
          await write(); // the run is recorded even if deciding about it failed
          throw error;
        }
        await write();
        await writeFileAtomic(paths.state, `${JSON.stringify(decided.state, null, 1)}\n`);
        return { result: decided.result, records, warnings };
      },
      lock,
    );
  } catch (error) {
    if (error instanceof LockTimeoutError) return keepPending(paths, record, error.message);
    throw error;
  }
}

/** Changes the state alone (after delivery), under the same lock. */
export async function updateState(
  paths: HistoryPaths,
  now: Date,
  change: (state: AlertState) => AlertState,
  lock?: LockOptions,
): Promise<string[]> {
  const warnings: string[] = [];
  await mkdir(dirname(paths.lock), { recursive: true });
  try {
    await withFileLock(
      paths.lock,
      async () => {
        const current = await readState(paths, now);
        warnings.push(...current.warnings);
        await writeFileAtomic(paths.state, `${JSON.stringify(change(current.state), null, 1)}\n`);
      },
      lock,
    );
  } catch (error) {
    if (!(error instanceof LockTimeoutError)) throw error;
    // At-least-once: the messages stay claimed until their lease ends, then are sent again.
    warnings.push(`${error.message}: the delivery state was not updated; delivered messages may be sent again`);
  }
  return warnings;
}

/** Reads history and state without changing them (digest, SLO report). */
export async function loadHistory(
  paths: HistoryPaths,
  now: Date,
): Promise<{ records: RunRecord[]; state: AlertState; warnings: string[] }> {
  const runs = await readRuns(paths, now, { saveCorrupt: false });
  const current = await readState(paths, now);
  return { records: runs.records, state: current.state, warnings: [...runs.warnings, ...current.warnings] };
}
