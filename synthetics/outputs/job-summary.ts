/**
 * The run result as a GitHub Actions job summary (`$GITHUB_STEP_SUMMARY`, GitHub-flavoured
 * Markdown): the verdict first, then a table of the checks that are not green and the rest, the
 * budgets folded away, what the alerting stage decided and the warnings. Pure.
 */
import { unitOfCheck } from '../model/check-ids.ts';
import type { CheckResult, CheckStatus, RunSummary } from '../model/run-result.ts';
import { formatValue } from '../model/numbers.ts';
import { CHANNEL_NAMES, whereSent, type AlertingSection } from './alerting-report.ts';

const ICON: Record<CheckStatus, string> = {
  passed: '✅',
  flaky: '🟡',
  degraded: '🐢',
  skipped: '⏭️',
  failed: '❌',
  error: '⛔',
};
const GREEN: readonly CheckStatus[] = ['passed', 'flaky'];
/** GitHub limits a step summary to 1 MiB; reasons are cut well before that. */
const REASON_CHARS = 300;

/** Text safe inside one Markdown table cell. */
export function cell(text: string, max = REASON_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function notGreenFirst(a: CheckResult, b: CheckResult): number {
  return Number(GREEN.includes(a.status)) - Number(GREEN.includes(b.status));
}

function checksTable(checks: readonly CheckResult[]): string[] {
  const rows = [...checks]
    .sort(notGreenFirst)
    .map(
      (check) =>
        `| ${ICON[check.status]} | \`${check.id}\` | ${check.status} | ` +
        `${seconds(check.durationMs)} | ${check.attempts} | ${cell(check.error ?? '')} |`,
    );
  return ['| | check | status | time | attempts | reason |', '|---|---|---|---|---|---|', ...rows];
}

function budgetsTable(budgets: readonly CheckResult[]): string[] {
  const rows = [...budgets].sort(notGreenFirst).map((check) => {
    const unit = unitOfCheck(check.id);
    const values = (check.values ?? []).map((value) => formatValue(value, unit)).join(', ');
    const limits = `≤ ${formatValue(check.expected, unit)} | ${formatValue(check.actual, unit)}`;
    return `| ${ICON[check.status]} | \`${check.id}\` | ${limits} | ${cell(values, 120)} |`;
  });
  const failing = budgets.filter((check) => !GREEN.includes(check.status)).length;
  return [
    '',
    `<details${failing ? ' open' : ''}><summary>Budgets: ${budgets.length - failing} within, ${failing} over or ` +
      `not measured</summary>`,
    '',
    '| | budget | limit | actual | values |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '</details>',
  ];
}

function alertingLines(alerting: AlertingSection): string[] {
  const out = ['', `### Alerting (${alerting.mode})`, ''];
  for (const decision of alerting.incidents.decisions) {
    out.push(`- ${decision.kind} **${decision.severity}** \`${decision.key}\` → ${whereSent(alerting, decision)}`);
  }
  for (const message of alerting.notifications.messages.filter((candidate) => candidate.kind === 'gate'))
    out.push(`- gate result → ${CHANNEL_NAMES[message.channel]}: ${message.delivery}`);
  const open = alerting.incidents.open.filter((incident) => incident.status === 'open');
  const openList = open.map(
    (incident) =>
      `**${incident.severity}** \`${incident.key}\` since ${incident.since.slice(0, 16).replace('T', ' ')} UTC`,
  );
  out.push(`- open incidents: ${open.length ? openList.join(', ') : 'none'}`);
  const history = alerting.history.recorded ? `recorded (${alerting.history.runs} runs)` : '**not recorded**';
  out.push(`- history: ${history} · heartbeat: ${alerting.heartbeat.status}`);
  if (alerting.slo?.availability !== undefined)
    out.push(
      `- SLO ${alerting.slo.windowDays} d: availability ${(alerting.slo.availability * 100).toFixed(3)} %, error ` +
        `budget left ${alerting.slo.budgetLeftMinutes} / ${alerting.slo.budgetMinutes} min`,
    );
  return out;
}

/** The job summary of a run (with its `alerting` object when the stage has run). */
export function formatJobSummary(
  summary: RunSummary & { alerting?: AlertingSection },
  title = 'Viamentor synthetics',
): string {
  const pass = summary.verdict === 'pass';
  const counted = (Object.entries(summary.counts) as Array<[CheckStatus, number]>)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  const budgets = summary.checks.filter((check) => check.kind === 'budget');
  const others = summary.checks.filter((check) => check.kind !== 'budget');
  const warnings = [...summary.warnings, ...(summary.alerting?.warnings ?? [])];
  const lines = [
    `## ${pass ? '✅' : '❌'} ${title}: ${pass ? 'PASS' : 'FAIL'}`,
    '',
    `Run \`${summary.runId}\` against ${summary.target.baseUrl} · ` +
      `${summary.checks.length} checks: ${counted.join(', ') || 'none'} · ${seconds(summary.durationMs)}`,
    '',
    ...(others.length ? checksTable(others) : ['_No uptime, journey or accessibility check in this run._']),
    ...(budgets.length ? budgetsTable(budgets) : []),
    ...(summary.alerting ? alertingLines(summary.alerting) : []),
    ...(warnings.length ? ['', '### Warnings', '', ...warnings.map((warning) => `- ${cell(warning, 500)}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
