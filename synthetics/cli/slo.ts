/**
 * `npm run slo`: the SLO status from the history — availability over 30 days and the error budget
 * left (of 43.2 min), p95 API response time, p75 LCP/CLS/TTFB. `--json` prints the report as JSON;
 * `--days N` changes the window. Exit 0, or 2 on a configuration or usage error.
 */
import { EXIT, loadAlertingOptionsOrExit, loadConfigOrExit } from '../config/load.ts';
import { formatSloLines } from '../outputs/digest-message.ts';
import { historyPaths, loadHistory } from '../outputs/history-store.ts';
import { computeSlo } from '../alerting/slo.ts';
import { parseCliArgs, usageError } from './cli-args.ts';

const USAGE = 'npm run slo -- [--json] [--days N] (N from 1 to 90, default 30)';
const args = parseCliArgs({ json: { type: 'boolean' }, days: { type: 'string' } }, USAGE);
const json = args.values.json ?? false;
const days = Number(args.values.days ?? 30);
if (!Number.isInteger(days) || days < 1 || days > 90)
  usageError(`--days must be a whole number from 1 to 90 (got "${args.values.days}")`, USAGE);
const config = loadConfigOrExit();
const options = loadAlertingOptionsOrExit();
const now = options.now ?? new Date();

const paths = historyPaths(config.historyPath);
const history = await loadHistory(paths, now);
for (const warning of history.warnings) console.error(`⚠ ${warning}`);
const slo = computeSlo(history.records, config.target.baseUrl, now, options.scheduleMinutes, days);
if (json) {
  console.log(JSON.stringify({ target: config.target.baseUrl, history: paths.runs, ...slo }, null, 2));
} else {
  console.log(
    `SLO of ${config.target.baseUrl} — last ${days} days (${slo.runs} runs, ${slo.downRuns} down; ` +
      `history ${paths.runs})`,
  );
  if (slo.runs === 0)
    console.log('  no scheduled run recorded yet for this target: run `npm start` (or set HISTORY_PATH)');
  for (const line of formatSloLines(slo, 'en')) console.log(`  ${line}`);
}
process.exit(EXIT.healthy);
