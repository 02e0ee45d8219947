/**
 * `npm run silence`: hold alerts back during planned maintenance or a known incident.
 *   --for 30m --reason "…" [--check <id or glob>]   set a silence (ends by itself)
 *   --list                                           silences and maintenance windows in force
 *   --clear <id>                                     end a silence now
 * Silences live in the incident state next to the history (HISTORY_PATH; the state branch in CI).
 * Exit 0 done, 2 usage or configuration error (one line).
 */
import { randomBytes } from 'node:crypto';
import { EXIT, loadAlertingOptionsOrExit, loadConfigOrExit } from '../config/load.ts';
import { parseSilenceArgs, SILENCE_USAGE } from '../config/silence-args.ts';
import { historyPaths, loadHistory, updateState } from '../outputs/history-store.ts';
import { windowOccurrences } from '../alerting/maintenance.ts';
import { activeSilences, endSilence, type Silence } from '../alerting/silences.ts';
import { usageError } from './cli-args.ts';

const command = parseSilenceArgs(process.argv.slice(2));
if (command.kind === 'error') usageError(command.message, SILENCE_USAGE);
const config = loadConfigOrExit();
const options = loadAlertingOptionsOrExit();
const now = options.now ?? new Date();
const paths = historyPaths(config.historyPath);
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const describe = (silence: Silence) =>
  `${silence.id}  until ${utc(silence.until)}  ${silence.checks ?? 'all checks'}  — ${silence.reason}`;

if (command.kind === 'list') {
  const history = await loadHistory(paths, now);
  for (const warning of history.warnings) console.log(`⚠ ${warning}`);
  const manual = (history.state.silences ?? []).filter((silence) => Date.parse(silence.until) > now.getTime());
  const windows = activeSilences(windowOccurrences(options.maintenance, now, now), now);
  const lines = [...manual, ...windows].map(describe);
  console.log(lines.length ? lines.join('\n') : `No silence in force (${paths.state}).`);
  process.exit(EXIT.healthy);
}

let result = '';
const warnings = await updateState(paths, now, (state) => {
  const silences = state.silences ?? [];
  if (command.kind === 'clear') {
    const next = endSilence(silences, command.id, now);
    result = next ? `Silence ${command.id} ended; the next run sends what is still open.` : '';
    return next ? { ...state, silences: next } : state;
  }
  const silence: Silence = {
    id: `sil-${randomBytes(3).toString('hex')}`,
    reason: command.reason,
    from: now.toISOString(),
    until: new Date(now.getTime() + command.durationMs).toISOString(),
    source: 'manual',
    ...(command.checks ? { checks: command.checks } : {}),
  };
  result = `Silence ${describe(silence)}`;
  return { ...state, silences: [...silences, silence] };
});
for (const warning of warnings) console.log(`⚠ ${warning}`);
if (!result) {
  const id = command.kind === 'clear' ? command.id : '';
  usageError(`no silence "${id}" in force (see --list)`, SILENCE_USAGE);
}
console.log(result);
process.exit(EXIT.healthy);
