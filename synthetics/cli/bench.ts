/**
 * `npm run bench [-- --runs N] [--pages /,/login] [--only suite,lighthouse,watchers]`: what the suite
 * costs, against the bundled reference app (or BASE_URL): the core tier and the full run next to their
 * parts; our lab stage vs `lhci collect` on the same pages, alternating; the journeys with and without
 * watchers. Records the load average at start and end and flags figures measured under load.
 * Writes reports/bench/{suite,lighthouse,watchers,machine}.json.
 * Exit codes: 0 the bench ran (targets are reported, not enforced), 1 it could not run, 2 usage error.
 * Ends with process.exit: Lighthouse leaves timers alive for a few seconds after its last run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { EXIT, budgetsPath, rawEnv } from '../config/load.ts';
import { readBenchArgs } from './bench-args.ts';
import type { ReferenceAppProcess } from './bench/reference-app-process.ts';
import type { TimedRun } from './bench/suite-bench.ts';
import type { FoundBrowser } from '../config/browser.ts';

const BENCH_DIR = join('reports', 'bench');
const load = () => loadavg()[0] ?? 0;
const log = (line: string) => console.log(`  ${line}`);
const save = (name: string, data: unknown) => writeFile(join(BENCH_DIR, name), `${JSON.stringify(data, null, 2)}\n`);

const args = readBenchArgs(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(`Usage error: ${args}`);
  process.exit(EXIT.usage);
}
// Loaded only once the arguments are known to be good: a usage error answers at once.
const { chromium } = await import('@playwright/test');
const { benchLighthouse } = await import('./bench/lighthouse-bench.ts');
const { formatLighthouseBench } = await import('./bench/format-bench.ts');
const { startReferenceAppProcess } = await import('./bench/reference-app-process.ts');
const { formatSuiteBench, measuredUnderLoad, timeTier } = await import('./bench/suite-bench.ts');
const { benchWatchers, formatWatchersBench } = await import('./bench/watchers-bench.ts');
const { BrowserNotFoundError, findChromium } = await import('../config/browser.ts');
const { loadBudgetsSync } = await import('../config/budgets.ts');
const { BUNDLED_TARGET } = await import('../config/env.ts');
let browser: FoundBrowser;
try {
  browser = findChromium(rawEnv().chromePath, chromium.executablePath());
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(EXIT.usage);
}

let app: ReferenceAppProcess | undefined;
const loadStart = load();
try {
  const target = rawEnv().bench;
  const baseUrl = target.baseUrl || (app = await startReferenceAppProcess()).url;
  console.log(
    `bench target: ${baseUrl}${app ? ' (bundled reference app)' : ' (BASE_URL)'}; ` +
      `1-min load average ${loadStart.toFixed(2)}`,
  );
  const credentials = app
    ? {
        email: BUNDLED_TARGET.email,
        password: BUNDLED_TARGET.password,
        supabaseUrl: app.supabaseUrl,
        anonKey: app.anonKey,
      }
    : { email: target.email, password: target.password, supabaseUrl: target.supabaseUrl, anonKey: target.anonKey };
  await mkdir(BENCH_DIR, { recursive: true });
  if (args.only.includes('suite')) {
    const runs: TimedRun[] = [];
    for (const tier of ['core', 'all'] as const) {
      runs.push(await timeTier(tier, { baseUrl, ...credentials }));
      log(`${tier}: ${runs.at(-1)!.wallMs} ms (load ${load().toFixed(2)})`);
    }
    console.log(['', ...formatSuiteBench(runs)].join('\n'));
    await save('suite.json', runs);
  }
  if (args.only.includes('lighthouse')) {
    const lighthouse = await benchLighthouse({
      baseUrl,
      paths: args.paths,
      runs: args.runs,
      chromePath: browser.executablePath,
      chromeFlags: browser.args,
      throttling: loadBudgetsSync(budgetsPath()).lighthouse.throttling,
      reportDir: join(BENCH_DIR, 'lighthouse'),
      log,
    });
    console.log(['', ...formatLighthouseBench(lighthouse)].join('\n'));
    await save('lighthouse.json', lighthouse);
  }
  if (args.only.includes('watchers')) {
    const watchers = await benchWatchers({ baseUrl, ...credentials, runs: args.runs, log });
    console.log(['', ...formatWatchersBench(watchers)].join('\n'));
    await save('watchers.json', watchers);
  }
  const appGone = app?.exitReport();
  if (appGone)
    console.error(
      `\nwarning: the reference app stopped during the bench, so later runs measured no server: ${appGone}`,
    );
  const machine = { at: new Date().toISOString(), cpus: availableParallelism(), loadStart, loadEnd: load() };
  const busy = measuredUnderLoad(machine.loadStart, machine.loadEnd, machine.cpus);
  console.log(
    `\nmachine: ${machine.cpus} CPU(s), ` +
      `1-min load average ${loadStart.toFixed(2)} at start, ${machine.loadEnd.toFixed(2)} at end`,
  );
  if (busy)
    console.log(
      'MEASURED UNDER LOAD (load average above half the CPUs): the times and ratios above are not idle-machine ' +
        'figures.',
    );
  await save('machine.json', { ...machine, underLoad: busy });
  console.log(`written: ${BENCH_DIR}/ (suite, lighthouse, watchers, machine .json; run reports under lighthouse/)`);
  await app?.stop();
  process.exit(EXIT.healthy);
} catch (error) {
  console.error(`The bench could not run: ${error instanceof Error ? error.message : String(error)}`);
  const appGone = app?.exitReport();
  if (appGone) console.error(appGone);
  await app?.stop();
  process.exit(EXIT.checkFailed);
}
