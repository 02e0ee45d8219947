/**
 * `npm run slo`: the SLO status from the history — availability over 30 days and the error budget
 * left (of 43.2 min), p95 API response time, p75 LCP/CLS/TTFB. `--json` prints the report as JSON;
 * `--days N` changes the window. Exit 0, or 2 on a configuration or usage error.
 */
import { loadAlertingOptionsOrExit } from '../config/alerting.ts';
import { EXIT, loadConfigOrExit } from '../config/load.ts';
import { formatSloLines } from '../outputs/digest-message.ts';
import { historyPaths, loadHistory } from '../outputs/history-store.ts';
import { computeSlo } from '../verdict/slo.ts';

const config = loadConfigOrExit();
const options = loadAlertingOptionsOrExit();
const now = options.now ?? new Date();

function parseArgs(args: readonly string[]): { json: boolean; days: number } | undefined {
  let json = false;
  let days = 30;
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--json') json = true;
    else if (args[index] === '--days') days = Number(args[(index += 1)]);
    else return undefined;
  }
  return Number.isInteger(days) && days >= 1 && days <= 90 ? { json, days } : undefined;
}

const parsed = parseArgs(process.argv.slice(2));
if (!parsed) {
  console.error('Usage error: npm run slo -- [--json] [--days N] (N from 1 to 90, default 30)');
  process.exit(EXIT.usage);
}
const { json, days } = parsed;

const paths = historyPaths(config.historyPath);
const history = await loadHistory(paths, now);
for (const warning of history.warnings) console.error(`⚠ ${warning}`);
const slo = computeSlo(history.records, config.target.baseUrl, now, options.scheduleMinutes, days);
if (json) {
  console.log(JSON.stringify({ target: config.target.baseUrl, history: paths.runs, ...slo }, null, 2));
} else {
  console.log(`SLO of ${config.target.baseUrl} — last ${days} days (${slo.runs} runs, ${slo.downRuns} down; history ${paths.runs})`);
  if (slo.runs === 0) console.log('  no scheduled run recorded yet for this target: run `npm start` (or set HISTORY_PATH)');
  for (const line of formatSloLines(slo, 'en')) console.log(`  ${line}`);
}
process.exit(EXIT.healthy);
