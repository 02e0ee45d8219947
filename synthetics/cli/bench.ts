/**
 * `npm run bench [-- --runs N] [-- --pages /,/login]`: measures what the suite costs against known
 * baselines. Lighthouse half: our lab stage vs `lhci collect` on the same pages (the bundled reference
 * app, or BASE_URL). Prints the numbers and the targets, writes them to reports/bench/lighthouse.json.
 * Exit codes: 0 the bench ran (targets are reported, not enforced), 1 it could not run, 2 usage error.
 * Ends with process.exit: Lighthouse leaves timers alive for a few seconds after its last run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { benchLighthouse } from '../bench/lighthouse-bench.ts';
import { formatLighthouseBench } from '../bench/format-bench.ts';
import { startReferenceAppProcess, type ReferenceAppProcess } from '../bench/reference-app-process.ts';
import { BrowserNotFoundError, findChromium, type FoundBrowser } from '../config/browser.ts';
import { EXIT } from '../config/load.ts';
import { loadBudgetsSync } from '../config/budgets.ts';
import { BUNDLED_TARGET } from '../config/env.ts';
import { benchWatchers, formatWatchersBench } from '../bench/watchers-bench.ts';

const BENCH_DIR = join('reports', 'bench');

interface BenchArgs {
  runs: number;
  paths: string[];
}

function parseArgs(args: readonly string[]): BenchArgs | string {
  const parsed: BenchArgs = { runs: 3, paths: ['/', '/login'] };
  for (let index = 0; index < args.length; index += 1) {
    const [name, inline] = args[index]!.split(/=(.*)/s, 2);
    const value = inline ?? args[(index += 1)];
    if (name === '--runs') {
      if (!value || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 20) return `--runs needs a whole number from 1 to 20 (got "${value ?? ''}")`;
      parsed.runs = Number(value);
    } else if (name === '--pages') {
      const paths = (value ?? '').split(',').map((path) => path.trim()).filter(Boolean);
      if (paths.length === 0 || paths.some((path) => !path.startsWith('/'))) return `--pages needs comma-separated paths starting with / (got "${value ?? ''}")`;
      parsed.paths = paths;
    } else {
      return `unknown argument "${args[index]}" (valid: --runs N, --pages /,/login)`;
    }
  }
  return parsed;
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(`Usage error: ${args}`);
  process.exit(EXIT.usage);
}
let browser: FoundBrowser;
try {
  browser = findChromium(process.env.CHROME_PATH || undefined, chromium.executablePath());
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(EXIT.usage);
}

let app: ReferenceAppProcess | undefined;
try {
  const baseUrl = process.env.BASE_URL || (app = await startReferenceAppProcess()).url;
  console.log(`bench target: ${baseUrl}${app ? ' (bundled reference app)' : ' (BASE_URL)'}`);
  const lighthouse = await benchLighthouse({
    baseUrl,
    paths: args.paths,
    runs: args.runs,
    chromePath: browser.executablePath,
    chromeFlags: browser.args,
    throttling: loadBudgetsSync(process.env.SYNTHETICS_BUDGETS ?? 'budgets.json').lighthouse.throttling,
    reportDir: join(BENCH_DIR, 'lighthouse'),
    log: (line) => console.log(`  ${line}`),
  });
  console.log(['', ...formatLighthouseBench(lighthouse)].join('\n'));
  const appGone = app?.exitReport();
  if (appGone) console.error(`\nwarning: the reference app stopped during the bench, so later runs measured no server: ${appGone}`);
  await mkdir(BENCH_DIR, { recursive: true });
  await writeFile(join(BENCH_DIR, 'lighthouse.json'), `${JSON.stringify(lighthouse, null, 2)}\n`);
  console.log(`\nwritten: ${join(BENCH_DIR, 'lighthouse.json')} (run reports under ${join(BENCH_DIR, 'lighthouse')}/)`);
  const credentials = app ? { email: BUNDLED_TARGET.email, password: BUNDLED_TARGET.password } : { email: process.env.SYNTHETIC_EMAIL ?? '', password: process.env.SYNTHETIC_PASSWORD ?? '' };
  const watchers = await benchWatchers({ baseUrl, ...credentials, runs: args.runs, log: (line) => console.log(`  ${line}`) });
  console.log(['', ...formatWatchersBench(watchers)].join('\n'));
  await writeFile(join(BENCH_DIR, 'watchers.json'), `${JSON.stringify(watchers, null, 2)}\n`);
  await app?.stop();
  process.exit(EXIT.healthy);
} catch (error) {
  console.error(`The bench could not run: ${error instanceof Error ? error.message : String(error)}`);
  const appGone = app?.exitReport();
  if (appGone) console.error(appGone);
  await app?.stop();
  process.exit(EXIT.checkFailed);
}
