/**
 * A lock file for the history: two runs that overlap (a slow scheduled run and the next one, or a
 * gate run) take turns to read-modify-write it. Created with O_EXCL; a lock older than `staleMs`
 * (its holder crashed) is taken over. Held only for file I/O, never across a network call.
 */
import { open, rm, stat } from 'node:fs/promises';
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

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function removeIfStale(path: string, staleMs: number): Promise<void> {
  try {
    const info = await stat(path);
    if (Date.now() - info.mtimeMs > staleMs) await rm(path, { force: true });
  } catch {
    // Gone in the meantime: the next attempt takes it.
  }
}

/** Runs `work` while holding the lock file `path`; throws `LockTimeoutError` after `waitMs`. */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 75_000;
  const staleMs = options.staleMs ?? 60_000;
  const deadline = Date.now() + waitMs;
  while (!(await tryCreate(path))) {
    if (Date.now() > deadline) throw new LockTimeoutError(`the history is locked by another run (${path}); waited ${Math.round(waitMs / 1000)} s`);
    await removeIfStale(path, staleMs);
    await sleep(25 + Math.random() * 50);
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
