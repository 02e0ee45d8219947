/**
 * A fresh Chrome for one Lighthouse run: a new temporary profile every time, so no cache, cookie or
 * storage of an earlier run can skew the next one (reusing one Chrome skewed LCP by ~30 % here).
 */
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';

/** A running Chrome and the only way to end it: `close()` kills it and deletes its profile. */
export interface FreshChrome {
  port: number;
  pid: number;
  profileDir: string;
  /** False once the browser process has exited (crashed or killed). */
  isRunning(): boolean;
  close(): Promise<void>;
}

/** Thrown when Chrome cannot start; measurePage reports it as CHROME_FAILED. */
export class ChromeLaunchError extends Error {
  override name = 'ChromeLaunchError';
}

const EXIT_WAIT_MS = 5_000;
const POLL_MS = 50;

/**
 * Starts Chrome headless (`--headless=new`) with the suite's flags and a new temp profile.
 * The profile is removed even when the launch fails.
 */
export async function launchFreshChrome(chromePath: string, chromeFlags: readonly string[]): Promise<FreshChrome> {
  // chrome-launcher leaves the spawn error of a missing executable unhandled (an uncaught exception),
  // then polls for a debugging port for ~25 s: check first.
  await access(chromePath, constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    throw new ChromeLaunchError(
      `no executable Chrome at ${chromePath} (${error.code ?? error.message}); set CHROME_PATH or install Chromium`,
    );
  });
  const profileDir = await mkdtemp(join(tmpdir(), 'viamentor-lighthouse-'));
  const removeProfile = () => rm(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: [...chromeFlags.filter((flag) => !flag.startsWith('--headless')), '--headless=new'],
      userDataDir: profileDir,
      logLevel: 'silent',
      handleSIGINT: true,
      // Asked every 50 ms whether its debugging port is up (chrome-launcher's default: every 500 ms, which
      // made each start wait ~0.5 s for nothing); the same 25 s at most before a start counts as failed.
      connectionPollInterval: POLL_MS,
      maxConnectionRetries: Math.round(25_000 / POLL_MS),
    });
  } catch (error) {
    await removeProfile();
    throw new ChromeLaunchError(`Chrome did not start from ${chromePath}: ${(error as Error).message}`);
  }
  let closing: Promise<void> | undefined;
  return {
    port: chrome.port,
    pid: chrome.pid,
    profileDir,
    isRunning: () => chrome.process.exitCode === null && chrome.process.signalCode === null,
    close: () => (closing ??= killAndWait(chrome).then(removeProfile)),
  };
}

/** Kills the Chrome process group and waits (bounded) for it to exit, so its profile can be deleted. */
async function killAndWait(chrome: chromeLauncher.LaunchedChrome): Promise<void> {
  const child = chrome.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, EXIT_WAIT_MS);
    timer.unref();
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  chrome.kill();
  await exited;
}
