/**
 * Makes sure a Chromium exists: CHROME_PATH, a system Chromium, or Playwright's own. With
 * `--install` (npm's postinstall) it tries to install one when none is found — apt-get as root on
 * Debian/Ubuntu, else `playwright install chromium` — and otherwise prints exactly what to run; beside
 * a system Chromium it adds Debian's headless shell, which the checks launch (config/browser.ts).
 * Exit codes: 0 a browser is there (or postinstall: we said what to do), 2 none and not installable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { BROWSER_INSTALL_HINT, BrowserNotFoundError, findChromium, type FoundBrowser } from '../config/browser.ts';
import { EXIT, loadDotenvFile, rawEnv } from '../config/load.ts';

loadDotenvFile();
const installing = process.argv.includes('--install');

function find(): FoundBrowser | undefined {
  const { chromePath } = rawEnv();
  try {
    return findChromium(chromePath, chromium.executablePath());
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    if (chromePath) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(EXIT.usage);
    }
    return undefined;
  }
}

function run(command: string, args: string[], timeoutMs: number): boolean {
  console.log(`viamentor-synthetics: no Chromium found, trying: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs });
  return result.status === 0;
}

function tryInstall(): void {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    if (
      run('apt-get', ['update', '-qq'], 180_000) &&
      run('apt-get', ['install', '-y', '-qq', 'chromium', 'chromium-headless-shell'], 300_000)
    )
      return;
  }
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  run(process.execPath, [cli, 'install', 'chromium'], 300_000);
}

/** A system Chromium without its headless shell: as root on Debian, add it (the checks' lighter browser). */
function tryAddHeadlessShell(found: FoundBrowser): FoundBrowser {
  const isRoot = process.getuid?.() === 0;
  if (found.source !== 'system' || found.checksExecutablePath !== found.executablePath) return found;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return found;
  console.log('viamentor-synthetics: adding the headless shell beside the system Chromium (lighter checks)');
  const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', timeout: 300_000 }).status === 0;
  const install = ['install', '-y', '-qq', 'chromium-headless-shell'];
  if (!apt(install) && apt(['update', '-qq'])) apt(install);
  return find() ?? found;
}

let browser = find();
if (!browser && installing && !rawEnv().skipBrowserInstall) {
  tryInstall();
  browser = find();
}
if (browser && installing && !rawEnv().skipBrowserInstall) browser = tryAddHeadlessShell(browser);
if (browser) {
  console.log(`viamentor-synthetics: using Chromium from ${browser.source}: ${browser.executablePath}`);
  if (browser.checksExecutablePath !== browser.executablePath)
    console.log(`viamentor-synthetics: the checks launch its headless shell: ${browser.checksExecutablePath}`);
} else {
  console.error(`viamentor-synthetics: ${BROWSER_INSTALL_HINT}`);
  // During `npm install` we only say what to do; the suite itself stops with exit 2 until it's done.
  process.exit(installing ? EXIT.healthy : EXIT.usage);
}
