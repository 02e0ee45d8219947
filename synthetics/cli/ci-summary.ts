/**
 * `npm run --silent ci-summary -- [report dir] [--title <text>]`: the run's summary.json as
 * Markdown — the verdict, a table of the checks, the budgets, what alerting decided — printed for
 * `>> "$GITHUB_STEP_SUMMARY"`. It never fails a job: without a result it says so.
 * Exit 0, or 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, loadConfigOrExit } from '../config/load.ts';
import { parseCliArgs } from './cli-args.ts';
import type { AlertingSection } from '../outputs/alerting-report.ts';
import { formatJobSummary } from '../outputs/job-summary.ts';
import { redactText } from '../model/redact.ts';
import type { RunSummary } from '../model/run-result.ts';

const args = parseCliArgs(
  { title: { type: 'string' } },
  'npm run --silent ci-summary -- [report dir] [--title <text>]',
  1,
);
const parsed = { dir: args.positionals[0], title: args.values.title };
const config = loadConfigOrExit();
const path = join(parsed.dir ?? config.reportDir, 'summary.json');
try {
  const summary = JSON.parse(await readFile(path, 'utf8')) as RunSummary & { alerting?: AlertingSection };
  process.stdout.write(redactText(formatJobSummary(summary, parsed.title), config.secrets));
} catch (error) {
  process.stdout.write(
    `## ❌ ${parsed.title ?? 'Viamentor synthetics'}: no result\n\nThe run wrote ` +
      `no \`${path}\` (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): see the job's log.\n`,
  );
}
process.exit(EXIT.healthy);
