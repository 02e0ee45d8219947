/**
 * A lock file for the history: two runs that overlap (a slow scheduled run and the next one, or a
 * gate run) take turns to read-modify-write it. Created with O_EXCL and owned: it names its holder,
 * and only that holder removes it. A lock left by a crashed run (older than `staleMs`, or whose
 * process on this machine is gone) is taken over by exactly one waiter: it is renamed aside first
 * (one rename wins) and put back if what was moved turns out to be a fresh lock. Held only for file
 * I/O, never across a network call. Whoever cannot get it in time does not write.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

export interface LockOptions {
  /** How long to wait for the lock before giving up. */
  waitMs?: number;
  /** A lock file older than this is left over by a crashed run and taken over. */
  staleMs?: number;
}

interface Holder {
  id: string;
  host: string;
  pid: number;
}

async function tryCreate(path: string, holder: Holder): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(`${JSON.stringify({ ...holder, at: new Date().toISOString() })}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(path: string): Promise<Partial<Holder> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
  } catch {
    return undefined; // gone, or an old-style lock: judged by its age alone
  }
}

function processGone(holder: Partial<Holder> | undefined): boolean {
  if (!holder?.pid || holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes a stale lock away, so that the next O_EXCL create can win; only one waiter's rename succeeds. */
async function takeOverIfStale(path: string, staleMs: number, me: Holder): Promise<void> {
  try {
    const info = await stat(path);
    const seen = await readHolder(path);
    if (Date.now() - info.mtimeMs <= staleMs && !processGone(seen)) return;
    const aside = `${path}.stale-${me.id}`;
    await rename(path, aside);
    const moved = await readHolder(aside);
    // Someone took the stale lock over between our look and our rename: give theirs back.
    if (seen?.id !== moved?.id) await link(aside, path).catch(() => undefined);
    await rm(aside, { force: true });
  } catch {
    // Gone in the meantime, or another waiter moved it: the next attempt decides.
  }
}

/** Removes the lock only if it is still ours (a takeover may have replaced it). */
async function release(path: string, me: Holder): Promise<void> {
  if ((await readHolder(path))?.id === me.id) await rm(path, { force: true });
}

/** Runs `work` while holding the lock file `path`; throws `LockTimeoutError` after `waitMs` (work not run). */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 75_000;
  const staleMs = options.staleMs ?? 60_000;
  const me: Holder = { id: `${process.pid}-${randomBytes(6).toString('hex')}`, host: hostname(), pid: process.pid };
  const deadline = Date.now() + waitMs;
  while (!(await tryCreate(path, me))) {
    if (Date.now() > deadline)
      throw new LockTimeoutError(
        `the history is locked by another run (${path}); waited ${Math.round(waitMs / 1000)} s`,
      );
    await takeOverIfStale(path, staleMs, me);
    await sleep(25 + Math.random() * 50);
  }
  try {
    return await work();
  } finally {
    await release(path, me);
  }
}
