/**
 * Where the suite finds Chromium. One place, used by Playwright, Lighthouse and the install step,
 * so that `CHROME_PATH`, a system Chromium (Debian, CI images) and Playwright's own download all work.
 */
import { existsSync } from 'node:fs';

/** Flags that make a system Chromium run headless on machines without a sandbox or a network. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** System locations tried after CHROME_PATH, in order. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * Chromium's headless shell, where a system package installs it (Debian's `chromium-headless-shell`):
 * what Playwright itself launches for headless checks by default. Measured on 2 cores, a healthy core
 * run took 32 s of CPU with it against 51 s with the full browser in headless mode (58 s wall against
 * 79 s). Lighthouse keeps the full browser (its lab numbers, like lhci's, come from the new headless).
 */
export const SYSTEM_HEADLESS_SHELL_PATHS: readonly string[] = [
  // The binary itself first: Debian's /usr/bin script runs it as a child (a kill would reach the script only).
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
];

export type BrowserSource = 'CHROME_PATH' | 'system' | 'playwright';

export interface FoundBrowser {
  source: BrowserSource;
  /** Absolute path of the executable. */
  executablePath: string;
  /** Extra launch flags (the headless-friendly set for system browsers). */
  args: readonly string[];
  /**
   * What Playwright's checks launch: the system headless shell beside a system Chromium when there is
   * one, else executablePath. CHROME_PATH is honoured as given, for both.
   */
  checksExecutablePath: string;
}

/** Thrown when CHROME_PATH names a file that does not exist, or no browser can be found at all. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

/** The instruction printed when no browser exists: exactly what to run. */
export const BROWSER_INSTALL_HINT =
  'no Chromium found: run `npx playwright install --with-deps chromium`, or as root on Debian/Ubuntu ' +
  '`apt-get install -y chromium`, or set CHROME_PATH to a Chrome/Chromium executable';

/**
 * Finds a browser: CHROME_PATH first (it must exist), then a system Chromium, then Playwright's own.
 * `playwrightPath` is Playwright's expected executable (chromium.executablePath()), passed in so this
 * stays free of Playwright imports.
 */
export function findChromium(
  chromePath: string | undefined,
  playwrightPath: string | undefined,
  exists: (path: string) => boolean = existsSync,
): FoundBrowser {
  if (chromePath) {
    if (!exists(chromePath)) {
      throw new BrowserNotFoundError(`CHROME_PATH: no file at ${chromePath}; fix the path or unset CHROME_PATH`);
    }
    return {
      source: 'CHROME_PATH',
      executablePath: chromePath,
      args: CHROMIUM_FLAGS,
      checksExecutablePath: chromePath,
    };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => exists(path));
  if (system) {
    const shell = SYSTEM_HEADLESS_SHELL_PATHS.find((path) => exists(path)) ?? system;
    return { source: 'system', executablePath: system, args: CHROMIUM_FLAGS, checksExecutablePath: shell };
  }
  if (playwrightPath && exists(playwrightPath)) {
    return { source: 'playwright', executablePath: playwrightPath, args: [], checksExecutablePath: playwrightPath };
  }
  throw new BrowserNotFoundError(BROWSER_INSTALL_HINT);
}
