/**
 * `npm run status-page [-- --out <file>]`: the static status page of the target (BASE_URL, else the
 * bundled app) from the history (HISTORY_PATH) — current state of every check, availability over
 * 24 h / 7 d / 30 d, open and recent incidents, hourly trends, SLO and error budget — written to
 * `reports/status/index.html`, one self-contained file (Chart.js inlined). CI publishes its folder
 * to GitHub Pages. Exit 0 written, 2 configuration or usage error.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EXIT, loadAlertingOptionsOrExit, loadConfigOrExit } from '../config/load.ts';
import { historyPaths, loadHistory, writeFileAtomic } from '../outputs/history-store.ts';
import { redactDeep, redactText } from '../model/redact.ts';
import { formatPercent } from '../outputs/status-page/format.ts';
import { renderStatusPage } from '../outputs/status-page/render-html.ts';
import { buildStatusModel } from '../outputs/status-page/status-model.ts';
import { parseCliArgs, usageError } from './cli-args.ts';

const DEFAULT_OUT = join('reports', 'status', 'index.html');

const USAGE = `npm run status-page -- [--out <file>] (default ${DEFAULT_OUT})`;
const args = parseCliArgs({ out: { type: 'string' } }, USAGE);
if (args.values.out !== undefined && !args.values.out.trim()) usageError('--out needs a file name', USAGE);
const parsed = { out: args.values.out ?? DEFAULT_OUT };
const config = loadConfigOrExit();
const options = loadAlertingOptionsOrExit();
const now = options.now ?? new Date();
const paths = historyPaths(config.historyPath);
const history = await loadHistory(paths, now);
for (const warning of history.warnings) console.error(redactText(`⚠ ${warning}`, config.secrets));

// Chart.js's UMD build sits next to its package entry point (the file is not in its exports map).
const chartJsPath = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const chartJs = await readFile(chartJsPath, 'utf8');
const model = redactDeep(
  buildStatusModel(history.records, history.state, config.target.baseUrl, now, options.scheduleMinutes),
  config.secrets,
);
await writeFileAtomic(parsed.out, renderStatusPage(model, chartJs));

const uptime = model.availability.map((window) => `${window.label} ${formatPercent(window.value)}`).join(' · ');
console.log(`Status page of ${model.target}: ${parsed.out}`);
console.log(
  `  ${model.overall} · availability ${uptime} · ${model.openIncidents.length} open ` +
    `incident(s), ${model.recentIncidents.length} resolved in 30 d · history ${paths.runs}`,
);
process.exit(EXIT.healthy);
