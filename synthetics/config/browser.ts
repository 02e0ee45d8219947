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

export type BrowserSource = 'CHROME_PATH' | 'system' | 'playwright';

export interface FoundBrowser {
  source: BrowserSource;
  /** Absolute path of the executable. */
  executablePath: string;
  /** Extra launch flags (the headless-friendly set for system browsers). */
  args: readonly string[];
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
    return { source: 'CHROME_PATH', executablePath: chromePath, args: CHROMIUM_FLAGS };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => exists(path));
  if (system) return { source: 'system', executablePath: system, args: CHROMIUM_FLAGS };
  if (playwrightPath && exists(playwrightPath)) {
    return { source: 'playwright', executablePath: playwrightPath, args: [] };
  }
  throw new BrowserNotFoundError(BROWSER_INSTALL_HINT);
}
