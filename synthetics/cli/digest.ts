/**
 * `npm run digest` (daily, from CI): one message to #viamentor-monitoring with the P2 items
 * (budgets, regressions, accessibility), open incidents, what resolved, missed schedules and the
 * SLO status of the last 30 days — from the history. Without a webhook: printed and written to
 * `<report dir>/digest.json` (dry run); `--dry-run` does the same with a webhook set. Exit 0 sent
 * (or dry run), 1 not delivered, 2 configuration or usage error.
 */
import { EXIT, loadAlertingOptionsOrExit, loadConfigOrExit } from '../config/load.ts';
import { environmentOf } from '../stages/alerting-stage.ts';
import { formatDigestMessage } from '../outputs/digest-message.ts';
import { historyPaths, loadHistory, writeFileAtomic } from '../outputs/history-store.ts';
import { redactDeep, redactText } from '../model/redact.ts';
import { payloadAsText } from '../outputs/slack-blocks.ts';
import { deliverAll } from '../outputs/slack-delivery.ts';
import { buildDigest } from '../alerting/digest.ts';
import { windowOccurrences } from '../alerting/maintenance.ts';
import { join } from 'node:path';
import { parseCliArgs } from './cli-args.ts';

const args = parseCliArgs({ 'dry-run': { type: 'boolean' } }, 'npm run digest -- [--dry-run]');
const config = loadConfigOrExit();
const options = loadAlertingOptionsOrExit();
const now = options.now ?? new Date();
const say = (text: string) => console.log(redactText(text, config.secrets));

const paths = historyPaths(config.historyPath);
const history = await loadHistory(paths, now);
for (const warning of history.warnings) say(`⚠ ${warning}`);
const windows = windowOccurrences(options.maintenance, new Date(now.getTime() - 24 * 3_600_000), now);
const digest = buildDigest(
  history.records,
  history.state,
  config.target.baseUrl,
  now,
  options.scheduleMinutes,
  24,
  windows,
);
const payload = redactDeep(
  formatDigestMessage(digest, config.alertLocale, environmentOf(config.target, options.environment)),
  config.secrets,
);
const url = args.values['dry-run'] ? undefined : config.slack.monitoring;
const result = url ? (await deliverAll([{ id: 'digest', url, payload }])).get('digest') : undefined;
const file = join(config.reportDir, 'digest.json');
const delivery = url ? (result?.delivered ? 'delivered' : 'failed') : 'dry-run';
const record = {
  at: now.toISOString(),
  target: config.target.baseUrl,
  delivery,
  ...(result?.error ? { error: result.error } : {}),
  payload,
  digest,
};
await writeFileAtomic(file, `${JSON.stringify(redactDeep(record, config.secrets), null, 2)}\n`);

if (!url) {
  const why = args.values['dry-run'] ? '--dry-run' : 'no SLACK_WEBHOOK_URL_MONITORING nor SLACK_WEBHOOK_URL';
  say(`Dry run (${why}): the digest is written to ${file}\n`);
  say(payloadAsText(payload).join('\n'));
  process.exit(EXIT.healthy);
}
if (result?.delivered) {
  say(`Digest sent to #viamentor-monitoring (${digest.runs.total} runs in 24 h, history ${paths.runs}).`);
  process.exit(EXIT.healthy);
}
console.error(
  redactText(
    `The digest could not be delivered: ${result?.error ?? 'unknown error'}. It is kept in ${file}; run \`npm ` +
      `run digest\` again.`,
    config.secrets,
  ),
);
process.exit(EXIT.checkFailed);
